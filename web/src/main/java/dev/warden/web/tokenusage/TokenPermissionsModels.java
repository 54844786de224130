package dev.warden.web.tokenusage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Bodies of the token permissions API ({@code authorization/tokens}), in the Databricks shape the SDK reads. */
final class TokenPermissionsModels {
    static final String OBJECT_ID = "authorization/tokens";
    static final String OBJECT_TYPE = "tokens";
    static final String ADMIN_SOURCE = "/workspace-admin";

    private TokenPermissionsModels() {}

    /** PUT and PATCH body. */
    record AclRequest(@JsonProperty("access_control_list") List<EntryRequest> accessControlList) {}

    /** One entry: exactly one of user, group and service principal (its applicationId), and a level. */
    record EntryRequest(
            @JsonProperty("user_name") String userName,
            @JsonProperty("group_name") String groupName,
            @JsonProperty("service_principal_name") String servicePrincipalName,
            @JsonProperty("permission_level") String permissionLevel) {}

    record TokenPermissions(
            @JsonProperty("object_id") String objectId,
            @JsonProperty("object_type") String objectType,
            @JsonProperty("access_control_list") List<EntryResponse> accessControlList) {
        static TokenPermissions of(List<EntryResponse> entries) {
            return new TokenPermissions(OBJECT_ID, OBJECT_TYPE, entries);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EntryResponse(
            @JsonProperty("user_name") String userName,
            @JsonProperty("group_name") String groupName,
            @JsonProperty("service_principal_name") String servicePrincipalName,
            @JsonProperty("display_name") String displayName,
            @JsonProperty("all_permissions") List<PermissionResponse> allPermissions) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PermissionResponse(
            @JsonProperty("permission_level") String permissionLevel,
            boolean inherited,
            @JsonProperty("inherited_from_object") List<String> inheritedFromObject) {
        static PermissionResponse direct(String level) {
            return new PermissionResponse(level, false, null);
        }

        static PermissionResponse fromWorkspaceAdmin() {
            return new PermissionResponse("CAN_MANAGE", true, List.of(ADMIN_SOURCE));
        }
    }

    record PermissionLevels(
            @JsonProperty("permission_levels") List<PermissionLevel> permissionLevels) {}

    record PermissionLevel(@JsonProperty("permission_level") String permissionLevel, String description) {}
}
