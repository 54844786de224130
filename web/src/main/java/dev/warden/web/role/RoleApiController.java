package dev.warden.web.role;

import dev.warden.core.group.GroupId;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentId;
import dev.warden.core.role.RoleId;
import dev.warden.core.role.RoleService;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.Validation;
import dev.warden.web.role.RoleApiModels.AssignmentRequest;
import dev.warden.web.role.RoleApiModels.AssignmentResponse;
import dev.warden.web.role.RoleApiModels.ListAssignmentsResponse;
import dev.warden.web.role.RoleApiModels.ListRolesResponse;
import dev.warden.web.role.RoleApiModels.RoleRequest;
import dev.warden.web.role.RoleApiModels.RoleResponse;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Warden's roles API (no Databricks counterpart): custom roles and who holds which role, at workspace scope or at
 * one group's scope. Built-in roles are listed and assignable, never changed. A change applies from the next request.
 */
@ApiController
@Tag(name = "Roles", description = "Warden extension: custom roles and role assignments")
@RequestMapping(path = "/api/2.0", produces = "application/json")
class RoleApiController {
    private final RoleService roles;
    private final ServiceRegistry services;

    RoleApiController(RoleService roles, ServiceRegistry services) {
        this.roles = roles;
        this.services = services;
    }

    @GetMapping("/roles")
    @RequiresPermission("roles:read")
    ListRolesResponse list(Actor actor) {
        return new ListRolesResponse(
                roles.list(actor).stream().map(RoleResponse::of).toList());
    }

    @PostMapping("/roles")
    @RequiresPermission("roles:write")
    RoleResponse create(Actor actor, @RequestBody RoleRequest request) {
        return RoleResponse.of(roles.create(
                actor,
                request.name(),
                request.description(),
                request.permissions() == null
                        ? Set.of()
                        : request.permissionSet(services.catalogue(actor.workspace()))));
    }

    @GetMapping("/roles/{id}")
    @RequiresPermission("roles:read")
    RoleResponse get(Actor actor, @PathVariable String id) {
        return RoleResponse.of(roles.get(actor, roleId(id)));
    }

    /** Changes the fields given; a built-in role cannot be changed (400 INVALID_STATE). */
    @PatchMapping("/roles/{id}")
    @RequiresPermission("roles:write")
    RoleResponse update(Actor actor, @PathVariable String id, @RequestBody RoleRequest request) {
        return RoleResponse.of(roles.update(
                actor,
                roleId(id),
                request.name(),
                request.description(),
                request.permissionSet(services.catalogue(actor.workspace()))));
    }

    /** Deletes a custom role and every assignment of it. */
    @DeleteMapping("/roles/{id}")
    @RequiresPermission("roles:write")
    Map<String, Object> delete(Actor actor, @PathVariable String id) {
        roles.delete(actor, roleId(id));
        return Map.of();
    }

    /** Every assignment in the workspace, optionally only those of one role, principal or group. */
    @GetMapping("/role-assignments")
    @RequiresPermission("roles:read")
    ListAssignmentsResponse assignments(
            Actor actor,
            @RequestParam(name = "role_id", required = false) Long roleId,
            @RequestParam(name = "principal_id", required = false) Long principalId,
            @RequestParam(name = "group_id", required = false) Long groupId) {
        Map<RoleId, String> names = roleNames(actor);
        return new ListAssignmentsResponse(roles.assignments(actor).stream()
                .filter(a -> roleId == null || a.role().value() == roleId)
                .filter(a -> principalId == null
                        || (a.principal() != null && a.principal().value() == principalId))
                .filter(a -> groupId == null || (a.group() != null && a.group().value() == groupId))
                .map(a -> AssignmentResponse.of(a, names.get(a.role())))
                .toList());
    }

    /** Gives a role to exactly one of {@code principal_id} and {@code group_id}; {@code scope_group_id} narrows it. */
    @PostMapping("/role-assignments")
    @RequiresPermission("roles:write")
    AssignmentResponse assign(Actor actor, @RequestBody AssignmentRequest request) {
        if (request.roleId() == null) {
            throw new InvalidParameterException("role_id", "role_id is required.");
        }
        RoleAssignment assignment = roles.assign(
                actor,
                new RoleId(request.roleId()),
                request.principalId() == null ? null : new PrincipalId(request.principalId()),
                request.groupId() == null ? null : new GroupId(request.groupId()),
                request.scopeGroupId() == null ? null : new GroupId(request.scopeGroupId()));
        return AssignmentResponse.of(assignment, roleNames(actor).get(assignment.role()));
    }

    /** Takes the role away; removing the last active workspace admin's role is refused (400 INVALID_STATE). */
    @DeleteMapping("/role-assignments/{id}")
    @RequiresPermission("roles:write")
    Map<String, Object> unassign(Actor actor, @PathVariable String id) {
        roles.unassign(actor, new RoleAssignmentId(number(id, "Role assignment")));
        return Map.of();
    }

    private Map<RoleId, String> roleNames(Actor actor) {
        return roles.list(actor).stream().collect(Collectors.toMap(Role::id, Role::name));
    }

    private static RoleId roleId(String raw) {
        return new RoleId(number(raw, "Role"));
    }

    private static long number(String raw, String label) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ResourceNotFoundException(label + " " + Validation.shorten(raw) + " does not exist.");
        }
    }
}
