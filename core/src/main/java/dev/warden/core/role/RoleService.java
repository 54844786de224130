package dev.warden.core.role;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.ServiceScopes;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.shared.Validation;
import dev.warden.core.workspace.AuthorizationVersions;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Custom roles (any set of permissions) and role assignments to principals and groups, at workspace scope or
 * at one group's scope. Built-in roles can be assigned but not changed.
 */
public final class RoleService {
    /** The audit detail of {@code ROLE_UPDATED} that lists, space-separated, the permissions the role lost. */
    public static final String PERMISSIONS_REMOVED = "permissions_removed";

    private static final int NAME_MAX = 64;

    private final RoleRepository roles;
    private final RoleAssignmentRepository assignments;
    private final PrincipalRepository principals;
    private final GroupRepository groups;
    private final AccessPolicy access;
    private final RoleGrantRules delegation;
    private final LastAdminGuard lastAdmin;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final AuthorizationVersions versions;
    private final PermissionResolver resolver;
    private final ServiceScopes serviceScopes;
    private final Clock clock;

    public RoleService(
            RoleRepository roles,
            RoleAssignmentRepository assignments,
            PrincipalRepository principals,
            GroupRepository groups,
            AccessPolicy access,
            RoleGrantRules delegation,
            LastAdminGuard lastAdmin,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            PermissionResolver resolver,
            ServiceScopes serviceScopes,
            Clock clock) {
        this.roles = roles;
        this.assignments = assignments;
        this.principals = principals;
        this.groups = groups;
        this.access = access;
        this.delegation = delegation;
        this.lastAdmin = lastAdmin;
        this.audit = audit;
        this.tx = tx;
        this.versions = versions;
        this.resolver = resolver;
        this.serviceScopes = serviceScopes;
        this.clock = clock;
    }

    public List<Role> list(Actor actor) {
        access.require(actor, Permission.ROLES_READ);
        return roles.list(actor.workspace());
    }

    public Role get(Actor actor, RoleId id) {
        access.require(actor, Permission.ROLES_READ);
        return find(actor, id);
    }

    public Role create(Actor actor, String name, String description, Set<Permission> permissions) {
        access.require(actor, Permission.ROLES_WRITE);
        String roleName = Validation.required(name, "name", NAME_MAX);
        String text = Validation.optional(description, "description", 255);
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            requireFreeName(actor, roleName, null);
            requireInCatalogue(actor, permissions);
            Role role = roles.save(
                    Role.custom(actor.workspace(), roleName, text, permissions == null ? Set.of() : permissions));
            audit.record(event(actor, AuditAction.ROLE_CREATED, role)
                    .detail("after", describe(role))
                    .build());
            return role;
        });
    }

    /** Changes a custom role; null arguments keep what the role has. */
    public Role update(Actor actor, RoleId id, String name, String description, Set<Permission> permissions) {
        access.require(actor, Permission.ROLES_WRITE);
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            Role before = find(actor, id);
            if (before.builtIn()) {
                throw new InvalidStateException(
                        "Built-in role '" + before.name() + "' cannot be changed;" + " create a custom role instead.");
            }
            String roleName = name == null ? before.name() : Validation.required(name, "name", NAME_MAX);
            requireFreeName(actor, roleName, id);
            if (permissions != null) {
                requireInCatalogue(actor, permissions);
                Set<Permission> added = permissions.stream()
                        .filter(p -> !before.permissions().contains(p))
                        .collect(Collectors.toSet());
                delegation.requireMayWiden(actor, before.name(), added, assignments.forRole(actor.workspace(), id));
            }
            Role after = roles.save(before.edited(
                    roleName,
                    description == null ? before.description() : Validation.optional(description, "description", 255),
                    permissions == null ? before.permissions() : permissions));
            audit.record(event(actor, AuditAction.ROLE_UPDATED, after)
                    .detail("before", describe(before))
                    .detail("after", describe(after))
                    .detail(PERMISSIONS_REMOVED, keysOnlyIn(before.permissions(), after.permissions()))
                    .detail("permissions_added", keysOnlyIn(after.permissions(), before.permissions()))
                    .build());
            return after;
        });
    }

    /** A role grants only what its workspace's catalogue holds (a service's scope may have been removed meanwhile). */
    private void requireInCatalogue(Actor actor, Set<Permission> permissions) {
        if (permissions != null && !permissions.isEmpty()) {
            serviceScopes
                    .catalogue(actor.workspace())
                    .parsePermissions(permissions.stream().map(Permission::key).toList(), "permissions");
        }
    }

    /** Deletes a custom role and its assignments; returns how many assignments went with it. */
    public int delete(Actor actor, RoleId id) {
        access.require(actor, Permission.ROLES_WRITE);
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            Role role = find(actor, id);
            if (role.builtIn()) {
                throw new InvalidStateException("Built-in role '" + role.name() + "' cannot be deleted.");
            }
            int held = assignments.forRole(actor.workspace(), id).size();
            roles.delete(actor.workspace(), id);
            audit.record(event(actor, AuditAction.ROLE_DELETED, role)
                    .detail("before", describe(role))
                    .detail("assignments_removed", held)
                    .build());
            return held;
        });
    }

    public List<RoleAssignment> assignments(Actor actor) {
        access.require(actor, Permission.ROLES_READ);
        return assignments.list(actor.workspace());
    }

    public List<RoleAssignment> holders(Actor actor, RoleId id) {
        access.require(actor, Permission.ROLES_READ);
        find(actor, id);
        return assignments.forRole(actor.workspace(), id);
    }

    /**
     * Resolves assignments (as {@link #assignments} or {@link #holders} gave them) into who and what they name, in
     * a few batch reads. Assignments whose role, holder or scope group is gone are left out.
     */
    public List<RoleHolding> describe(Actor actor, Collection<RoleAssignment> held) {
        access.require(actor, Permission.ROLES_READ);
        Map<RoleId, Role> byRole =
                roles.list(actor.workspace()).stream().collect(Collectors.toMap(Role::id, Function.identity()));
        Map<PrincipalId, Principal> byPrincipal = principals.byId(
                actor.workspace(), held.stream().map(RoleAssignment::principal).toList());
        Set<GroupId> groupIds = new HashSet<>();
        held.forEach(a -> {
            if (a.group() != null) {
                groupIds.add(a.group());
            }
            if (a.scopeGroup() != null) {
                groupIds.add(a.scopeGroup());
            }
        });
        Map<GroupId, Group> byGroup = groups.findAllById(actor.workspace(), groupIds).stream()
                .collect(Collectors.toMap(Group::id, Function.identity()));
        List<RoleHolding> described = new ArrayList<>();
        for (RoleAssignment a : held) {
            Role role = byRole.get(a.role());
            Principal principal = a.principal() == null ? null : byPrincipal.get(a.principal());
            Group group = a.group() == null ? null : byGroup.get(a.group());
            Group scope = a.scopeGroup() == null ? null : byGroup.get(a.scopeGroup());
            if (role == null || (principal == null && group == null) || (a.scopeGroup() != null && scope == null)) {
                continue;
            }
            described.add(new RoleHolding(a, role, principal, group, scope));
        }
        return described;
    }

    /**
     * Gives a role to a principal or a group (exactly one), at workspace scope or, with {@code scope}, at one
     * group's scope. {@code group-admin} and {@code group-member} need a scope.
     */
    public RoleAssignment assign(Actor actor, RoleId roleId, PrincipalId principal, GroupId group, GroupId scope) {
        access.require(actor, Permission.ROLES_WRITE);
        if ((principal == null) == (group == null)) {
            throw new InvalidParameterException("principal_id", "Give exactly one of principal_id and group_id.");
        }
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            Role role = roles.findById(actor.workspace(), roleId)
                    .orElseThrow(() -> new InvalidParameterException("role_id", "Role " + roleId + " does not exist."));
            if (role.groupScopedOnly() && scope == null) {
                throw new InvalidParameterException(
                        "scope_group_id",
                        "Role '" + role.name() + "' is given for one group: name that group in scope_group_id.");
            }
            if (principal != null
                    && principals
                            .findById(actor.workspace(), principal)
                            .filter(p -> p.kind() != PrincipalKind.TECHNICAL_USER)
                            .isEmpty()) {
                throw new InvalidParameterException("principal_id", "Principal " + principal + " does not exist.");
            }
            if (group != null && groups.findById(actor.workspace(), group).isEmpty()) {
                throw new InvalidParameterException("group_id", "Group " + group + " does not exist.");
            }
            if (scope != null && groups.findById(actor.workspace(), scope).isEmpty()) {
                throw new InvalidParameterException("scope_group_id", "Group " + scope + " does not exist.");
            }
            RoleAssignment wanted = principal != null
                    ? RoleAssignment.toPrincipal(actor.workspace(), roleId, principal, scope)
                    : RoleAssignment.toGroup(actor.workspace(), roleId, group, scope);
            if (assignments.forRole(actor.workspace(), roleId).stream().anyMatch(wanted::sameAs)) {
                throw new ResourceAlreadyExistsException("That role assignment already exists.");
            }
            delegation.requireMayGrant(actor, role.name(), resolver.permissionsOf(role), scope);
            RoleAssignment saved = assignments.add(wanted);
            audit.record(assignmentEvent(actor, AuditAction.ROLE_ASSIGNED, role, saved)
                    .build());
            return saved;
        });
    }

    public void unassign(Actor actor, RoleAssignmentId id) {
        access.require(actor, Permission.ROLES_WRITE);
        tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            RoleAssignment assignment = assignments
                    .findById(actor.workspace(), id)
                    .orElseThrow(() -> new ResourceNotFoundException("Role assignment " + id + " does not exist."));
            Role role = find(actor, assignment.role());
            if (role.builtIn() && role.name().equals(BuiltInRole.WORKSPACE_ADMIN.roleName())) {
                lastAdmin.keepingAnAdmin(
                        actor.workspace(),
                        "removing the workspace-admin role",
                        () -> assignments.delete(actor.workspace(), id));
            } else {
                assignments.delete(actor.workspace(), id);
            }
            audit.record(assignmentEvent(actor, AuditAction.ROLE_UNASSIGNED, role, assignment)
                    .build());
        });
    }

    private Role find(Actor actor, RoleId id) {
        return roles.findById(actor.workspace(), id)
                .orElseThrow(() -> new ResourceNotFoundException("Role " + id + " does not exist."));
    }

    private void requireFreeName(Actor actor, String name, RoleId self) {
        if (BuiltInRole.named(name).isPresent() && self == null) {
            throw new ResourceAlreadyExistsException(Validation.echo(name) + " is a built-in role name.");
        }
        roles.findByName(actor.workspace(), name)
                .filter(other -> !other.id().equals(self))
                .ifPresent(other -> {
                    throw new ResourceAlreadyExistsException(
                            "A role named " + Validation.echo(name) + " already exists.");
                });
    }

    private AuditEvent.Builder event(Actor actor, AuditAction action, Role role) {
        return AuditEvent.by(actor, action, clock.instant().truncatedTo(ChronoUnit.MICROS))
                .target("role", String.valueOf(role.id()));
    }

    private AuditEvent.Builder assignmentEvent(Actor actor, AuditAction action, Role role, RoleAssignment assignment) {
        return event(actor, action, role)
                .detail("role", role.name())
                .detail("assignment_id", assignment.id())
                .detail("principal_id", assignment.principal())
                .detail("group_id", assignment.group())
                .detail("scope", assignment.scopeGroup() == null ? "workspace" : "group " + assignment.scopeGroup());
    }

    /** The keys of the permissions in {@code these} but not in {@code those}, space-separated; null when none. */
    private static String keysOnlyIn(Set<Permission> these, Set<Permission> those) {
        String keys = these.stream()
                .filter(p -> !those.contains(p))
                .map(Permission::key)
                .sorted()
                .collect(Collectors.joining(" "));
        return keys.isEmpty() ? null : keys;
    }

    private static String describe(Role role) {
        return role.name() + " ["
                + role.permissions().stream().map(Permission::key).sorted().collect(Collectors.joining(" ")) + "]";
    }
}
