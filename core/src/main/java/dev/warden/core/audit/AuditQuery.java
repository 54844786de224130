package dev.warden.core.audit;

import dev.warden.core.principal.PrincipalId;
import java.time.Instant;

/**
 * Which events of a workspace to read; every null field matches everything. {@code targetType} is spelled as stored
 * (lower case); {@code targetId} also matches an event listing the target among its subjects (as
 * {@link AuditEvent#concerns} does). {@code since} is inclusive, {@code until} exclusive. {@code after} continues a
 * previous page: only events older than that position (newest first by time, then id).
 */
public record AuditQuery(
        PrincipalId actorId,
        AuditAction action,
        String targetType,
        String targetId,
        Instant since,
        Instant until,
        AuditCursor after) {

    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null, null);

    public AuditQuery continuingAfter(AuditCursor cursor) {
        return new AuditQuery(actorId, action, targetType, targetId, since, until, cursor);
    }

    /** Whether the event passes every filter and the cursor; the in-memory log and tests use it. */
    public boolean matches(StoredAuditEvent stored) {
        AuditEvent event = stored.event();
        return (actorId == null || actorId.equals(event.actorId()))
                && (action == null || action == event.action())
                && (targetType == null || targetType.equals(event.targetType()))
                && (targetId == null
                        || targetId.equals(event.targetId())
                        || event.subjects().contains(targetId))
                && (since == null || !event.occurredAt().isBefore(since))
                && (until == null || event.occurredAt().isBefore(until))
                && (after == null || after.isBefore(stored));
    }
}
