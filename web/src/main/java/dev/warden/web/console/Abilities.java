package dev.warden.web.console;

import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Permission;
import dev.warden.core.role.EffectivePermissions;

/**
 * What the signed-in principal may do in the Admin Console, read from its current permissions, so pages show
 * only the links and buttons that work. The services check again on every call; this only shapes the page.
 */
public record Abilities(EffectivePermissions held) {

    /** Users and service principals: {@code scim:read} across the workspace. */
    public boolean readDirectory() {
        return held.holds(Permission.SCIM_READ);
    }

    public boolean writeDirectory() {
        return held.holds(Permission.SCIM_WRITE);
    }

    /** Some groups: the whole directory, or the groups a group-scoped role names. */
    public boolean readGroups() {
        return held.grants().stream().anyMatch(g -> g.permission().equals(Permission.SCIM_READ));
    }

    public boolean writeGroup(long groupId) {
        return held.holds(Permission.SCIM_WRITE, new GroupId(groupId));
    }

    public boolean readRoles() {
        return held.holds(Permission.ROLES_READ);
    }

    public boolean writeRoles() {
        return held.holds(Permission.ROLES_WRITE);
    }

    /** Other principals' tokens. */
    public boolean readTokens() {
        return held.holds(Permission.TOKEN_MANAGEMENT_READ);
    }

    /** One group's tokens: {@code token-management:read} across the workspace or on that group (its group-admin). */
    public boolean readGroupTokens(long groupId) {
        return held.holds(Permission.TOKEN_MANAGEMENT_READ, new GroupId(groupId));
    }

    /** Other principals' tokens: create, revoke, bulk revoke. */
    public boolean writeTokens() {
        return held.holds(Permission.TOKEN_MANAGEMENT_WRITE);
    }

    /** The registered services. */
    public boolean readServices() {
        return held.holds(Permission.SERVICES_READ) || held.holds(Permission.SERVICES_WRITE);
    }

    public boolean writeServices() {
        return held.holds(Permission.SERVICES_WRITE);
    }

    public boolean holds(Permission permission) {
        return held.holds(permission);
    }
}
