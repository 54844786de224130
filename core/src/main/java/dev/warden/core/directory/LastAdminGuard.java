package dev.warden.core.directory;

import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.workspace.WorkspaceId;
import java.util.HashSet;
import java.util.Set;

/**
 * The workspace must keep an active workspace admin. Services call {@link #check} at the end of a change,
 * inside its transaction: whatever path removed the last one (deactivation, deletion, a role or membership
 * removed, a group deleted), the change is refused and rolled back.
 */
public final class LastAdminGuard {
    private final RoleRepository roles;
    private final RoleAssignmentRepository assignments;
    private final GroupRepository groups;
    private final PrincipalRepository principals;

    public LastAdminGuard(RoleRepository roles, RoleAssignmentRepository assignments, GroupRepository groups,
                          PrincipalRepository principals) {
        this.roles = roles;
        this.assignments = assignments;
        this.groups = groups;
        this.principals = principals;
    }

    public Set<PrincipalId> activeWorkspaceAdmins(WorkspaceId workspace) {
        Set<PrincipalId> candidates = new HashSet<>();
        roles.findByName(workspace, BuiltInRole.WORKSPACE_ADMIN.roleName()).ifPresent(admin -> {
            for (RoleAssignment assignment : assignments.forRole(workspace, admin.id())) {
                if (!assignment.atWorkspaceScope()) {
                    continue;
                }
                if (assignment.principal() != null) {
                    candidates.add(assignment.principal());
                } else {
                    candidates.addAll(groups.members(workspace, assignment.group()));
                }
            }
        });
        Set<PrincipalId> active = new HashSet<>();
        principals.findAllById(workspace, candidates).stream().filter(Principal::active)
                .forEach(principal -> active.add(principal.id()));
        return active;
    }

    /** @param what the change, as the refusal names it ("deactivating admin") */
    public void check(WorkspaceId workspace, String what) {
        if (activeWorkspaceAdmins(workspace).isEmpty()) {
            throw new InvalidStateException("Refused: " + what + " would leave the workspace without an active"
                    + " workspace admin. Make another principal workspace admin first.");
        }
    }
}
