package dev.warden.core.principal;

import dev.warden.core.workspace.WorkspaceId;
import java.util.Objects;

/**
 * Anything that can own a token. {@code id} is null until the principal is stored.
 * {@code passwordHash} is only ever set for users who log in to the console.
 */
public record Principal(PrincipalId id, WorkspaceId workspace, PrincipalKind kind, String userName,
                        String displayName, boolean active, String passwordHash) {

    public Principal {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(displayName, "displayName");
    }

    public static Principal newUser(WorkspaceId workspace, String userName, String displayName, String passwordHash) {
        return new Principal(null, workspace, PrincipalKind.USER, userName, displayName, true, passwordHash);
    }

    public Principal withId(PrincipalId newId) {
        return new Principal(newId, workspace, kind, userName, displayName, active, passwordHash);
    }

    public Principal withActive(boolean nowActive) {
        return new Principal(id, workspace, kind, userName, displayName, nowActive, passwordHash);
    }

    public boolean canLogIn() {
        return kind == PrincipalKind.USER && active && passwordHash != null;
    }

    /** What an audit record or a message calls this principal. */
    public String name() {
        return userName != null ? userName : displayName;
    }
}
