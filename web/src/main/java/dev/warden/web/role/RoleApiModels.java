package dev.warden.web.role;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.PermissionCatalogue;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import java.util.List;
import java.util.Set;

/** Bodies of Warden's roles API, in the snake_case JSON style of the Databricks dialect. Ids are int64. */
final class RoleApiModels {
    private RoleApiModels() {}

    /** Create (name required) or change (every field optional: what is left out stays). */
    record RoleRequest(String name, String description, List<String> permissions) {
        /** The permissions named, each one of the workspace's catalogue (an unknown one is refused by name). */
        Set<Permission> permissionSet(PermissionCatalogue catalogue) {
            return permissions == null ? null : catalogue.parsePermissions(permissions, "permissions");
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RoleResponse(
            long id,
            String name,
            String description,
            @JsonProperty("built_in") boolean builtIn,
            @JsonProperty("group_scoped") boolean groupScoped,
            List<String> permissions) {
        static RoleResponse of(Role role) {
            Set<Permission> permissions =
                    role.asBuiltIn().map(BuiltInRole::permissions).orElse(role.permissions());
            return new RoleResponse(
                    role.id().value(),
                    role.name(),
                    role.description(),
                    role.builtIn(),
                    role.groupScopedOnly(),
                    permissions.stream().sorted().map(Permission::key).toList());
        }
    }

    record ListRolesResponse(List<RoleResponse> roles) {}

    record AssignmentRequest(
            @JsonProperty("role_id") Long roleId,
            @JsonProperty("principal_id") Long principalId,
            @JsonProperty("group_id") Long groupId,
            @JsonProperty("scope_group_id") Long scopeGroupId) {}

    /** {@code scope_group_id} absent means workspace scope. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AssignmentResponse(
            long id,
            @JsonProperty("role_id") long roleId,
            @JsonProperty("role_name") String roleName,
            @JsonProperty("principal_id") Long principalId,
            @JsonProperty("group_id") Long groupId,
            @JsonProperty("scope_group_id") Long scopeGroupId) {
        static AssignmentResponse of(RoleAssignment assignment, String roleName) {
            return new AssignmentResponse(
                    assignment.id().value(),
                    assignment.role().value(),
                    roleName,
                    assignment.principal() == null
                            ? null
                            : assignment.principal().value(),
                    assignment.group() == null ? null : assignment.group().value(),
                    assignment.scopeGroup() == null
                            ? null
                            : assignment.scopeGroup().value());
        }
    }

    record ListAssignmentsResponse(
            @JsonProperty("role_assignments") List<AssignmentResponse> roleAssignments) {}
}
