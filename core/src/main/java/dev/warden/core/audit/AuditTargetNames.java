package dev.warden.core.audit;

import dev.warden.core.workspace.WorkspaceId;
import java.util.Map;
import java.util.Set;

/**
 * Port: the names targets of the audit log go by now (a token's comment, a user's user name, a service principal's,
 * group's or service's display name, a role's name), read for a whole page in one query per target type.
 */
public interface AuditTargetNames {
    /**
     * The current names of those targets of this type (spelled as stored) that still exist in the workspace, by id;
     * an id of nothing, or a type whose targets have no name, is absent.
     */
    Map<String, String> names(WorkspaceId workspace, String targetType, Set<String> ids);
}
