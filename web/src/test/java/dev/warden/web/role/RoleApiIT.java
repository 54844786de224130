package dev.warden.web.role;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.TestData;
import dev.warden.web.support.TestData.OtherWorkspace;
import dev.warden.web.support.WardenSpringBootTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** Warden's roles API over real HTTP: custom roles, assignments, and their effect on the next request. */
@WardenSpringBootTest
class RoleApiIT {
    private static final String ROLES = "/api/2.0/roles";
    private static final String ASSIGNMENTS = "/api/2.0/role-assignments";
    private static final String SCIM_USERS = "/api/2.0/preview/scim/v2/Users";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    ApiClient api;
    TestData testData;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        testData = TestData.of(context);
    }

    @Nested
    class Roles {
        @Test
        void listsTheBuiltInRolesWithTheirPermissions() {
            Response list = api.get(ROLES, ADMIN_TOKEN);

            assertThat(list.status()).isEqualTo(200);
            JsonNode admin = role(list, "workspace-admin");
            assertThat(admin.path("built_in").asBoolean()).isTrue();
            assertThat(strings(admin.path("permissions"))).contains("scim:write", "roles:write", "tokens:read");
            assertThat(strings(role(list, "user").path("permissions")))
                    .containsExactlyInAnyOrder("tokens:read", "tokens:write", "scim:read", "roles:read");
            assertThat(role(list, "group-admin").path("group_scoped").asBoolean())
                    .isTrue();
        }

        @Test
        void createGetChangeAndDeleteACustomRole() {
            String name = "auditors-" + UUID.randomUUID();

            Response created = api.post(
                    ROLES,
                    ADMIN_TOKEN,
                    ApiClient.json(
                            "{'name':'%s','description':'reads the log','permissions':['audit:read','scim:read']}",
                            name));
            String id = created.json().path("id").asString();
            Response got = api.get(ROLES + "/" + id, ADMIN_TOKEN);
            Response changed = api.send(
                    "PATCH", ROLES + "/" + id, ADMIN_TOKEN, "application/json", "{\"permissions\":[\"audit:read\"]}");
            Response deleted = api.send("DELETE", ROLES + "/" + id, ADMIN_TOKEN, null, null);

            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            assertThat(created.json().path("built_in").asBoolean()).isFalse();
            assertThat(strings(created.json().path("permissions"))).containsExactly("scim:read", "audit:read");
            assertThat(got.json().path("name").asString()).isEqualTo(name);
            assertThat(got.json().path("description").asString()).isEqualTo("reads the log");
            assertThat(changed.status()).isEqualTo(200);
            assertThat(strings(changed.json().path("permissions"))).containsExactly("audit:read");
            assertThat(changed.json().path("description").asString()).isEqualTo("reads the log");
            assertThat(deleted.status()).isEqualTo(200);
            assertThat(api.get(ROLES + "/" + id, ADMIN_TOKEN).status()).isEqualTo(404);
        }

        @Test
        void anUnknownPermissionIs400NamingIt() {
            Response response = api.post(
                    ROLES,
                    ADMIN_TOKEN,
                    ApiClient.json("{'name':'bad-%s','permissions':['scim:read','clusters:nuke']}", UUID.randomUUID()));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(response.json().path("message").asString())
                    .contains("'clusters:nuke'")
                    .contains("scim:read");
            assertThat(response.json()
                            .path("details")
                            .get(0)
                            .path("metadata")
                            .path("field")
                            .asString())
                    .isEqualTo("permissions");
        }

        @Test
        void aTakenOrBuiltInNameIs409() {
            String name = "twin-" + UUID.randomUUID();
            api.post(ROLES, ADMIN_TOKEN, ApiClient.json("{'name':'%s'}", name));

            Response twin = api.post(ROLES, ADMIN_TOKEN, ApiClient.json("{'name':'%s'}", name));
            Response builtIn = api.post(ROLES, ADMIN_TOKEN, "{\"name\":\"auditor\"}");

            assertThat(twin.status()).isEqualTo(409);
            assertThat(twin.errorCode()).isEqualTo("RESOURCE_ALREADY_EXISTS");
            assertThat(builtIn.status()).isEqualTo(409);
        }

        @Test
        void builtInRolesCannotBeChangedOrDeleted() {
            String id = role(api.get(ROLES, ADMIN_TOKEN), "user").path("id").asString();

            Response change = api.send(
                    "PATCH", ROLES + "/" + id, ADMIN_TOKEN, "application/json", "{\"permissions\":[\"scim:write\"]}");
            Response delete = api.send("DELETE", ROLES + "/" + id, ADMIN_TOKEN, null, null);

            assertThat(change.status()).isEqualTo(400);
            assertThat(change.errorCode()).isEqualTo("INVALID_STATE");
            assertThat(delete.status()).isEqualTo(400);
            assertThat(delete.errorCode()).isEqualTo("INVALID_STATE");
        }

        @Test
        void unknownAndOtherWorkspaceRolesAre404() {
            OtherWorkspace other = testData.otherWorkspace();
            String theirs = api.post(ROLES, other.adminToken(), "{\"name\":\"theirs\"}")
                    .json()
                    .path("id")
                    .asString();

            assertThat(api.get(ROLES + "/" + theirs, ADMIN_TOKEN).status()).isEqualTo(404);
            assertThat(api.send("DELETE", ROLES + "/" + theirs, ADMIN_TOKEN, null, null)
                            .status())
                    .isEqualTo(404);
            assertThat(api.get(ROLES + "/9999999999", ADMIN_TOKEN).status()).isEqualTo(404);
            assertThat(api.get(ROLES + "/nope", ADMIN_TOKEN).status()).isEqualTo(404);
            assertThat(api.get(ROLES + "/" + theirs, other.adminToken()).status())
                    .isEqualTo(200);
        }

        @Test
        void aPlainUserReadsRolesButCannotWriteThem() {
            Principal limited = testData.user("limited", BuiltInRole.USER);
            String token = testData.token(limited);

            Response read = api.get(ROLES, token);
            Response write = api.post(ROLES, token, "{\"name\":\"mine\",\"permissions\":[\"scim:write\"]}");

            assertThat(read.status()).isEqualTo(200);
            assertThat(write.status()).isEqualTo(403);
            assertThat(write.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
            assertThat(write.json().path("message").asString())
                    .contains("roles:write")
                    .contains(limited.userName());
        }
    }

    @Nested
    class Assignments {
        @Test
        void aCustomRoleOnAGroupGivesItsMembersThePermissionAtTheNextRequestAndTakingItAwayRemovesIt() {
            Principal member = testData.user("member", BuiltInRole.USER);
            String token = testData.token(member);
            String group = api.post(
                            "/api/2.0/preview/scim/v2/Groups",
                            ADMIN_TOKEN,
                            ApiClient.json(
                                    "{'displayName':'writers-%s','members':[{'value':'%s'}]}",
                                    UUID.randomUUID(), member.id()))
                    .json()
                    .path("id")
                    .asString();
            String role = api.post(
                            ROLES,
                            ADMIN_TOKEN,
                            ApiClient.json(
                                    "{'name':'directory-writers-%s','permissions':['scim:read','scim:write']}",
                                    UUID.randomUUID()))
                    .json()
                    .path("id")
                    .asString();
            assertThat(createUser(token).status()).isEqualTo(403);

            Response assigned =
                    api.post(ASSIGNMENTS, ADMIN_TOKEN, ApiClient.json("{'role_id':%s,'group_id':%s}", role, group));
            Response allowed = createUser(token);
            String assignment = assigned.json().path("id").asString();
            Response unassigned = api.send("DELETE", ASSIGNMENTS + "/" + assignment, ADMIN_TOKEN, null, null);
            Response deniedAgain = createUser(token);

            assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
            assertThat(assigned.json().path("group_id").asString()).isEqualTo(group);
            assertThat(assigned.json().path("role_id").asString()).isEqualTo(role);
            assertThat(assigned.json().has("principal_id")).isFalse();
            assertThat(assigned.json().has("scope_group_id")).isFalse();
            assertThat(allowed.status()).as(allowed.toString()).isEqualTo(201);
            assertThat(unassigned.status()).isEqualTo(200);
            assertThat(deniedAgain.status()).isEqualTo(403);
            assertThat(deniedAgain.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
        }

        @Test
        void assignmentsAreListedAndFilteredAndADuplicateIs409() {
            Principal someone = testData.user("someone", BuiltInRole.USER);
            String auditor =
                    role(api.get(ROLES, ADMIN_TOKEN), "auditor").path("id").asString();

            Response assigned = api.post(
                    ASSIGNMENTS,
                    ADMIN_TOKEN,
                    ApiClient.json("{'role_id':%s,'principal_id':%s}", auditor, someone.id()));
            Response again = api.post(
                    ASSIGNMENTS,
                    ADMIN_TOKEN,
                    ApiClient.json("{'role_id':%s,'principal_id':%s}", auditor, someone.id()));
            Response listed = api.get(ASSIGNMENTS + "?principal_id=" + someone.id(), ADMIN_TOKEN);

            assertThat(assigned.status()).isEqualTo(200);
            assertThat(assigned.json().path("role_name").asString()).isEqualTo("auditor");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.errorCode()).isEqualTo("RESOURCE_ALREADY_EXISTS");
            List<String> roleNames = new ArrayList<>();
            listed.json()
                    .path("role_assignments")
                    .forEach(a -> roleNames.add(a.path("role_name").asString()));
            assertThat(roleNames).containsExactlyInAnyOrder("user", "auditor");
        }

        @Test
        void badAssignmentsAre400() {
            String auditor =
                    role(api.get(ROLES, ADMIN_TOKEN), "auditor").path("id").asString();
            String groupAdmin =
                    role(api.get(ROLES, ADMIN_TOKEN), "group-admin").path("id").asString();
            Principal someone = testData.user("someone", BuiltInRole.USER);

            Response neither = api.post(ASSIGNMENTS, ADMIN_TOKEN, ApiClient.json("{'role_id':%s}", auditor));
            Response unknownPrincipal = api.post(
                    ASSIGNMENTS, ADMIN_TOKEN, ApiClient.json("{'role_id':%s,'principal_id':987654321}", auditor));
            Response unknownRole = api.post(
                    ASSIGNMENTS, ADMIN_TOKEN, ApiClient.json("{'role_id':987654321,'principal_id':%s}", someone.id()));
            Response unscoped = api.post(
                    ASSIGNMENTS,
                    ADMIN_TOKEN,
                    ApiClient.json("{'role_id':%s,'principal_id':%s}", groupAdmin, someone.id()));
            Response noRole = api.post(ASSIGNMENTS, ADMIN_TOKEN, ApiClient.json("{'principal_id':%s}", someone.id()));

            assertThat(List.of(neither, unknownPrincipal, unknownRole, unscoped, noRole))
                    .allSatisfy(response -> {
                        assertThat(response.status()).as(response.toString()).isEqualTo(400);
                        assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
                    });
            assertThat(unscoped.json().path("message").asString()).contains("scope_group_id");
            assertThat(unknownRole.json().path("message").asString()).contains("987654321");
        }

        @Test
        void removingTheLastAdminsRoleIsRefused() {
            OtherWorkspace other = testData.otherWorkspace();
            JsonNode assignment = api.get(
                            ASSIGNMENTS + "?principal_id=" + other.admin().id(), other.adminToken())
                    .json()
                    .path("role_assignments")
                    .get(0);

            Response removed = api.send(
                    "DELETE", ASSIGNMENTS + "/" + assignment.path("id").asString(), other.adminToken(), null, null);

            assertThat(assignment.path("role_name").asString()).isEqualTo("workspace-admin");
            assertThat(removed.status()).isEqualTo(400);
            assertThat(removed.errorCode()).isEqualTo("INVALID_STATE");
            assertThat(api.get(ROLES, other.adminToken()).status()).isEqualTo(200);
        }

        @Test
        void anotherWorkspacesAssignmentIs404() {
            OtherWorkspace other = testData.otherWorkspace();
            String theirs = api.get(ASSIGNMENTS, other.adminToken())
                    .json()
                    .path("role_assignments")
                    .get(0)
                    .path("id")
                    .asString();

            assertThat(api.send("DELETE", ASSIGNMENTS + "/" + theirs, ADMIN_TOKEN, null, null)
                            .status())
                    .isEqualTo(404);
            assertThat(api.get(ASSIGNMENTS, ADMIN_TOKEN).body()).doesNotContain("\"id\":" + theirs + ",");
        }
    }

    private Response createUser(String token) {
        return api.post(SCIM_USERS, token, ApiClient.json("{'userName':'made-%s'}", UUID.randomUUID()));
    }

    private static JsonNode role(Response list, String name) {
        for (JsonNode role : list.json().path("roles")) {
            if (role.path("name").asString().equals(name)) {
                return role;
            }
        }
        throw new AssertionError("no role " + name + " in " + list);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
