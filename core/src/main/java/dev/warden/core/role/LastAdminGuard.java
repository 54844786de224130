package dev.warden.core.role;

import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.workspace.WorkspaceId;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The workspace must keep a workspace admin who can sign in to the console: an active user with a password.
 * Technical users and service principals never count, so the last human admin cannot be removed on the strength of
 * an organisation token that will expire. Services call {@link #check} at the end of a change,
 * inside its transaction: whatever path removed the last one (deactivation, deletion, a role or membership
 * removed, a group deleted), the change is refused and rolled back.
 */
public final class LastAdminGuard {
    private final RoleRepository roles;
    private final RoleAssignmentRepository assignments;
    private final GroupRepository groups;
    private final PrincipalRepository principals;

    public LastAdminGuard(
            RoleRepository roles,
            RoleAssignmentRepository assignments,
            GroupRepository groups,
            PrincipalRepository principals) {
        this.roles = roles;
        this.assignments = assignments;
        this.groups = groups;
        this.principals = principals;
    }

    /** Every active principal that holds workspace-admin, of any kind (they hold CAN_MANAGE on tokens). */
    public Set<PrincipalId> activeWorkspaceAdmins(WorkspaceId workspace) {
        return admins(workspace, Principal::active);
    }

    /** The workspace admins who can sign in to the console: the ones the guard counts. */
    public Set<PrincipalId> signInWorkspaceAdmins(WorkspaceId workspace) {
        return admins(workspace, Principal::canLogIn);
    }

    private Set<PrincipalId> admins(WorkspaceId workspace, Predicate<Principal> counted) {
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
        principals.findAllById(workspace, candidates).stream()
                .filter(counted)
                .forEach(principal -> active.add(principal.id()));
        return active;
    }

    /**
     * Makes the change, then refuses it (the caller's transaction rolls it back) if it took away the last workspace
     * admin who could sign in. A workspace that had none before (provisioned through the API only) is not made worse
     * by a change, so the change goes ahead there.
     * @param what the change, as the refusal names it ("deactivating admin")
     */
    public <T> T keepingAnAdmin(WorkspaceId workspace, String what, Supplier<T> change) {
        boolean hadOne = !signInWorkspaceAdmins(workspace).isEmpty();
        T result = change.get();
        if (hadOne) {
            check(workspace, what);
        }
        return result;
    }

    public void keepingAnAdmin(WorkspaceId workspace, String what, Runnable change) {
        keepingAnAdmin(workspace, what, () -> {
            change.run();
            return null;
        });
    }

    /** @param what the change, as the refusal names it ("deactivating admin") */
    public void check(WorkspaceId workspace, String what) {
        if (signInWorkspaceAdmins(workspace).isEmpty()) {
            throw new InvalidStateException("Refused: " + what + " would leave the workspace without an active"
                    + " workspace admin who can sign in to the console (technical users and service principals do"
                    + " not count). Make another user with a console password workspace admin first.");
        }
    }
}
