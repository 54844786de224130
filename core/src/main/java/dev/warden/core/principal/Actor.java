package dev.warden.core.principal;

import dev.warden.core.workspace.WorkspaceId;
import java.util.Objects;

/** Who is acting: a logged-in user or the owner of the token that authenticated a request. */
public record Actor(WorkspaceId workspace, PrincipalId principal, String name, String clientAddress) {
    public Actor {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(name, "name");
    }

    public static Actor of(Principal principal, String clientAddress) {
        return new Actor(principal.workspace(), principal.id(), principal.name(), clientAddress);
    }
}
