package dev.warden.web.scim;

import static dev.warden.web.scim.ScimApi.filter;
import static dev.warden.web.scim.ScimApi.ids;
import static dev.warden.web.scim.ScimApi.values;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
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

/** SCIM ServicePrincipals over real HTTP: every operation, its errors, and what its state does to its tokens. */
@WardenSpringBootTest
class ScimServicePrincipalsIT {
    private static final String UUID_FORMAT = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    PrincipalRepository principals;

    ScimApi scim;
    TestData testData;

    @BeforeEach
    void setUp() {
        scim = new ScimApi(new ApiClient(port), ADMIN_TOKEN);
        testData = TestData.of(context);
    }

    @Nested
    class Create {
        @Test
        void generatesTheApplicationIdAndAnswers201() {
            Response created = scim.post(
                    "/ServicePrincipals",
                    "{'schemas':"
                            + "['urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal'],'displayName':'deploy bot',"
                            + "'externalId':'bot-1'}");

            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            JsonNode servicePrincipal = created.json();
            assertThat(servicePrincipal.path("id").asString()).matches("\\d+");
            assertThat(servicePrincipal.path("applicationId").asString()).matches(UUID_FORMAT);
            assertThat(servicePrincipal.path("displayName").asString()).isEqualTo("deploy bot");
            assertThat(servicePrincipal.path("active").asBoolean()).isTrue();
            assertThat(servicePrincipal.path("externalId").asString()).isEqualTo("bot-1");
            assertThat(servicePrincipal.path("schemas").toString())
                    .contains("urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal");
            assertThat(values(servicePrincipal.path("roles"))).containsExactly("user");
            assertThat(servicePrincipal.has("userName")).isFalse();
        }

        @Test
        void keepsAGivenApplicationIdAndRefusesItTwice() {
            String applicationId = UUID.randomUUID().toString();

            Response created = scim.post(
                    "/ServicePrincipals",
                    "{'displayName':'given','applicationId':'" + applicationId.toUpperCase() + "'}");
            Response again =
                    scim.post("/ServicePrincipals", "{'displayName':'again','applicationId':'" + applicationId + "'}");

            assertThat(created.json().path("applicationId").asString()).isEqualTo(applicationId);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.errorCode()).isEqualTo("RESOURCE_ALREADY_EXISTS");
        }

        @Test
        void refusesAnApplicationIdThatIsNotAUuidOrAMissingDisplayName() {
            Response notUuid = scim.post("/ServicePrincipals", "{'displayName':'x','applicationId':'my-app'}");
            Response noName = scim.post("/ServicePrincipals", "{}");

            assertThat(notUuid.status()).isEqualTo(400);
            assertThat(notUuid.json().path("message").asString()).contains("applicationId");
            assertThat(noName.status()).isEqualTo(400);
            assertThat(noName.json().path("message").asString()).contains("displayName");
        }
    }

    @Nested
    class Read {
        @Test
        void getListAndFilterByApplicationIdOrDisplayName() {
            String displayName = "filtered bot " + UUID.randomUUID();
            JsonNode created = scim.createServicePrincipal(displayName);
            String id = created.path("id").asString();
            String applicationId = created.path("applicationId").asString();

            JsonNode got = scim.get("/ServicePrincipals/" + id).json();
            JsonNode byApplicationId = scim.get(
                            "/ServicePrincipals?" + filter("applicationId", applicationId.toUpperCase()))
                    .json();
            JsonNode byDisplayName = scim.get("/ServicePrincipals?" + filter("displayName", displayName))
                    .json();

            assertThat(got.path("applicationId").asString()).isEqualTo(applicationId);
            assertThat(ids(byApplicationId.path("Resources"))).containsExactly(id);
            assertThat(ids(byDisplayName.path("Resources"))).containsExactly(id);
            assertThat(byDisplayName.path("totalResults").asLong()).isEqualTo(1);
        }

        @Test
        void pagingTerminatesAndListsOnlyServicePrincipals() {
            scim.createServicePrincipal("page bot " + UUID.randomUUID());
            long total = scim.get("/ServicePrincipals?count=1")
                    .json()
                    .path("totalResults")
                    .asLong();

            var all = scim.listAll("ServicePrincipals", "", 2);

            assertThat(all).hasSize((int) total);
            assertThat(ids(all)).doesNotHaveDuplicates();
            assertThat(all).allMatch(resource -> resource.has("applicationId"));
        }

        @Test
        void anUnsupportedFilterNamesTheSupportedOnes() {
            Response response = scim.get("/ServicePrincipals?" + filter("userName", "x"));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("scimType").asString()).isEqualTo("invalidFilter");
            assertThat(response.json().path("message").asString())
                    .contains("ServicePrincipals cannot be filtered on 'userName'")
                    .contains("applicationId, displayName, externalId, id, active");
        }

        @Test
        void aUserIdUnderServicePrincipalsIs404() {
            String user = scim.createUser("not-a-bot").path("id").asString();

            assertThat(scim.get("/ServicePrincipals/" + user).status()).isEqualTo(404);
            assertThat(scim.put("/ServicePrincipals/" + user, "{'displayName':'x'}")
                            .status())
                    .isEqualTo(404);
            assertThat(scim.delete("/ServicePrincipals/" + user).status()).isEqualTo(404);
            assertThat(scim.get("/Users/" + user).status()).isEqualTo(200);
        }

        @Test
        void anotherWorkspacesServicePrincipalIs404() {
            OtherWorkspace other = testData.otherWorkspace();
            JsonNode theirs = scim.as(other.adminToken()).createServicePrincipal("their bot");

            assertThat(scim.get("/ServicePrincipals/" + theirs.path("id").asString())
                            .status())
                    .isEqualTo(404);
            assertThat(scim.delete("/ServicePrincipals/" + theirs.path("id").asString())
                            .status())
                    .isEqualTo(404);
            assertThat(scim.get("/ServicePrincipals?"
                                    + filter(
                                            "applicationId",
                                            theirs.path("applicationId").asString()))
                            .json()
                            .path("totalResults")
                            .asLong())
                    .isZero();
        }
    }

    @Nested
    class Change {
        @Test
        void patchReplacesDisplayNameAndPutReplacesTheRest() {
            JsonNode created = scim.createServicePrincipal("before");
            String id = created.path("id").asString();

            Response patched =
                    scim.patch("/ServicePrincipals/" + id, "[{'op':'replace','path':'displayName','value':'after'}]");
            Response put = scim.put(
                    "/ServicePrincipals/" + id,
                    "{'displayName':'put name','externalId':'e-2'," + "'applicationId':'"
                            + created.path("applicationId").asString() + "'}");

            assertThat(patched.status()).isEqualTo(200);
            assertThat(patched.json().path("displayName").asString()).isEqualTo("after");
            assertThat(put.status()).isEqualTo(200);
            JsonNode got = scim.get("/ServicePrincipals/" + id).json();
            assertThat(got.path("displayName").asString()).isEqualTo("put name");
            assertThat(got.path("externalId").asString()).isEqualTo("e-2");
            assertThat(got.path("applicationId").asString())
                    .isEqualTo(created.path("applicationId").asString());
        }

        @Test
        void theApplicationIdCannotChange() {
            String id = scim.createServicePrincipal("fixed").path("id").asString();

            Response put = scim.put(
                    "/ServicePrincipals/" + id, "{'displayName':'fixed','applicationId':'" + UUID.randomUUID() + "'}");
            Response patch = scim.patch(
                    "/ServicePrincipals/" + id,
                    "[{'op':'replace','path':'applicationId','value':'" + UUID.randomUUID() + "'}]");

            assertThat(put.status()).isEqualTo(400);
            assertThat(put.json().path("message").asString()).contains("applicationId");
            assertThat(patch.status()).isEqualTo(400);
        }

        @Test
        void anUnsupportedPatchPathIs400() {
            String id = scim.createServicePrincipal("pathless").path("id").asString();

            Response response = scim.patch("/ServicePrincipals/" + id, "[{'op':'add','path':'userName','value':'x'}]");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("message").asString())
                    .contains("userName")
                    .contains("displayName");
        }
    }

    @Nested
    class TokensFollowTheServicePrincipal {
        @Test
        void deactivatingStopsItsTokensAndReactivatingBringsThemBack() {
            String id = scim.createServicePrincipal("sleepy bot").path("id").asString();
            String token = testData.usableToken(stored(id));
            assertThat(scim.as(token).get("/Me").status()).isEqualTo(200);

            scim.patch("/ServicePrincipals/" + id, "[{'op':'replace','value':{'active':false}}]");
            Response refused = scim.as(token).get("/Me");
            scim.patch("/ServicePrincipals/" + id, "[{'op':'replace','path':'active','value':true}]");

            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.reason()).isEqualTo("OWNER_INACTIVE");
            assertThat(scim.as(token).get("/Me").status()).isEqualTo(200);
        }

        @Test
        void deletingItDeletesItsTokens() {
            String id = scim.createServicePrincipal("doomed bot").path("id").asString();
            String token = testData.usableToken(stored(id));

            Response deleted = scim.delete("/ServicePrincipals/" + id);
            Response refused = scim.as(token).get("/Me");

            assertThat(deleted.status()).isEqualTo(204);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.reason()).isEqualTo("TOKEN_UNKNOWN");
            assertThat(scim.get("/ServicePrincipals/" + id).status()).isEqualTo(404);
        }

        @Test
        void aServicePrincipalWithTheUserRoleCannotCreateAnother() {
            String id = scim.createServicePrincipal("humble bot").path("id").asString();
            String token = testData.usableToken(stored(id));

            Response response = scim.as(token).post("/ServicePrincipals", "{'displayName':'spawned'}");

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
            assertThat(response.json().path("message").asString())
                    .contains("scim:write")
                    .contains("user");
        }

        @Test
        void aServicePrincipalMadeWorkspaceAdminCanWrite() {
            Principal admin = testData.user("bot-admin", BuiltInRole.WORKSPACE_ADMIN);
            String token = testData.token(admin);

            assertThat(scim.as(token)
                            .post("/ServicePrincipals", "{'displayName':'allowed'}")
                            .status())
                    .isEqualTo(201);
        }
    }

    private Principal stored(String id) {
        return principals
                .findById(testData.main().id(), new PrincipalId(Long.parseLong(id)))
                .orElseThrow();
    }
}
