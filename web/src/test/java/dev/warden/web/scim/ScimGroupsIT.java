package dev.warden.web.scim;

import static dev.warden.web.scim.ScimApi.filter;
import static dev.warden.web.scim.ScimApi.ids;
import static dev.warden.web.scim.ScimApi.values;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.TestData;
import dev.warden.web.support.TestData.OtherWorkspace;
import dev.warden.web.support.WardenSpringBootTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** SCIM Groups over real HTTP: every operation, each PATCH form for members, and the errors. */
@WardenSpringBootTest
class ScimGroupsIT {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    ScimApi scim;
    TestData testData;

    @BeforeEach
    void setUp() {
        scim = new ScimApi(new ApiClient(port), ADMIN_TOKEN);
        testData = TestData.of(context);
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Nested
    class Create {
        @Test
        void answers201WithMembersAndTheGroupShape() {
            JsonNode user = scim.createUser("member");
            JsonNode servicePrincipal = scim.createServicePrincipal("member bot");
            String displayName = name("builders");

            Response created = scim.post(
                    "/Groups",
                    "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],"
                            + "'displayName':'" + displayName + "','members':[{'value':'"
                            + user.path("id").asString() + "'},"
                            + "{'value':'" + servicePrincipal.path("id").asString() + "'}]}");

            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            JsonNode group = created.json();
            assertThat(group.path("id").asString()).matches("\\d+");
            assertThat(group.path("displayName").asString()).isEqualTo(displayName);
            assertThat(group.path("meta").path("resourceType").asString()).isEqualTo("Group");
            assertThat(group.path("schemas").toString()).contains("urn:ietf:params:scim:schemas:core:2.0:Group");
            assertThat(values(group.path("members")))
                    .containsExactlyInAnyOrder(
                            user.path("id").asString(),
                            servicePrincipal.path("id").asString());
            assertThat(group.path("members").toString())
                    .contains("\"$ref\":\"Users/" + user.path("id").asString() + "\"")
                    .contains("\"$ref\":\"ServicePrincipals/"
                            + servicePrincipal.path("id").asString() + "\"")
                    .contains("\"display\":\"member bot\"");
        }

        @Test
        void aDuplicateDisplayNameIs409() {
            String displayName =
                    scim.createGroup(name("twins")).path("displayName").asString();

            Response again = scim.post("/Groups", "{'displayName':'" + displayName + "'}");

            assertThat(again.status()).isEqualTo(409);
            assertThat(again.errorCode()).isEqualTo("RESOURCE_ALREADY_EXISTS");
        }

        @Test
        void anUnknownMemberIs400AndNoGroupIsCreated() {
            String displayName = name("ghosts");

            Response unknown =
                    scim.post("/Groups", "{'displayName':'" + displayName + "','members':[{'value':'999999999'}]}");
            Response notANumber =
                    scim.post("/Groups", "{'displayName':'" + displayName + "','members':[{'value':'bob'}]}");

            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(unknown.json().path("message").asString()).contains("999999999");
            assertThat(notANumber.status()).isEqualTo(400);
            assertThat(scim.get("/Groups?" + filter("displayName", displayName))
                            .json()
                            .path("totalResults")
                            .asLong())
                    .isZero();
        }
    }

    @Nested
    class Read {
        @Test
        void getListFilterAndPagingThatTerminates() {
            JsonNode group = scim.createGroup(name("listed"));
            String id = group.path("id").asString();
            long total = scim.get("/Groups?count=1").json().path("totalResults").asLong();

            JsonNode got = scim.get("/Groups/" + id).json();
            JsonNode filtered = scim.get("/Groups?"
                            + filter("displayName", group.path("displayName").asString()))
                    .json();
            var all = scim.listAll("Groups", "", 3);

            assertThat(got.path("displayName").asString())
                    .isEqualTo(group.path("displayName").asString());
            assertThat(ids(filtered.path("Resources"))).containsExactly(id);
            assertThat(all).hasSize((int) total);
            assertThat(ids(all)).contains(id).doesNotHaveDuplicates();
            assertThat(scim.get("/Groups?excludedAttributes=members&count=5")
                            .json()
                            .path("Resources")
                            .get(0)
                            .has("members"))
                    .isFalse();
        }

        @Test
        void anUnsupportedFilterIs400() {
            Response response = scim.get("/Groups?" + filter("userName", "x"));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("scimType").asString()).isEqualTo("invalidFilter");
            assertThat(response.json().path("message").asString())
                    .contains("'userName'")
                    .contains("displayName, externalId, id");
        }

        @Test
        void unknownWrongKindAndOtherWorkspaceIdsAre404() {
            OtherWorkspace other = testData.otherWorkspace();
            String theirs = scim.as(other.adminToken())
                    .createGroup(name("theirs"))
                    .path("id")
                    .asString();
            String user = scim.createUser("not-a-group").path("id").asString();

            assertThat(scim.get("/Groups/" + theirs).status()).isEqualTo(404);
            assertThat(scim.patch("/Groups/" + theirs, "[{'op':'replace','path':'displayName','value':'mine'}]")
                            .status())
                    .isEqualTo(404);
            assertThat(scim.delete("/Groups/" + theirs).status()).isEqualTo(404);
            assertThat(scim.get("/Groups/" + user).status()).isEqualTo(404);
            assertThat(scim.get("/Groups/not-a-number").status()).isEqualTo(404);
            assertThat(scim.as(other.adminToken())
                            .get("/Groups/" + theirs)
                            .json()
                            .path("displayName")
                            .asString())
                    .startsWith("theirs");
        }
    }

    @Nested
    class PatchMembers {
        @Test
        void addWithAPathAddsMembers() {
            String group = scim.createGroup(name("add-path")).path("id").asString();
            String a = scim.createUser("a").path("id").asString();
            String b = scim.createServicePrincipal("b bot").path("id").asString();

            Response patched = scim.patch(
                    "/Groups/" + group,
                    "[{'op':'add','path':'members','value':[{'value':'" + a + "'},{'value':'" + b + "'}]}]");

            assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
            assertThat(values(scim.get("/Groups/" + group).json().path("members")))
                    .containsExactlyInAnyOrder(a, b);
            assertThat(values(scim.get("/Users/" + a).json().path("groups"))).containsExactly(group);
        }

        @Test
        void addWithoutAPathTakesAMembersObject() {
            String group = scim.createGroup(name("add-object")).path("id").asString();
            String a = scim.createUser("a").path("id").asString();

            scim.patch("/Groups/" + group, "[{'op':'add','value':{'members':[{'value':'" + a + "'}]}}]");

            assertThat(values(scim.get("/Groups/" + group).json().path("members")))
                    .containsExactly(a);
        }

        @Test
        void removeWithAValueFilterRemovesThatMember() {
            String a = scim.createUser("a").path("id").asString();
            String b = scim.createUser("b").path("id").asString();
            String group = scim.createGroup(name("remove"), a, b).path("id").asString();

            Response patched =
                    scim.patch("/Groups/" + group, "[{'op':'remove','path':'members[value eq \\\"" + a + "\\\"]'}]");

            assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
            assertThat(values(scim.get("/Groups/" + group).json().path("members")))
                    .containsExactly(b);
        }

        @Test
        void removeWithAMembersListAndReplaceOfAllMembers() {
            String a = scim.createUser("a").path("id").asString();
            String b = scim.createUser("b").path("id").asString();
            String c = scim.createUser("c").path("id").asString();
            String group = scim.createGroup(name("replace"), a, b).path("id").asString();

            scim.patch("/Groups/" + group, "[{'op':'remove','path':'members','value':[{'value':'" + a + "'}]}]");
            JsonNode afterRemove = scim.get("/Groups/" + group).json();
            scim.patch("/Groups/" + group, "[{'op':'replace','path':'members','value':[{'value':'" + c + "'}]}]");
            JsonNode afterReplace = scim.get("/Groups/" + group).json();

            assertThat(values(afterRemove.path("members"))).containsExactly(b);
            assertThat(values(afterReplace.path("members"))).containsExactly(c);
        }

        @Test
        void anUnknownMemberIs400AndTheWholePatchIsUndone() {
            String a = scim.createUser("a").path("id").asString();
            String group = scim.createGroup(name("atomic")).path("id").asString();

            Response response = scim.patch(
                    "/Groups/" + group,
                    "[{'op':'replace','path':'displayName','value':'"
                            + name("renamed") + "'},{'op':'add','path':'members','value':[{'value':'" + a + "'}]},"
                            + "{'op':'add','path':'members','value':[{'value':'424242424242'}]}]");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("message").asString()).contains("424242424242");
            JsonNode unchanged = scim.get("/Groups/" + group).json();
            assertThat(unchanged.path("displayName").asString()).startsWith("atomic-");
            assertThat(unchanged.path("members").isEmpty()).isTrue();
        }

        @Test
        void anotherWorkspacesPrincipalIsAnUnknownMember() {
            OtherWorkspace other = testData.otherWorkspace();
            String group = scim.createGroup(name("closed")).path("id").asString();

            Response response = scim.patch(
                    "/Groups/" + group,
                    "[{'op':'add','path':'members','value':[{'value':'"
                            + other.admin().id() + "'}]}]");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        }
    }

    @Nested
    class PatchAndPutAttributes {
        @Test
        void replaceDisplayNameWithAndWithoutAPath() {
            String group = scim.createGroup(name("old")).path("id").asString();
            String first = name("first");
            String second = name("second");

            scim.patch("/Groups/" + group, "[{'op':'replace','path':'displayName','value':'" + first + "'}]");
            String afterPath =
                    scim.get("/Groups/" + group).json().path("displayName").asString();
            scim.patch("/Groups/" + group, "[{'op':'replace','value':{'displayName':'" + second + "'}}]");

            assertThat(afterPath).isEqualTo(first);
            assertThat(scim.get("/Groups/" + group).json().path("displayName").asString())
                    .isEqualTo(second);
        }

        @Test
        void renamingToATakenNameIs409() {
            String taken = scim.createGroup(name("taken")).path("displayName").asString();
            String group = scim.createGroup(name("mine")).path("id").asString();

            Response response =
                    scim.patch("/Groups/" + group, "[{'op':'replace','path':'displayName','value':'" + taken + "'}]");

            assertThat(response.status()).isEqualTo(409);
            assertThat(response.errorCode()).isEqualTo("RESOURCE_ALREADY_EXISTS");
        }

        @Test
        void anUnsupportedPathIs400() {
            String group = scim.createGroup(name("paths")).path("id").asString();

            Response response = scim.patch("/Groups/" + group, "[{'op':'add','path':'roles','value':[]}]");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("message").asString())
                    .contains("'roles'")
                    .contains("members")
                    .contains("entitlements");
        }

        @Test
        void putReplacesNameAndMembers() {
            String a = scim.createUser("a").path("id").asString();
            String b = scim.createUser("b").path("id").asString();
            String group = scim.createGroup(name("put"), a).path("id").asString();
            String renamed = name("put-renamed");

            Response put =
                    scim.put("/Groups/" + group, "{'displayName':'" + renamed + "','members':[{'value':'" + b + "'}]}");
            Response emptied = scim.put("/Groups/" + group, "{'displayName':'" + renamed + "'}");

            assertThat(put.status()).isEqualTo(200);
            assertThat(put.json().path("displayName").asString()).isEqualTo(renamed);
            assertThat(values(put.json().path("members"))).containsExactly(b);
            assertThat(emptied.json().path("members").isEmpty()).isTrue();
        }

        @Test
        void deleteRemovesTheGroupButNotItsMembers() {
            String a = scim.createUser("a").path("id").asString();
            String group = scim.createGroup(name("gone"), a).path("id").asString();

            Response deleted = scim.delete("/Groups/" + group);

            assertThat(deleted.status()).isEqualTo(204);
            assertThat(scim.get("/Groups/" + group).status()).isEqualTo(404);
            assertThat(scim.get("/Users/" + a).json().path("groups").isEmpty()).isTrue();
        }
    }

    @Nested
    class Permissions {
        @Test
        void aPlainUserCannotChangeMembers() {
            Principal limited = testData.user("limited", BuiltInRole.USER);
            String group = scim.createGroup(name("guarded")).path("id").asString();

            Response response = scim.as(testData.token(limited))
                    .patch(
                            "/Groups/" + group,
                            "[{'op':'add','path':'members','value':[{'value':'" + limited.id() + "'}]}]");

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
            assertThat(response.json()
                            .path("details")
                            .get(0)
                            .path("metadata")
                            .path("required")
                            .asString())
                    .isEqualTo("scim:write");
            assertThat(scim.get("/Groups/" + group).json().path("members").isEmpty())
                    .isTrue();
        }

        /** A group-admin holds scim:write for its group only: member changes there, nothing else. */
        @Test
        void aGroupAdminChangesMembersOfItsGroupButCannotRenameItOrTouchAnother() {
            String group = scim.createGroup(name("administered")).path("id").asString();
            String other = scim.createGroup(name("other")).path("id").asString();
            Principal groupAdmin = testData.user("group-admin", BuiltInRole.USER);
            Principal member = testData.user("member", BuiltInRole.USER);
            Response assigned = new ApiClient(port)
                    .post(
                            "/api/2.0/role-assignments",
                            ADMIN_TOKEN,
                            "{\"role_id\":" + roleId("group-admin") + ",\"principal_id\":" + groupAdmin.id()
                                    + ",\"scope_group_id\":" + group + "}");
            assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
            ScimApi asGroupAdmin = scim.as(testData.token(groupAdmin));

            Response added = asGroupAdmin.patch(
                    "/Groups/" + group, "[{'op':'add','path':'members','value':[{'value':'" + member.id() + "'}]}]");
            Response renamed = asGroupAdmin.patch(
                    "/Groups/" + group, "[{'op':'replace','path':'displayName','value':'" + name("renamed") + "'}]");
            Response elsewhere = asGroupAdmin.patch(
                    "/Groups/" + other, "[{'op':'add','path':'members','value':[{'value':'" + member.id() + "'}]}]");

            assertThat(added.status()).as(added.toString()).isEqualTo(200);
            assertThat(added.json().path("members").toString()).contains(String.valueOf(member.id()));
            assertThat(renamed.status()).isEqualTo(403);
            assertThat(elsewhere.status()).isEqualTo(403);
            assertThat(elsewhere.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
            assertThat(scim.get("/Groups/" + other).json().path("members").isEmpty())
                    .isTrue();
        }

        @Test
        void removingTheLastAdminFromTheAdminGroupIsRefused() {
            OtherWorkspace other = testData.otherWorkspace();
            ScimApi asAdmin = scim.as(other.adminToken());
            String adminId = String.valueOf(other.admin().id());
            String group =
                    asAdmin.createGroup(name("admins"), adminId).path("id").asString();
            ApiClient api = new ApiClient(port);
            long adminRole = roleId(other.adminToken(), "workspace-admin");
            api.post(
                    "/api/2.0/role-assignments",
                    other.adminToken(),
                    "{\"role_id\":" + adminRole + ",\"group_id\":" + group + "}");
            JsonNode direct = api.get("/api/2.0/role-assignments?principal_id=" + adminId, other.adminToken())
                    .json()
                    .path("role_assignments")
                    .get(0);
            assertThat(api.send(
                                    "DELETE",
                                    "/api/2.0/role-assignments/"
                                            + direct.path("id").asString(),
                                    other.adminToken(),
                                    null,
                                    null)
                            .status())
                    .isEqualTo(200);

            Response removed = asAdmin.patch(
                    "/Groups/" + group, "[{'op':'remove','path':'members[value eq \\\"" + adminId + "\\\"]'}]");
            Response deleted = asAdmin.delete("/Groups/" + group);

            assertThat(removed.status()).as(removed.toString()).isEqualTo(400);
            assertThat(removed.errorCode()).isEqualTo("INVALID_STATE");
            assertThat(deleted.status()).isEqualTo(400);
            assertThat(deleted.errorCode()).isEqualTo("INVALID_STATE");
            assertThat(values(asAdmin.get("/Groups/" + group).json().path("members")))
                    .containsExactly(adminId);
        }
    }

    private long roleId(String name) {
        return roleId(ADMIN_TOKEN, name);
    }

    private long roleId(String token, String name) {
        for (JsonNode role :
                new ApiClient(port).get("/api/2.0/roles", token).json().path("roles")) {
            if (role.path("name").asString().equals(name)) {
                return role.path("id").asLong();
            }
        }
        throw new AssertionError("no role " + name);
    }
}
