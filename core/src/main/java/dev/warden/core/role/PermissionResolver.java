package dev.warden.core.role;

import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.ServiceScopes;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Computes a principal's current permissions from its role assignments, direct and through its groups, every
 * time it is asked: nothing is copied, so a role change applies to the next request. An inactive principal
 * holds nothing.
 */
public final class PermissionResolver {
    private final PrincipalRepository principals;
    private final GroupRepository groups;
    private final RoleRepository roles;
    private final RoleAssignmentRepository assignments;
    private final ServiceScopes serviceScopes;

    public PermissionResolver(
            PrincipalRepository principals,
            GroupRepository groups,
            RoleRepository roles,
            RoleAssignmentRepository assignments,
            ServiceScopes serviceScopes) {
        this.principals = principals;
        this.groups = groups;
        this.roles = roles;
        this.assignments = assignments;
        this.serviceScopes = serviceScopes;
    }

    public EffectivePermissions of(WorkspaceId workspace, PrincipalId principalId) {
        Optional<Principal> principal = principals.findById(workspace, principalId);
        if (principal.isEmpty() || !principal.get().active()) {
            return EffectivePermissions.NONE;
        }
        return of(principal.get());
    }

    public EffectivePermissions of(Principal principal) {
        if (!principal.active()) {
            return EffectivePermissions.NONE;
        }
        WorkspaceId workspace = principal.workspace();
        Map<GroupId, Group> memberOf = groups.groupsOf(workspace, principal.id()).stream()
                .collect(Collectors.toMap(Group::id, Function.identity()));
        List<RoleAssignment> held = assignments.forAssignees(workspace, principal.id(), memberOf.keySet());
        return new EffectivePermissions(grants(workspace, held, memberOf));
    }

    /** What membership in a group confers: the grants of the roles assigned to the group. */
    public List<Grant> grantsThrough(Group group) {
        List<RoleAssignment> held = assignments.list(group.workspace()).stream()
                .filter(assignment -> group.id().equals(assignment.group()))
                .toList();
        return grants(group.workspace(), held, Map.of(group.id(), group));
    }

    private List<Grant> grants(WorkspaceId workspace, List<RoleAssignment> held, Map<GroupId, Group> memberOf) {
        Map<GroupId, Group> scopes = scopeGroups(workspace, held, memberOf);
        Map<RoleId, Optional<Role>> roleCache = new HashMap<>();
        Map<RoleId, Set<Permission>> granted = new HashMap<>();
        List<Grant> grants = new ArrayList<>();
        for (RoleAssignment assignment : held) {
            Optional<Role> role = roleCache.computeIfAbsent(assignment.role(), id -> roles.findById(workspace, id));
            if (role.isEmpty()) {
                continue;
            }
            Group via = assignment.group() == null ? null : memberOf.get(assignment.group());
            Group scope = assignment.scopeGroup() == null ? null : scopes.get(assignment.scopeGroup());
            if (assignment.scopeGroup() != null && scope == null) {
                continue; // scoped to a group that no longer exists
            }
            for (Permission permission : granted.computeIfAbsent(role.get().id(), id -> permissionsOf(role.get()))) {
                grants.add(new Grant(permission, role.get(), assignment, via, scope));
            }
        }
        return grants;
    }

    /**
     * What a role grants: a built-in role's permissions live in code, a custom role's in the store; and
     * {@code workspace-admin} holds the whole catalogue of its workspace, registered services' scopes included (an
     * admin can grant them, so that custom roles can).
     */
    public Set<Permission> permissionsOf(Role role) {
        if (role.asBuiltIn().filter(BuiltInRole::holdsWholeCatalogue).isPresent()) {
            return new TreeSet<>(serviceScopes.catalogue(role.workspace()).permissions());
        }
        return role.asBuiltIn().map(BuiltInRole::permissions).orElse(role.permissions());
    }

    private Map<GroupId, Group> scopeGroups(
            WorkspaceId workspace, List<RoleAssignment> held, Map<GroupId, Group> known) {
        Set<GroupId> wanted = new HashSet<>();
        held.stream()
                .map(RoleAssignment::scopeGroup)
                .filter(id -> id != null && !known.containsKey(id))
                .forEach(wanted::add);
        Map<GroupId, Group> scopes = new HashMap<>(known);
        if (!wanted.isEmpty()) {
            groups.findAllById(workspace, wanted).forEach(group -> scopes.put(group.id(), group));
        }
        return scopes;
    }
}
