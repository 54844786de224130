package dev.warden.core.role;

import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Authorisation;
import dev.warden.core.principal.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * A token owner with the permissions its request was authorised with (the decision chain's resolution at the
 * workspace's current authorisation version), carried by its {@link Actor} so that {@link AccessPolicy} and the
 * services of a read-only request do not read the owner's roles and groups again.
 * @param principal the owner, active, as read at that version
 * @param permissions what it holds at that version
 */
public record AuthorisedActor(Principal principal, EffectivePermissions permissions) implements Authorisation {
    public AuthorisedActor {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(permissions, "permissions");
    }

    /** What the actor's request resolved, if it did. */
    public static Optional<AuthorisedActor> of(Actor actor) {
        return actor.authorisation() instanceof AuthorisedActor authorised ? Optional.of(authorised) : Optional.empty();
    }
}
