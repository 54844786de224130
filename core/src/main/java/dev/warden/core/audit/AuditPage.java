package dev.warden.core.audit;

import java.util.List;
import java.util.Map;

/**
 * One page of the audit log, newest first; {@code next} is null on the last page. {@code targetNames} holds the
 * current name of each main target of the page that still exists.
 */
public record AuditPage(List<StoredAuditEvent> events, AuditCursor next, Map<AuditTarget, String> targetNames) {
    public AuditPage {
        events = List.copyOf(events);
        targetNames = Map.copyOf(targetNames);
    }

    public AuditPage(List<StoredAuditEvent> events, AuditCursor next) {
        this(events, next, Map.of());
    }

    /** The current name of the event's main target; null when it has none, no longer exists or has no name. */
    public String targetName(StoredAuditEvent stored) {
        AuditEvent event = stored.event();
        return event.targetType() == null || event.targetId() == null
                ? null
                : targetNames.get(new AuditTarget(event.targetType(), event.targetId()));
    }
}
