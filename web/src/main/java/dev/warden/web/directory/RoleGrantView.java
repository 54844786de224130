package dev.warden.web.directory;

import dev.warden.core.permission.Permission;
import dev.warden.core.role.Grant;
import dev.warden.core.role.Role;
import java.util.List;

/**
 * One role a principal holds and where it comes from: assigned directly or inherited through a group, at
 * workspace scope or for one group, by the assignment {@code assignmentId} (a direct one can be undone on the page).
 * {@code summary} reads "group-admin — scoped to group data-eng — via group ops".
 */
record RoleGrantView(
        long roleId,
        String role,
        boolean builtIn,
        Long scopeGroupId,
        String scopeGroup,
        Long viaGroupId,
        String viaGroup,
        List<String> permissions,
        long assignmentId) {

    static RoleGrantView of(Grant grant, List<Permission> permissions) {
        Role role = grant.role();
        return new RoleGrantView(
                role.id().value(),
                role.name(),
                role.builtIn(),
                grant.scope() == null ? null : grant.scope().id().value(),
                grant.scope() == null ? null : grant.scope().displayName(),
                grant.via() == null ? null : grant.via().id().value(),
                grant.via() == null ? null : grant.via().displayName(),
                permissions.stream().map(Permission::key).sorted().toList(),
                grant.assignment().id().value());
    }

    public boolean inherited() {
        return viaGroup != null;
    }

    public String scopeLabel() {
        return scopeGroup == null ? "workspace" : "scoped to group " + scopeGroup;
    }

    public String sourceLabel() {
        return viaGroup == null ? "assigned directly" : "via group " + viaGroup;
    }

    public String summary() {
        return role + " — " + scopeLabel() + " — " + sourceLabel();
    }
}
