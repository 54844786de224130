package dev.warden.core.role;

import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.shared.PermissionDeniedException;
import java.util.List;

/** Checks an actor's current permissions; services call it before they change anything. */
public final class AccessPolicy {
    private final PermissionResolver resolver;

    public AccessPolicy(PermissionResolver resolver) {
        this.resolver = resolver;
    }

    /**
     * What the actor holds now: as its request was authorised, when the actor carries that ({@link AuthorisedActor}:
     * the decision chain resolved it at the workspace's current authorisation version), else read afresh.
     */
    public EffectivePermissions permissionsOf(Actor actor) {
        return AuthorisedActor.of(actor)
                .map(AuthorisedActor::permissions)
                .orElseGet(() -> resolver.of(actor.workspace(), actor.principal()));
    }

    public void require(Actor actor, Permission permission) {
        EffectivePermissions held = permissionsOf(actor);
        if (!held.holds(permission)) {
            throw denied(actor, permission, held, "");
        }
    }

    /** Held at workspace scope or at this group's scope (a group admin managing their group). */
    public void require(Actor actor, Permission permission, GroupId group) {
        EffectivePermissions held = permissionsOf(actor);
        if (!held.holds(permission, group)) {
            throw denied(actor, permission, held, " for group " + group);
        }
    }

    /**
     * Reading something back: whoever may change it may also read it (the answer to a write shows what was written),
     * so {@code write} also allows what {@code read} does, for the workspace ({@code group} null) or for that group.
     */
    public void requireToRead(Actor actor, Permission read, Permission write, GroupId group) {
        EffectivePermissions held = permissionsOf(actor);
        boolean allowed = group == null
                ? held.holds(read) || held.holds(write)
                : held.holds(read, group) || held.holds(write, group);
        if (!allowed) {
            throw denied(actor, read, held, group == null ? "" : " for group " + group);
        }
    }

    /** Held at workspace scope or on at least one group (a group admin sees the groups it administers). */
    public void requireAnywhere(Actor actor, Permission permission) {
        EffectivePermissions held = permissionsOf(actor);
        if (held.grants().stream().noneMatch(grant -> grant.permission().equals(permission))) {
            throw denied(actor, permission, held, " (for the workspace or for any group)");
        }
    }

    private static PermissionDeniedException denied(
            Actor actor, Permission permission, EffectivePermissions held, String where) {
        List<String> roles = held.roleNames();
        return new PermissionDeniedException(
                permission.key(),
                actor.label() + " lacks the permission '"
                        + permission.key() + "'" + where + ". Roles held: "
                        + (roles.isEmpty() ? "none" : String.join(", ", roles))
                        + ". A workspace admin can grant a role with that permission.");
    }
}
