package dev.warden.core.role;

import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;

/**
 * One permission a principal holds, and where it comes from: the role, the assignment, the group it was
 * inherited through ({@code via} null when assigned directly) and its scope ({@code scope} null = workspace).
 */
public record Grant(Permission permission, Role role, RoleAssignment assignment, Group via, Group scope) {
    public boolean atWorkspaceScope() {
        return scope == null;
    }

    public boolean inherited() {
        return via != null;
    }
}
