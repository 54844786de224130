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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** SCIM Users over real HTTP: every operation, its errors, and what a user's state does to its tokens. */
@WardenSpringBootTest
class ScimUsersIT {
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
        void answers201WithTheUserInTheDatabricksShape() {
            String userName = "ada-" + UUID.randomUUID() + "@example.com";

            Response created = scim.post(
                    "/Users",
                    "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:User'],"
                            + "'userName':'" + userName + "','displayName':'Ada Lovelace','active':true,"
                            + "'name':{'givenName':'Ada','familyName':'Lovelace'},"
                            + "'emails':[{'value':'other@example.com','primary':false},{'value':'ada@example.com','primary':true}],"
                            + "'externalId':'ext-1','entitlements':[{'value':'allow-cluster-create'}]}");

            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            JsonNode user = created.json();
            assertThat(user.path("id").asString()).matches("\\d+");
            assertThat(created.header("Location"))
                    .endsWith("/Users/" + user.path("id").asString());
            assertThat(user.path("userName").asString()).isEqualTo(userName);
            assertThat(user.path("displayName").asString()).isEqualTo("Ada Lovelace");
            assertThat(user.path("active").asBoolean()).isTrue();
            assertThat(user.path("name").path("givenName").asString()).isEqualTo("Ada");
            assertThat(user.path("name").path("familyName").asString()).isEqualTo("Lovelace");
            assertThat(user.path("emails").get(0).path("value").asString()).isEqualTo("ada@example.com");
            assertThat(user.path("emails").get(0).path("primary").asBoolean()).isTrue();
            assertThat(user.path("externalId").asString()).isEqualTo("ext-1");
            assertThat(user.path("schemas").toString())
                    .contains(
                            "urn:ietf:params:scim:schemas:core:2.0:User",
                            "urn:ietf:params:scim:schemas:extension:workspace:2.0:User");
            assertThat(values(user.path("roles"))).containsExactly("user");
            assertThat(values(user.path("entitlements"))).containsExactly("allow-cluster-create");
            assertThat(user.path("groups").isArray()).isTrue();
            Principal stored = principals
                    .findById(
                            testData.main().id(),
                            new PrincipalId(user.path("id").asLong()))
                    .orElseThrow();
            assertThat(stored.passwordHash()).isNull();
        }

        @Test
        void acceptsTheScimMediaType() {
            Response created = new ApiClient(port)
                    .send(
                            "POST",
                            ScimApi.BASE + "/Users",
                            ADMIN_TOKEN,
                            "application/scim+json",
                            "{\"userName\":\"scim-type-" + UUID.randomUUID() + "\"}");

            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }

        @Test
        void aDuplicateUserNameIs409() {
            String userName = scim.createUser("twin").path("userName").asString();

            Response again = scim.post("/Users", "{'userName':'" + userName + "'}");

            assertThat(again.status()).isEqualTo(409);
            assertThat(again.errorCode()).isEqualTo("RESOURCE_ALREADY_EXISTS");
            assertThat(again.json().path("message").asString()).contains(userName);
        }

        @Test
        void withoutUserNameIs400() {
            Response response = scim.post("/Users", "{'displayName':'Nobody'}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(response.json().path("message").asString()).contains("userName");
        }

        @Test
        void aBadEmailIs400() {
            Response response = scim.post(
                    "/Users", "{'userName':'mail-" + UUID.randomUUID() + "','emails':[{'value':'not an address'}]}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("message").asString()).contains("e-mail");
        }
    }

    @Nested
    class Read {
        @Test
        void getReturnsTheUserWithItsGroups() {
            JsonNode user = scim.createUser("reader");
            String id = user.path("id").asString();
            JsonNode group = scim.createGroup("readers-" + UUID.randomUUID(), id);

            JsonNode got = scim.get("/Users/" + id).json();

            assertThat(got.path("userName").asString())
                    .isEqualTo(user.path("userName").asString());
            assertThat(values(got.path("groups")))
                    .containsExactly(group.path("id").asString());
            assertThat(got.path("groups").get(0).path("display").asString())
                    .isEqualTo(group.path("displayName").asString());
        }

        @Test
        void attributesAndExcludedAttributesNarrowTheResource() {
            String id = scim.createUser("narrow").path("id").asString();

            JsonNode only = scim.get("/Users/" + id + "?attributes=userName,name.givenName")
                    .json();
            JsonNode without = scim.get("/Users/" + id + "?excludedAttributes=groups,roles")
                    .json();

            assertThat(only.propertyNames()).containsExactlyInAnyOrder("schemas", "id", "userName");
            assertThat(without.has("groups")).isFalse();
            assertThat(without.has("roles")).isFalse();
            assertThat(without.has("userName")).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"999999999999", "abc", "-1", "99999999999999999999999"})
        void anUnknownIdIs404(String id) {
            Response response = scim.get("/Users/" + id);

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        }

        @Test
        void aServicePrincipalOrGroupIdUnderUsersIs404() {
            String servicePrincipal =
                    scim.createServicePrincipal("not-a-user").path("id").asString();

            assertThat(scim.get("/Users/" + servicePrincipal).status()).isEqualTo(404);
            assertThat(scim.patch("/Users/" + servicePrincipal, "[{'op':'replace','path':'active','value':false}]")
                            .status())
                    .isEqualTo(404);
            assertThat(scim.delete("/Users/" + servicePrincipal).status()).isEqualTo(404);
            assertThat(scim.get("/ServicePrincipals/" + servicePrincipal)
                            .json()
                            .path("active")
                            .asBoolean())
                    .isTrue();
        }

        @Test
        void anotherWorkspacesUserIs404BothWaysAndUntouched() {
            OtherWorkspace other = testData.otherWorkspace();
            String theirs = String.valueOf(other.admin().id());
            String ours = scim.createUser("ours").path("id").asString();

            assertThat(scim.get("/Users/" + theirs).status()).isEqualTo(404);
            assertThat(scim.put("/Users/" + theirs, "{'userName':'taken-over'}").status())
                    .isEqualTo(404);
            assertThat(scim.patch("/Users/" + theirs, "[{'op':'replace','path':'active','value':false}]")
                            .status())
                    .isEqualTo(404);
            assertThat(scim.delete("/Users/" + theirs).status()).isEqualTo(404);
            assertThat(scim.as(other.adminToken()).get("/Users/" + ours).status())
                    .isEqualTo(404);
            assertThat(scim.as(other.adminToken())
                            .get("/Users/" + theirs)
                            .json()
                            .path("active")
                            .asBoolean())
                    .isTrue();
            assertThat(ids(scim.listAll(
                            "Users", filter("userName", other.admin().userName()), 100)))
                    .isEmpty();
        }
    }

    @Nested
    class ListAndFilter {
        @Test
        void pagingTerminatesWithAnEmptyPageAndCoversEveryUserOnce() {
            JsonNode first = scim.get("/Users?startIndex=1&count=5").json();
            long total = first.path("totalResults").asLong();

            List<JsonNode> all = scim.listAll("Users", "", 5);

            assertThat(first.path("schemas").toString()).contains("urn:ietf:params:scim:api:messages:2.0:ListResponse");
            assertThat(first.path("itemsPerPage").asLong())
                    .isEqualTo(first.path("Resources").size());
            assertThat(first.path("startIndex").asLong()).isEqualTo(1);
            assertThat(all).hasSize((int) total);
            assertThat(ids(all)).doesNotHaveDuplicates();
        }

        @Test
        void pagesFollowStartIndexAndAPagePastTheEndIsEmpty() {
            String displayName = "paged " + UUID.randomUUID();
            for (int i = 0; i < 3; i++) {
                scim.post(
                        "/Users", "{'userName':'paged-" + UUID.randomUUID() + "','displayName':'" + displayName + "'}");
            }
            String query = filter("displayName", displayName);

            JsonNode page1 =
                    scim.get("/Users?" + query + "&startIndex=1&count=2").json();
            JsonNode page2 =
                    scim.get("/Users?" + query + "&startIndex=3&count=2").json();
            JsonNode past =
                    scim.get("/Users?" + query + "&startIndex=4&count=2").json();

            assertThat(page1.path("totalResults").asLong()).isEqualTo(3);
            assertThat(page1.path("Resources").size()).isEqualTo(2);
            assertThat(page2.path("Resources").size()).isEqualTo(1);
            assertThat(page2.path("startIndex").asLong()).isEqualTo(3);
            assertThat(past.path("Resources").isArray()).isTrue();
            assertThat(past.path("Resources").isEmpty()).isTrue();
            assertThat(past.path("totalResults").asLong()).isEqualTo(3);
            assertThat(ids(scim.listAll("Users", query, 10000))).hasSize(3).doesNotHaveDuplicates();
        }

        @Test
        void countIsCappedAt10000AndAZeroCountGivesOnlyTheTotal() {
            JsonNode capped = scim.get("/Users?count=50000").json();
            JsonNode zero = scim.get("/Users?count=0").json();

            assertThat(capped.path("itemsPerPage").asLong()).isLessThanOrEqualTo(10000);
            assertThat(zero.path("Resources").isEmpty()).isTrue();
            assertThat(zero.path("totalResults").asLong()).isPositive();
        }

        @Test
        void userNameFilterFindsExactlyThatUser() {
            JsonNode user = scim.createUser("filtered");

            Response found = scim.get(
                    "/Users?" + filter("userName", user.path("userName").asString())
                            + "&sortOrder=DESCENDING&sortBy=userName&attributes=userName");

            assertThat(found.status()).isEqualTo(200);
            assertThat(found.json().path("totalResults").asLong()).isEqualTo(1);
            assertThat(ids(found.json().path("Resources")))
                    .containsExactly(user.path("id").asString());
        }

        @Test
        void aPlusInTheQueryIsASpaceAndFilterNamesIgnoreCase() {
            String displayName = "Grace Brewster Hopper " + UUID.randomUUID();
            String id = scim.post(
                            "/Users",
                            "{'userName':'grace-" + UUID.randomUUID() + "','displayName':'" + displayName + "'}")
                    .json()
                    .path("id")
                    .asString();

            Response found = scim.get("/Users?filter=DISPLAYNAME+EQ+%22" + displayName.replace(' ', '+') + "%22");

            assertThat(ids(found.json().path("Resources"))).containsExactly(id);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "applicationId+eq+%22x%22 | Users cannot be filtered on 'applicationId'",
                    "userName+eq+unquoted | userName is compared with a string in double quotes",
                    "userName+gt+%22a%22 | the operator 'gt' (ordering) is not supported",
                    "emails%5Btype+eq+%22work%22%5D | value filters such as emails[type eq \"work\"] are not supported",
                    "userName+eq+null | comparing with null is not supported",
                    "active+co+%22t%22 | active is true or false: compare it with eq or ne",
                    "not+userName+eq+%22a%22 | expected '(' after 'not'",
                    "(userName+eq+%22a%22 | the filter ends where ')' was expected",
                    "userName+eq+%22a%22+and | the filter ends where an attribute name was expected",
                    "userName+xx+%22a%22 | unknown operator 'xx'",
                    "garbage | Users cannot be filtered on 'garbage'",
                })
        void anUnsupportedFilterIs400NamingTheConstruct(String filterValue, String named) {
            Response response = scim.get("/Users?filter=" + filterValue);

            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(response.json().path("scimType").asString()).isEqualTo("invalidFilter");
            assertThat(response.json().path("status").asString()).isEqualTo("400");
            assertThat(response.json()
                            .path("details")
                            .get(0)
                            .path("metadata")
                            .path("field")
                            .asString())
                    .isEqualTo("filter");
            assertThat(response.json().path("message").asString())
                    .contains("Unsupported filter")
                    .contains(named);
        }

        @Test
        void aStartIndexFarPastTheEndGivesAnEmptyPage() {
            JsonNode page = scim.get("/Users?startIndex=99999999999&count=10").json();

            assertThat(page.path("Resources").isEmpty()).isTrue();
            assertThat(page.path("totalResults").asLong()).isPositive();
        }

        @Test
        void aNonNumericStartIndexIs400() {
            Response response = scim.get("/Users?startIndex=first");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("message").asString()).contains("startIndex");
        }
    }

    @Nested
    class Replace {
        @Test
        void putReplacesTheProfile() {
            JsonNode user = scim.createUser("replaced");
            String id = user.path("id").asString();
            String newName = "renamed-" + UUID.randomUUID();

            Response replaced = scim.put(
                    "/Users/" + id,
                    "{'userName':'" + newName + "','displayName':'New Name',"
                            + "'name':{'givenName':'New'},'emails':[{'value':'new@example.com'}]}");

            assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
            JsonNode got = scim.get("/Users/" + id).json();
            assertThat(got.path("userName").asString()).isEqualTo(newName);
            assertThat(got.path("displayName").asString()).isEqualTo("New Name");
            assertThat(got.path("name").path("givenName").asString()).isEqualTo("New");
            assertThat(got.path("name").has("familyName")).isFalse();
            assertThat(got.path("emails").get(0).path("value").asString()).isEqualTo("new@example.com");
            assertThat(got.path("active").asBoolean()).isTrue();
        }

        @Test
        void putToAnotherUsersNameIs409AndChangesNothing() {
            String taken = scim.createUser("taken").path("userName").asString();
            JsonNode user = scim.createUser("wants-it");

            Response response = scim.put("/Users/" + user.path("id").asString(), "{'userName':'" + taken + "'}");

            assertThat(response.status()).isEqualTo(409);
            assertThat(response.errorCode()).isEqualTo("RESOURCE_ALREADY_EXISTS");
            assertThat(scim.get("/Users/" + user.path("id").asString())
                            .json()
                            .path("userName")
                            .asString())
                    .isEqualTo(user.path("userName").asString());
        }
    }

    @Nested
    class Patch {
        @Test
        void replaceWithAPathChangesThatAttribute() {
            String id = scim.createUser("patched").path("id").asString();

            Response patched = scim.patch("/Users/" + id, "[{'op':'replace','path':'displayName','value':'Patched'}]");

            assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
            assertThat(scim.get("/Users/" + id).json().path("displayName").asString())
                    .isEqualTo("Patched");
        }

        @Test
        void replaceWithoutAPathTakesAnObject() {
            String id = scim.createUser("object").path("id").asString();

            scim.patch(
                    "/Users/" + id,
                    "[{'op':'Replace','value':{'displayName':'From Object','externalId':'x-9',"
                            + "'name':{'familyName':'Objective'}}}]");

            JsonNode got = scim.get("/Users/" + id).json();
            assertThat(got.path("displayName").asString()).isEqualTo("From Object");
            assertThat(got.path("externalId").asString()).isEqualTo("x-9");
            assertThat(got.path("name").path("familyName").asString()).isEqualTo("Objective");
        }

        @Test
        void addSetsAndRemoveClears() {
            String id = scim.createUser("add-remove").path("id").asString();

            scim.patch(
                    "/Users/" + id,
                    "[{'op':'add','path':'name.givenName','value':'Given'},"
                            + "{'op':'add','path':'externalId','value':'gone-soon'},"
                            + "{'op':'add','path':'emails','value':[{'value':'added@example.com','primary':true}]}]");
            JsonNode added = scim.get("/Users/" + id).json();
            scim.patch(
                    "/Users/" + id,
                    "[{'op':'remove','path':'externalId'},"
                            + "{'op':'remove','path':'urn:ietf:params:scim:schemas:core:2.0:User:emails'}]");
            JsonNode removed = scim.get("/Users/" + id).json();

            assertThat(added.path("name").path("givenName").asString()).isEqualTo("Given");
            assertThat(added.path("externalId").asString()).isEqualTo("gone-soon");
            assertThat(added.path("emails").get(0).path("value").asString()).isEqualTo("added@example.com");
            assertThat(removed.has("externalId")).isFalse();
            assertThat(removed.has("emails")).isFalse();
            assertThat(removed.path("name").path("givenName").asString()).isEqualTo("Given");
        }

        @Test
        void aBadOperationIs400AndNoOperationOfTheRequestIsApplied() {
            String id = scim.createUser("atomic").path("id").asString();

            Response badPath = scim.patch(
                    "/Users/" + id,
                    "[{'op':'replace','path':'displayName','value':'Changed'},"
                            + "{'op':'replace','path':'nickName','value':'x'}]");
            Response badOp = scim.patch("/Users/" + id, "[{'op':'merge','path':'displayName','value':'Changed'}]");
            Response badValue = scim.patch("/Users/" + id, "[{'op':'replace','path':'active','value':'maybe'}]");
            Response removeUserName = scim.patch("/Users/" + id, "[{'op':'remove','path':'userName'}]");
            Response noOperations = scim.patch("/Users/" + id, "[]");

            assertThat(badPath.status()).isEqualTo(400);
            assertThat(badPath.json().path("message").asString())
                    .contains("nickName")
                    .contains("displayName");
            assertThat(badOp.status()).isEqualTo(400);
            assertThat(badOp.json().path("message").asString()).contains("merge");
            assertThat(badValue.status()).isEqualTo(400);
            assertThat(removeUserName.status()).isEqualTo(400);
            assertThat(noOperations.status()).isEqualTo(400);
            assertThat(scim.get("/Users/" + id).json().path("displayName").asString())
                    .isEqualTo("atomic person");
        }

        @Test
        void renamingToATakenUserNameIs409() {
            String taken = scim.createUser("patch-taken").path("userName").asString();
            String id = scim.createUser("patch-wants").path("id").asString();

            Response response =
                    scim.patch("/Users/" + id, "[{'op':'replace','path':'userName','value':'" + taken + "'}]");

            assertThat(response.status()).isEqualTo(409);
            assertThat(response.errorCode()).isEqualTo("RESOURCE_ALREADY_EXISTS");
        }
    }

    @Nested
    class TokensFollowTheUser {
        @Test
        void deactivatingStopsItsTokensWithOwnerInactiveAndReactivatingBringsThemBack() {
            JsonNode user = scim.createUser("sleeper");
            String id = user.path("id").asString();
            String token = testData.usableToken(stored(id));
            assertThat(scim.as(token).get("/Me").status()).isEqualTo(200);

            Response deactivated = scim.patch("/Users/" + id, "[{'op':'replace','path':'active','value':false}]");
            Response refused = scim.as(token).get("/Me");
            scim.patch("/Users/" + id, "[{'op':'replace','path':'active','value':'True'}]");
            Response back = scim.as(token).get("/Me");

            assertThat(deactivated.status()).isEqualTo(200);
            assertThat(deactivated.json().path("active").asBoolean()).isFalse();
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.reason()).isEqualTo("OWNER_INACTIVE");
            assertThat(back.status()).isEqualTo(200);
            assertThat(back.json().path("id").asString()).isEqualTo(id);
        }

        @Test
        void putWithActiveFalseAlsoDeactivates() {
            JsonNode user = scim.createUser("put-sleeper");
            String id = user.path("id").asString();
            String token = testData.usableToken(stored(id));

            scim.put("/Users/" + id, "{'userName':'" + user.path("userName").asString() + "','active':false}");

            assertThat(scim.as(token).get("/Me").reason()).isEqualTo("OWNER_INACTIVE");
        }

        @Test
        void deletingTheUserDeletesItsTokens() {
            String id = scim.createUser("leaver").path("id").asString();
            String token = testData.usableToken(stored(id));

            Response deleted = scim.delete("/Users/" + id);
            Response refused = scim.as(token).get("/Me");

            assertThat(deleted.status()).isEqualTo(204);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.reason()).isEqualTo("TOKEN_UNKNOWN");
            assertThat(scim.get("/Users/" + id).status()).isEqualTo(404);
            assertThat(scim.delete("/Users/" + id).status()).isEqualTo(404);
        }
    }

    @Nested
    class Permissions {
        @Test
        void aPlainUsersTokenReadsButCannotWriteAndTheDenialSaysWhy() {
            Principal limited = testData.user("limited", BuiltInRole.USER);
            ScimApi asLimited = scim.as(testData.token(limited));
            String target = scim.createUser("target").path("id").asString();

            Response read = asLimited.get("/Users/" + target);
            Response create = asLimited.post("/Users", "{'userName':'sneaky-" + UUID.randomUUID() + "'}");
            Response patch = asLimited.patch("/Users/" + target, "[{'op':'replace','path':'active','value':false}]");
            Response delete = asLimited.delete("/Users/" + target);

            assertThat(read.status()).isEqualTo(200);
            for (Response denied : List.of(create, patch, delete)) {
                assertThat(denied.status()).isEqualTo(403);
                assertThat(denied.errorCode()).isEqualTo("PERMISSION_DENIED");
                assertThat(denied.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
                assertThat(denied.json().path("message").asString())
                        .contains("scim:write")
                        .contains(limited.userName())
                        .contains("Roles held: user");
                JsonNode detail = denied.json().path("details").get(0);
                assertThat(detail.path("@type").asString()).isEqualTo("type.googleapis.com/google.rpc.ErrorInfo");
                assertThat(detail.path("domain").asString()).isEqualTo("warden");
                assertThat(detail.path("metadata").path("required").asString()).isEqualTo("scim:write");
                assertThat(detail.path("metadata").path("owner").asString()).isEqualTo(limited.userName());
            }
            assertThat(scim.get("/Users/" + target).json().path("active").asBoolean())
                    .isTrue();
        }

        @Test
        void aTokenWhoseOwnerHoldsNoRoleCannotEvenRead() {
            Principal roleless = testData.user("roleless");

            Response response = scim.as(testData.token(roleless)).get("/Users");

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
            assertThat(response.json().path("message").asString())
                    .contains("scim:read")
                    .contains("Roles held: none");
        }
    }

    @Nested
    class LastAdmin {
        @Test
        void theLastActiveAdminCannotBeDeactivatedOrDeleted() {
            OtherWorkspace other = testData.otherWorkspace();
            ScimApi asAdmin = scim.as(other.adminToken());
            String adminId = String.valueOf(other.admin().id());

            Principal apiAdmin =
                    testData.userWithoutTokenUsage(other.workspace().id(), "api-admin", BuiltInRole.WORKSPACE_ADMIN);
            ScimApi asApiAdmin = scim.as(testData.token(apiAdmin));

            Response deactivateSelf =
                    asAdmin.patch("/Users/" + adminId, "[{'op':'replace','path':'active','value':false}]");
            Response deactivate =
                    asApiAdmin.patch("/Users/" + adminId, "[{'op':'replace','path':'active','value':false}]");
            Response delete = asApiAdmin.delete("/Users/" + adminId);

            assertThat(deactivateSelf.status()).isEqualTo(400);
            assertThat(deactivateSelf.json().path("message").asString()).contains("cannot deactivate itself");
            assertThat(deactivate.status()).isEqualTo(400);
            assertThat(deactivate.errorCode()).isEqualTo("INVALID_STATE");
            assertThat(deactivate.json().path("message").asString()).contains("workspace admin who can sign in");
            assertThat(delete.status()).isEqualTo(400);
            assertThat(delete.errorCode()).isEqualTo("INVALID_STATE");
            Response stillThere = asAdmin.get("/Me");
            assertThat(stillThere.status()).isEqualTo(200);
            assertThat(stillThere.json().path("active").asBoolean()).isTrue();
        }
    }

    private Principal stored(String id) {
        return principals
                .findById(testData.main().id(), new PrincipalId(Long.parseLong(id)))
                .orElseThrow();
    }
}
