package dev.warden.core.audit;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;

/**
 * {@code AccessPolicy::require} as the audit use case sees it: the role feature records audit events, so audit may
 * not depend on it back (features are free of cycles); the application wires the policy in.
 */
@FunctionalInterface
public interface PermissionCheck {
    /** Returns when the actor holds the permission; throws the policy's refusal otherwise. */
    void require(Actor actor, Permission permission);
}
