package dev.warden.core.entitlement;

import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.role.PermissionResolver;

/**
 * Who may sign in to the console: an active user with a console password who holds {@code workspace-access},
 * directly or through one of its groups (as on Databricks, where a user gets it from the {@code users} group) — or
 * who is a workspace admin. Workspace admins always may, whatever their entitlements say (on Databricks the
 * {@code admins} group's workspace access cannot be taken away), so no change of entitlements can lock the
 * workspace out of its console: the last-admin guard, which counts admins who can sign in, holds unchanged.
 */
public final class ConsoleAccessPolicy {
    private final EntitlementRepository entitlements;
    private final PermissionResolver permissions;

    public ConsoleAccessPolicy(EntitlementRepository entitlements, PermissionResolver permissions) {
        this.entitlements = entitlements;
        this.permissions = permissions;
    }

    /** Whether this user, once its password is right, may have a console session. */
    public boolean maySignIn(Principal user) {
        if (user.kind() != PrincipalKind.USER || !user.canLogIn()) {
            return false;
        }
        return entitlements.holds(user.workspace(), user.id(), Entitlement.WORKSPACE_ACCESS)
                || permissions.of(user).isWorkspaceAdmin();
    }

    /** What the login page tells a user refused here (after its password was right). */
    public static String refusal() {
        return "This account has no access to the Warden console (it lacks the workspace-access entitlement)."
                + " A workspace admin can grant it to the user or to one of its groups. API tokens are not affected.";
    }
}
