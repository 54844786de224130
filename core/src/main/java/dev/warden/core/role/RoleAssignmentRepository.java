package dev.warden.core.role;

import dev.warden.core.group.GroupId;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port for role assignments; every call is scoped by workspace. */
public interface RoleAssignmentRepository {
    RoleAssignment add(RoleAssignment assignment);

    Optional<RoleAssignment> findById(WorkspaceId workspace, RoleAssignmentId id);

    boolean delete(WorkspaceId workspace, RoleAssignmentId id);

    /** Assignments made to this principal directly or to any of these groups. */
    List<RoleAssignment> forAssignees(WorkspaceId workspace, PrincipalId principal, Collection<GroupId> groups);

    List<RoleAssignment> forRole(WorkspaceId workspace, RoleId role);

    List<RoleAssignment> list(WorkspaceId workspace);
}
