package dev.warden.core.role;

import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import java.util.Collection;
import java.util.Set;

/**
 * Port: nobody grants a role's permissions without holding them. Owned by the role feature, which only asks;
 * implemented by {@code delegation.DirectoryPolicy}, which reads roles, groups and token usage to answer.
 */
public interface RoleGrantRules {

    /** Giving a role at workspace scope ({@code scope} null) or on one group; refuses by throwing. */
    void requireMayGrant(Actor actor, String roleName, Set<Permission> granted, GroupId scope);

    /** Adding permissions to a role that these assignments hold; refuses by throwing. */
    void requireMayWiden(Actor actor, String roleName, Set<Permission> added, Collection<RoleAssignment> holders);
}
