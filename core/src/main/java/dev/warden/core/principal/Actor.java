package dev.warden.core.principal;

import dev.warden.core.workspace.WorkspaceId;
import java.util.Objects;

/**
 * Who is acting: a logged-in user or the owner of the token that authenticated a request.
 * @param authorisation what the request's decision chain already resolved about this actor, for its services to
 *                      reuse (see {@link Authorisation}); null when they read it themselves (console sessions,
 *                      change requests, background work)
 */
public record Actor(
        WorkspaceId workspace, PrincipalId principal, String name, String clientAddress, Authorisation authorisation) {
    public Actor {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(name, "name");
        if (authorisation != null
                && !(principal.equals(authorisation.principal().id())
                        && workspace.equals(authorisation.principal().workspace()))) {
            throw new IllegalArgumentException("an authorisation belongs to its own actor");
        }
    }

    public Actor(WorkspaceId workspace, PrincipalId principal, String name, String clientAddress) {
        this(workspace, principal, name, clientAddress, null);
    }

    /**
     * What a message for people calls the actor: as {@link Principal#label()} when the request resolved its
     * principal (a service principal by its display name, not only its application id), else its name.
     */
    public String label() {
        return authorisation == null ? name : authorisation.principal().label();
    }

    public static Actor of(Principal principal, String clientAddress) {
        return new Actor(principal.workspace(), principal.id(), principal.name(), clientAddress);
    }

    /** The owner of a token whose request was authorised with what {@code authorisation} holds. */
    public static Actor authorised(Authorisation authorisation, String clientAddress) {
        Principal principal = authorisation.principal();
        return new Actor(principal.workspace(), principal.id(), principal.name(), clientAddress, authorisation);
    }
}
