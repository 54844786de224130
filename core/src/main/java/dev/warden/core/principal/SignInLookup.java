package dev.warden.core.principal;

import dev.warden.core.workspace.Workspace;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import java.util.Optional;

/**
 * What a console sign-in looks up before anyone is authenticated: the console's workspace by its name, and the
 * user who signs in. The caller checks the password and the user's active state; an attempt that names no one is
 * still audited in the workspace.
 */
public final class SignInLookup {
    private final WorkspaceRepository workspaces;
    private final PrincipalRepository principals;

    public SignInLookup(WorkspaceRepository workspaces, PrincipalRepository principals) {
        this.workspaces = workspaces;
        this.principals = principals;
    }

    public Optional<Workspace> workspace(String name) {
        return workspaces.findByName(name);
    }

    /** The principal behind a sign-in whose password matched, as it is now. */
    public Optional<Principal> user(WorkspaceId workspace, PrincipalId id) {
        return principals.findById(workspace, id);
    }

    /**
     * The user with this userName who has a console password, active or not (so the caller can tell a disabled
     * account); never a service principal or technical user, who do not sign in.
     */
    public Optional<Principal> userWithPassword(WorkspaceId workspace, String userName) {
        return principals
                .findByUserName(workspace, userName)
                .filter(p -> p.kind() == PrincipalKind.USER && p.passwordHash() != null);
    }
}
