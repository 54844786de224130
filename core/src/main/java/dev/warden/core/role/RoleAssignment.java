package dev.warden.core.role;

import dev.warden.core.group.GroupId;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Objects;

/**
 * A role given to a principal or to a group (exactly one), at workspace scope ({@code scopeGroup} null) or
 * at one group's scope.
 */
public record RoleAssignment(
        RoleAssignmentId id,
        WorkspaceId workspace,
        RoleId role,
        PrincipalId principal,
        GroupId group,
        GroupId scopeGroup) {
    public RoleAssignment {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(role, "role");
        if ((principal == null) == (group == null)) {
            throw new IllegalArgumentException("a role is assigned to exactly one principal or one group");
        }
    }

    public static RoleAssignment toPrincipal(WorkspaceId workspace, RoleId role, PrincipalId principal, GroupId scope) {
        return new RoleAssignment(null, workspace, role, principal, null, scope);
    }

    public static RoleAssignment toGroup(WorkspaceId workspace, RoleId role, GroupId group, GroupId scope) {
        return new RoleAssignment(null, workspace, role, null, group, scope);
    }

    public boolean atWorkspaceScope() {
        return scopeGroup == null;
    }

    public RoleAssignment withId(RoleAssignmentId newId) {
        return new RoleAssignment(newId, workspace, role, principal, group, scopeGroup);
    }

    /** Same role, same assignee, same scope. */
    public boolean sameAs(RoleAssignment other) {
        return role.equals(other.role)
                && Objects.equals(principal, other.principal)
                && Objects.equals(group, other.group)
                && Objects.equals(scopeGroup, other.scopeGroup);
    }
}
