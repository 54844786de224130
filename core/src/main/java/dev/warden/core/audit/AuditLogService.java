package dev.warden.core.audit;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.shared.InvalidParameterException;
import java.util.List;

/** Use case: read the workspace's audit log, filtered and paged, for holders of {@code audit:read}. */
public class AuditLogService {
    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 1000;
    public static final String PAGE_SIZE_FIELD = "page_size";

    private final AuditLog audit;
    private final PermissionCheck access;

    /** @param access {@code AccessPolicy::require} */
    public AuditLogService(AuditLog audit, PermissionCheck access) {
        this.audit = audit;
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
        if (query.since() != null && query.until() != null && query.since().isAfter(query.until())) {
            throw new InvalidParameterException("since", "since must not be later than until.");
        }
        // One more than asked tells whether another page follows without a count.
        List<StoredAuditEvent> found = audit.search(actor.workspace(), query, limit + 1);
        if (found.size() <= limit) {
            return new AuditPage(List.copyOf(found), null);
        }
        List<StoredAuditEvent> page = List.copyOf(found.subList(0, limit));
        return new AuditPage(page, AuditCursor.after(page.get(limit - 1)));
    }
}
