package dev.warden.core.role;

import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Permission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What a principal may do right now: the union of its direct and group role assignments. */
public record EffectivePermissions(List<Grant> grants) {
    public static final EffectivePermissions NONE = new EffectivePermissions(List.of());

    public EffectivePermissions {
        grants = List.copyOf(grants);
    }

    /** At workspace scope. */
    public boolean holds(Permission permission) {
        return grants.stream().anyMatch(g -> g.permission().equals(permission) && g.atWorkspaceScope());
    }

    /** For one group: held at workspace scope, or at that group's scope. */
    public boolean holds(Permission permission, GroupId group) {
        return grants.stream()
                .anyMatch(g -> g.permission().equals(permission)
                        && (g.atWorkspaceScope() || g.scope().id().equals(group)));
    }

    /** Permissions held at workspace scope. */
    public Set<Permission> workspacePermissions() {
        Set<Permission> permissions = new TreeSet<>();
        grants.stream().filter(Grant::atWorkspaceScope).forEach(g -> permissions.add(g.permission()));
        return permissions;
    }

    /** Each role assignment that contributes, once (for "roles: direct and inherited, with where from"). */
    public List<Grant> assignments() {
        Map<RoleAssignmentId, Grant> byAssignment = new LinkedHashMap<>();
        grants.forEach(g -> byAssignment.putIfAbsent(g.assignment().id(), g));
        return List.copyOf(byAssignment.values());
    }

    /** The names of the roles held, as a denial message lists them. */
    public List<String> roleNames() {
        return grants.stream()
                .map(g -> g.role().name()
                        + (g.atWorkspaceScope() ? "" : " (group " + g.scope().displayName() + ")"))
                .distinct()
                .toList();
    }

    public boolean isWorkspaceAdmin() {
        return grants.stream()
                .anyMatch(g -> g.atWorkspaceScope()
                        && g.role().builtIn()
                        && g.role().name().equals(BuiltInRole.WORKSPACE_ADMIN.roleName()));
    }
}
