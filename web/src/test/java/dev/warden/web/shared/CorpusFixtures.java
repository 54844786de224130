package dev.warden.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The valid resources the corpus points at, made before the snapshot, and valid bodies to spoil. */
final class CorpusFixtures implements BadInputCorpus.Fixtures {
    static final String BEARER = "Bearer " + WardenSpringBootTest.ADMIN_TOKEN;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    Principal user;
    Principal servicePrincipal;
    Group group;
    Role role;
    RoleAssignment assignment;
    String ownTokenId;
    String groupTokenId;
    String deletedTokenSecret;

    static CorpusFixtures make(TestData data, ApiClient api) {
        CorpusFixtures fixtures = new CorpusFixtures();
        fixtures.user = data.user("corpus", BuiltInRole.USER);
        data.token(fixtures.user);
        fixtures.servicePrincipal = data.servicePrincipal("corpus sp");
        data.grantTokenUsage(fixtures.servicePrincipal);
        fixtures.group = data.group(TestData.unique("corpus-group"), fixtures.user);
        fixtures.role = data.customRole(TestData.unique("corpus-role"), Permission.TOKENS_READ);
        fixtures.assignment = data.assign(fixtures.role, fixtures.user, null);
        String admin = WardenSpringBootTest.ADMIN_TOKEN;
        fixtures.ownTokenId = api.post("/api/2.0/token/create", admin, "{\"comment\":\"corpus own\"}")
                .json()
                .path("token_info")
                .path("token_id")
                .asString();
        fixtures.groupTokenId = api.post(
                        "/api/2.0/groups/" + fixtures.group.id().value() + "/tokens",
                        admin,
                        "{\"comment\":\"corpus group\",\"role\":\"group-member\"}")
                .json()
                .path("token_info")
                .path("token_id")
                .asString();
        JsonNode deleted = api.post("/api/2.0/token/create", admin, "{\"comment\":\"corpus deleted\"}")
                .json();
        fixtures.deletedTokenSecret = deleted.path("token_value").asString();
        api.post(
                "/api/2.0/token/delete",
                admin,
                "{\"token_id\":\"" + deleted.path("token_info").path("token_id").asString() + "\"}");
        assertThat(fixtures.ownTokenId).isNotEmpty();
        assertThat(fixtures.groupTokenId).isNotEmpty();
        return fixtures;
    }

    @Override
    public String pathValue(String path, String parameter) {
        if (parameter.equals("group_id")) {
            return String.valueOf(group.id().value());
        }
        if (parameter.equals("token_id")) {
            return path.startsWith("/api/2.0/groups/") ? groupTokenId : ownTokenId;
        }
        if (path.contains("/Users/")) {
            return String.valueOf(user.id().value());
        }
        if (path.contains("/ServicePrincipals/")) {
            return String.valueOf(servicePrincipal.id().value());
        }
        if (path.contains("/Groups/")) {
            return String.valueOf(group.id().value());
        }
        if (path.startsWith("/api/2.0/roles/")) {
            return String.valueOf(role.id().value());
        }
        if (path.startsWith("/api/2.0/role-assignments/")) {
            return String.valueOf(assignment.id().value());
        }
        return "0";
    }

    /** The path with every parameter naming a real resource. */
    String realPath(String path) {
        String filled = path;
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            filled = filled.replace(m.group(), pathValue(path, m.group(1)));
        }
        return filled;
    }

    @Override
    public ObjectNode baseline(String method, String path) {
        String scim = "/api/2.0/preview/scim/v2/";
        String body = switch (method + " " + path) {
            case "POST /api/2.0/token/create", "POST /api/2.0/canary-tokens" -> "{'comment':'corpus'}";
            case "POST /api/2.0/token/revoke", "POST /api/2.0/token/restore", "POST /api/2.0/token/delete" -> "{}";
            // a real token, so that a bad grace is what the answer names
            case "POST /api/2.0/token/rotate" -> "{'token_id':'" + ownTokenId + "','grace_period_seconds':0}";
            case "POST /api/2.0/token-management/tokens/{token_id}/rotate" -> "{}";
            case "POST /api/2.0/token-management/tokens/bulk-revoke",
                    "POST /api/2.0/token-management/tokens/bulk-revoke/preview" ->
                "{'reason':'corpus','owner_id':" + user.id().value() + "}";
            case "POST /api/2.0/token-management/organisation-tokens" -> "{'comment':'corpus','role':'user'}";
            case "POST /api/2.0/groups/{group_id}/tokens" -> "{'comment':'corpus','role':'group-member'}";
            case "POST /api/2.0/token-management/on-behalf-of/tokens" ->
                "{'application_id':'" + servicePrincipal.applicationId() + "','comment':'corpus'}";
            case "POST /api/2.0/roles" ->
                "{'name':'" + TestData.unique("corpus") + "','description':'corpus','permissions':['tokens:read']}";
            case "PATCH /api/2.0/roles/{id}", "PATCH /api/2.0/workspace-conf" -> "{}";
            case "POST /api/2.0/role-assignments" ->
                "{'role_id':" + role.id().value() + ",'principal_id':"
                        + servicePrincipal.id().value() + "}";
            case "PATCH /api/2.0/token/{token_id}", "PATCH /api/2.0/token-management/tokens/{token_id}" ->
                "{'scopes':['all-apis']}";
            case "PUT /api/2.0/permissions/authorization/tokens",
                    "PATCH /api/2.0/permissions/authorization/tokens",
                    "PUT /api/2.0/preview/permissions/authorization/tokens",
                    "PATCH /api/2.0/preview/permissions/authorization/tokens" ->
                "{'access_control_list':[{'user_name':'" + user.userName() + "','permission_level':'CAN_USE'}]}";
            case "POST /api/2.0/access/check" ->
                "{'token_id':'" + ownTokenId + "','method':'GET','path':'/api/2.0/token/list'}";
            default -> scim(method, path.startsWith(scim) ? path.substring(scim.length()) : null);
        };
        return body == null ? null : (ObjectNode) JSON.readTree(body.replace('\'', '"'));
    }

    private String scim(String method, String resource) {
        if (resource == null) {
            return null;
        }
        return switch (method + " " + resource) {
            case "POST Users" -> "{'userName':'" + TestData.unique("corpus-new") + "'}";
            case "PUT Users/{id}" ->
                "{'userName':'" + user.userName() + "','displayName':'" + user.displayName() + "','active':true}";
            case "POST ServicePrincipals" -> "{'displayName':'corpus new sp'}";
            case "PUT ServicePrincipals/{id}" ->
                "{'displayName':'" + servicePrincipal.displayName() + "','applicationId':'"
                        + servicePrincipal.applicationId() + "','active':true}";
            case "POST Groups" -> "{'displayName':'" + TestData.unique("corpus-new") + "'}";
            case "PUT Groups/{id}" ->
                "{'displayName':'" + group.displayName() + "','members':[{'value':'"
                        + user.id().value() + "'}]}";
            case "PATCH Users/{id}" -> patch(user.displayName());
            case "PATCH ServicePrincipals/{id}" -> patch(servicePrincipal.displayName());
            case "PATCH Groups/{id}" -> patch(group.displayName());
            default -> null;
        };
    }

    private static String patch(String displayName) {
        return "{'schemas':['" + PATCH_OP + "'],'Operations':[{'op':'replace','path':'displayName','value':'"
                + displayName + "'}]}";
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Authorization", BEARER);
    }

    Map<String, String> jsonHeaders() {
        return Map.of("Authorization", BEARER, "Content-Type", "application/json");
    }
}
