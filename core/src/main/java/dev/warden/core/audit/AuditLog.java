package dev.warden.core.audit;

import dev.warden.core.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;

/** Port: the append-only audit trail. Write it inside the transaction of the change it describes. */
public interface AuditLog {
    void record(AuditEvent event);

    /** Newest first. */
    List<AuditEvent> recent(WorkspaceId workspace, int limit);

    /** Newest first: the events about one target, as the main target or as one of the subjects. */
    List<AuditEvent> history(WorkspaceId workspace, String targetType, String targetId, int limit);

    /** Newest first (by time, then id): at most {@code limit} events of the workspace that match the query. */
    List<StoredAuditEvent> search(WorkspaceId workspace, AuditQuery query, int limit);

    /** The event of this id in the workspace, with its subjects; empty for an id of another workspace's event. */
    Optional<StoredAuditEvent> find(WorkspaceId workspace, long id);
}
