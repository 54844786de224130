package dev.warden.core.audit;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.workspace.WorkspaceId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Use case: read the workspace's audit log, filtered and paged, for holders of {@code audit:read}. */
public class AuditLogService {
    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 1000;
    /** The most events one export holds, newest first; narrow the time range for older ones. */
    public static final int MAX_EXPORT = 100_000;

    public static final String PAGE_SIZE_FIELD = "page_size";

    private final AuditLog audit;
    private final AuditTargetNames names;
    private final PermissionCheck access;

    /** @param access {@code AccessPolicy::require} */
    public AuditLogService(AuditLog audit, AuditTargetNames names, PermissionCheck access) {
        this.audit = audit;
        this.names = names;
        this.access = access;
    }

    /**
     * @param pageSize null for {@value #DEFAULT_PAGE}; from 1 to {@value #MAX_PAGE}
     */
    public AuditPage search(Actor actor, AuditQuery query, Integer pageSize) {
        access.require(actor, Permission.AUDIT_READ);
        int limit = pageSize == null ? DEFAULT_PAGE : pageSize;
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidParameterException(
                    PAGE_SIZE_FIELD, PAGE_SIZE_FIELD + " must be from 1 to " + MAX_PAGE + "; got " + limit + ".");
        }
        validate(query);
        return page(actor.workspace(), query, limit);
    }

    /**
     * Every event that matches, newest first, at most {@code max} (up to {@value #MAX_EXPORT}), handed to
     * {@code sink} a page at a time so that an export streams without holding them all. The permission and the
     * filters are checked before the first page; {@code sink} sees at least one page, empty when nothing matches.
     */
    public void export(Actor actor, AuditQuery query, int max, Consumer<AuditPage> sink) {
        access.require(actor, Permission.AUDIT_READ);
        validate(query);
        int left = Math.min(max, MAX_EXPORT);
        AuditQuery next = query;
        do {
            AuditPage page = page(actor.workspace(), next, Math.min(MAX_PAGE, left));
            sink.accept(page);
            left -= page.events().size();
            next = page.next() == null ? null : query.continuingAfter(page.next());
        } while (next != null && left > 0);
    }

    /** One event of the workspace's log, with the current name of its target. */
    public AuditPage event(Actor actor, long id) {
        access.require(actor, Permission.AUDIT_READ);
        StoredAuditEvent found = audit.find(actor.workspace(), id)
                .orElseThrow(() -> new ResourceNotFoundException("Audit event " + id + " does not exist."));
        return new AuditPage(List.of(found), null, targetNames(actor.workspace(), List.of(found)));
    }

    private static void validate(AuditQuery query) {
        if (query.since() != null && query.until() != null && query.since().isAfter(query.until())) {
            throw new InvalidParameterException("since", "since must not be later than until.");
        }
    }

    private AuditPage page(WorkspaceId workspace, AuditQuery query, int limit) {
        // One more than asked tells whether another page follows without a count.
        List<StoredAuditEvent> found = audit.search(workspace, query, limit + 1);
        if (found.size() <= limit) {
            return new AuditPage(found, null, targetNames(workspace, found));
        }
        List<StoredAuditEvent> page = found.subList(0, limit);
        return new AuditPage(page, AuditCursor.after(page.get(limit - 1)), targetNames(workspace, page));
    }

    /** One read per target type on the page, never one per event. */
    private Map<AuditTarget, String> targetNames(WorkspaceId workspace, List<StoredAuditEvent> events) {
        Map<String, Set<String>> idsByType = new LinkedHashMap<>();
        for (StoredAuditEvent stored : events) {
            AuditEvent event = stored.event();
            if (event.targetType() != null && event.targetId() != null) {
                idsByType
                        .computeIfAbsent(event.targetType(), type -> new LinkedHashSet<>())
                        .add(event.targetId());
            }
        }
        Map<AuditTarget, String> named = new HashMap<>();
        idsByType.forEach((type, ids) ->
                names.names(workspace, type, ids).forEach((id, name) -> named.put(new AuditTarget(type, id), name)));
        return named;
    }
}
