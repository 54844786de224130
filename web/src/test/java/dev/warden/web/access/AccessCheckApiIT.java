package dev.warden.web.access;

import static dev.warden.web.support.ApiClient.json;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.access.Step;
import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenService;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/2.0/access/check} and {@code GET /api/2.0/access/scopes} over real HTTP: who may ask, the verdict
 * and its steps, and that it says what a real request with the token gets.
 */
@WardenSpringBootTest
class AccessCheckApiIT {
    private static final String CHECK = "/api/2.0/access/check";
    private static final String SCOPES = "/api/2.0/access/scopes?token_id=";
    private static final String CREATE = "/api/2.0/token/create";
    private static final String LIST = "/api/2.0/token/list";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    TokenService tokens;

    ApiClient api;
    TestData testData;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        testData = TestData.of(context);
    }

    /** A token of the owner with these scopes, created as the owner would. */
    private Owned token(Principal owner, String... scopes) {
        IssuedToken issued = tokens.create(
                Actor.of(owner, "127.0.0.1"),
                new CreateTokenCommand("check access test", null, scopes.length == 0 ? null : List.of(scopes)));
        return new Owned(issued.token().id().value(), issued.secret().reveal());
    }

    private record Owned(String id, String secret) {}

    private Response checkPath(String asker, String tokenId, String method, String path) {
        return api.post(CHECK, asker, json("{'token_id':'%s','method':'%s','path':'%s'}", tokenId, method, path));
    }

    private Response checkPermission(String asker, String tokenId, String permission) {
        return api.post(CHECK, asker, json("{'token_id':'%s','permission':'%s'}", tokenId, permission));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }

    private static List<String> steps(Response check) {
        List<String> names = new ArrayList<>();
        check.json().path("steps").forEach(step -> names.add(step.path("step").asString()));
        return names;
    }

    @Nested
    class WhoMayAsk {
        @Test
        void theOwnerAsksAboutTheirOwnToken() {
            Principal owner = testData.user("check-owner", BuiltInRole.USER);
            Owned token = token(owner, "tokens:read");

            Response check = checkPath(token.secret(), token.id(), "GET", LIST);

            assertThat(check.status()).as(check.toString()).isEqualTo(200);
            JsonNode body = check.json();
            assertThat(body.path("allowed").asBoolean()).isTrue();
            assertThat(body.path("token_id").asString()).isEqualTo(token.id());
            assertThat(body.path("required_permission").asString()).isEqualTo("tokens:read");
            assertThat(body.path("route").path("method").asString()).isEqualTo("GET");
            assertThat(body.path("route").path("path").asString()).isEqualTo(LIST);
            assertThat(body.has("reason")).isFalse();
            assertThat(body.path("steps"))
                    .as("every step of the decision chain, each passed")
                    .hasSizeGreaterThan(1)
                    .allSatisfy(
                            step -> assertThat(step.path("passed").asBoolean()).isTrue());
        }

        @Test
        void anAdminAsksAboutAnyonesTokenAndAGroupPathNamesItsGroup() {
            Principal owner = testData.user("check-group-admin");
            Group group = testData.group(TestData.unique("check-group"));
            testData.assign(testData.builtIn(BuiltInRole.GROUP_ADMIN), owner, group);
            Owned token = token(owner, "token-management:read");
            String groupPath = "/api/2.0/groups/" + group.id() + "/tokens";

            Response onTheGroup = checkPath(ADMIN_TOKEN, token.id(), "GET", groupPath);
            Response workspaceWide = checkPath(ADMIN_TOKEN, token.id(), "GET", "/api/2.0/token-management/tokens");

            assertThat(onTheGroup.status()).as(onTheGroup.toString()).isEqualTo(200);
            assertThat(onTheGroup.json().path("allowed").asBoolean()).isTrue();
            assertThat(onTheGroup.json().path("group_id").asLong())
                    .isEqualTo(group.id().value());
            assertThat(onTheGroup.json().path("route").path("path").asString())
                    .isEqualTo("/api/2.0/groups/{group_id}/tokens");
            assertThat(workspaceWide.json().path("allowed").asBoolean()).isFalse();
            assertThat(workspaceWide.json().path("reason").asString()).isEqualTo("ROLE_LACKS_PERMISSION");
            // and what the real requests get
            assertThat(api.get(groupPath, token.secret()).status()).isEqualTo(200);
            assertThat(api.get("/api/2.0/token-management/tokens", token.secret())
                            .reason())
                    .isEqualTo("ROLE_LACKS_PERMISSION");
        }

        @Test
        void anotherUserGets404AsIfTheTokenDidNotExist() {
            Principal owner = testData.user("check-victim", BuiltInRole.USER);
            Principal other = testData.user("check-other", BuiltInRole.USER);
            Owned token = token(owner);
            String otherToken = testData.token(other);

            Response check = checkPermission(otherToken, token.id(), "tokens:read");
            Response scopes = api.get(SCOPES + token.id(), otherToken);
            Response unknown = checkPermission(ADMIN_TOKEN, "0123456789abcdef0123456789abcdef", "tokens:read");

            assertThat(check.status()).as(check.toString()).isEqualTo(404);
            assertThat(check.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
            assertThat(scopes.status()).isEqualTo(404);
            assertThat(unknown.status()).isEqualTo(404);
        }
    }

    @Nested
    class Verdicts {
        @Test
        void thePathFormAndThePermissionFormAgree() {
            Principal owner = testData.user("check-forms", BuiltInRole.USER);
            Owned token = token(owner, "scim:read");

            JsonNode byPath = checkPath(ADMIN_TOKEN, token.id(), "post", CREATE).json();
            JsonNode byPermission =
                    checkPermission(ADMIN_TOKEN, token.id(), "tokens:write").json();

            assertThat(byPath.path("allowed").asBoolean()).isFalse();
            assertThat(byPath.path("required_permission").asString()).isEqualTo("tokens:write");
            for (String field :
                    List.of("allowed", "status", "reason", "message", "required_permission", "facts", "steps")) {
                assertThat(byPath.path(field)).as(field).isEqualTo(byPermission.path(field));
            }
            assertThat(byPermission.has("route")).isFalse();
        }

        @Test
        void aRevokedTokenFailsAtNotRevokedWithEveryEarlierStepPassed() {
            Principal owner = testData.user("check-revoked", BuiltInRole.USER);
            Owned token = token(owner);
            tokens.revoke(Actor.of(owner, "127.0.0.1"), new dev.warden.core.token.TokenId(token.id()));

            Response check = checkPath(ADMIN_TOKEN, token.id(), "GET", LIST);
            Response real = api.get(LIST, token.secret());

            JsonNode body = check.json();
            assertThat(body.path("allowed").asBoolean()).isFalse();
            assertThat(body.path("status").asInt()).isEqualTo(401).isEqualTo(real.status());
            assertThat(body.path("reason").asString())
                    .isEqualTo("TOKEN_REVOKED")
                    .isEqualTo(real.reason());
            assertThat(steps(check)).containsExactly("PRESENTED", "FORMAT", "KNOWN", "NOT_REVOKED");
            JsonNode steps = body.path("steps");
            for (int i = 0; i < steps.size() - 1; i++) {
                assertThat(steps.get(i).path("passed").asBoolean())
                        .as(steps.get(i).toString())
                        .isTrue();
            }
            JsonNode failed = steps.get(steps.size() - 1);
            assertThat(failed.path("passed").asBoolean()).isFalse();
            assertThat(failed.path("detail").asString()).contains("revoked");
            assertThat(failed.path("description").asString()).isEqualTo(Step.NOT_REVOKED.description());
        }

        @Test
        void scopeMissingShowsTheRequiredScopeAndTheTokensScopes() {
            Principal owner = testData.user("check-scope", BuiltInRole.USER);
            Owned token = token(owner, "scim:read", "tokens:read");

            JsonNode body = checkPath(ADMIN_TOKEN, token.id(), "POST", CREATE).json();
            Response real = api.post(CREATE, token.secret(), "{}");

            assertThat(body.path("allowed").asBoolean()).isFalse();
            assertThat(body.path("status").asInt()).isEqualTo(403).isEqualTo(real.status());
            assertThat(body.path("reason").asString())
                    .isEqualTo("SCOPE_MISSING")
                    .isEqualTo(real.reason());
            assertThat(strings(body.path("facts").path("required_scope"))).containsExactly("tokens:write");
            assertThat(strings(body.path("facts").path("token_scopes")))
                    .containsExactlyInAnyOrder("scim:read", "tokens:read");
            assertThat(body.path("message").asString()).contains("tokens:write").contains("scim:read");
            assertThat(real.json().path("message").asString())
                    .isEqualTo(body.path("message").asString());
        }

        @Test
        void stepsComeInTheOrderOfTheDesign() {
            Principal owner = testData.user("check-order", BuiltInRole.USER);
            Owned token = token(owner);

            Response allowed = checkPath(ADMIN_TOKEN, token.id(), "GET", LIST);
            Response roleLacks = checkPermission(ADMIN_TOKEN, token.id(), "settings:write");

            List<String> design = Arrays.stream(Step.values()).map(Step::name).toList();
            assertThat(design)
                    .containsExactly(
                            "PRESENTED",
                            "FORMAT",
                            "KNOWN",
                            "NOT_REVOKED",
                            "NOT_EXPIRED",
                            "TOKENS_ENABLED",
                            "OWNER_ACTIVE",
                            "TOKEN_USAGE",
                            "ROLE_GRANTS_PERMISSION",
                            "SCOPE_GRANTS_PERMISSION");
            assertThat(steps(allowed)).isEqualTo(design);
            assertThat(steps(roleLacks)).isEqualTo(design.subList(0, design.size() - 1));
            assertThat(roleLacks.json().path("reason").asString()).isEqualTo("ROLE_LACKS_PERMISSION");
            assertThat(strings(roleLacks.json().path("facts").path("required_permission")))
                    .containsExactly("settings:write");
            assertThat(strings(roleLacks.json().path("facts").path("roles"))).contains("user");
        }

        @Test
        void anOwnerWithoutTokenUsageFailsAtTokenUsage() {
            Principal owner = testData.user("check-usage", BuiltInRole.USER);
            Owned token = token(owner);
            testData.revokeTokenUsage(owner);

            Response check = checkPath(ADMIN_TOKEN, token.id(), "GET", LIST);

            assertThat(check.json().path("reason").asString()).isEqualTo("NO_TOKEN_USAGE_PERMISSION");
            assertThat(check.json().path("status").asInt()).isEqualTo(403);
            assertThat(steps(check)).last().isEqualTo("TOKEN_USAGE");
            assertThat(api.get(LIST, token.secret()).reason()).isEqualTo("NO_TOKEN_USAGE_PERMISSION");
        }
    }

    @Nested
    class Scopes {
        @Test
        void aScopeDiesWhenTheRoleLosesItsPermissionAndLivesAgainWhenItReturns() {
            Role role = testData.customRole(
                    TestData.unique("check-readers"), Permission.TOKEN_MANAGEMENT_READ, Permission.SCIM_READ);
            Principal owner = testData.user("check-dead");
            testData.assign(role, owner, null);
            Owned token = token(owner, "token-management:read", "scim:read");
            String rolePath = "/api/2.0/roles/" + role.id().value();

            JsonNode before = api.get(SCOPES + token.id(), ADMIN_TOKEN).json();
            Response narrowed =
                    api.send("PATCH", rolePath, ADMIN_TOKEN, "application/json", "{\"permissions\":[\"scim:read\"]}");
            Response dead = api.get(SCOPES + token.id(), ADMIN_TOKEN);
            JsonNode verdict = checkPermission(ADMIN_TOKEN, token.id(), "token-management:read")
                    .json();
            api.send(
                    "PATCH",
                    rolePath,
                    ADMIN_TOKEN,
                    "application/json",
                    "{\"permissions\":[\"scim:read\",\"token-management:read\"]}");
            JsonNode after = api.get(SCOPES + token.id(), ADMIN_TOKEN).json();

            assertThat(before.path("scopes")).hasSize(2).allSatisfy(scope -> {
                assertThat(scope.path("live").asBoolean()).isTrue();
                assertThat(scope.has("why")).isFalse();
            });
            assertThat(strings(before.path("effective_permissions")))
                    .containsExactly("token-management:read", "scim:read");
            assertThat(narrowed.status()).as(narrowed.toString()).isEqualTo(200);
            assertThat(dead.status()).isEqualTo(200);
            JsonNode deadScope = scope(dead.json(), "token-management:read");
            assertThat(deadScope.path("live").asBoolean()).isFalse();
            assertThat(deadScope.path("why").asString())
                    .contains("no longer holds token-management:read")
                    .contains(role.name());
            assertThat(scope(dead.json(), "scim:read").path("live").asBoolean()).isTrue();
            assertThat(strings(dead.json().path("effective_permissions"))).containsExactly("scim:read");
            assertThat(verdict.path("reason").asString()).isEqualTo("ROLE_LACKS_PERMISSION");
            assertThat(after.path("scopes"))
                    .hasSize(2)
                    .allSatisfy(
                            scope -> assertThat(scope.path("live").asBoolean()).isTrue());
            assertThat(strings(after.path("effective_permissions")))
                    .containsExactly("token-management:read", "scim:read");
        }

        @Test
        void allApisIsLiveAndItsEffectivePermissionsAreTheOwnersCurrentOnes() {
            Principal owner = testData.user("check-all-apis", BuiltInRole.USER);
            Owned token = token(owner);

            JsonNode report = api.get(SCOPES + token.id(), token.secret()).json();

            assertThat(scope(report, "all-apis").path("live").asBoolean()).isTrue();
            assertThat(strings(report.path("effective_permissions")))
                    .containsExactly("tokens:read", "tokens:write", "scim:read", "roles:read");
        }

        private JsonNode scope(JsonNode report, String key) {
            for (JsonNode scope : report.path("scopes")) {
                if (scope.path("scope").asString().equals(key)) {
                    return scope;
                }
            }
            throw new AssertionError("no scope " + key + " in " + report);
        }
    }

    @Nested
    class BadInput {
        @ParameterizedTest(name = "{0} -> 400 naming {1}")
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '"',
                value = {
                    "{'method':'GET','path':'/api/2.0/token/list'}                                   | token_id",
                    "{'token_id':'  ','permission':'tokens:read'}                                     | token_id",
                    "{'token_id':'abc'}                                                               | path",
                    "{'token_id':'abc','method':'GET','path':'/api/2.0/token/list','permission':'tokens:read'} | permission",
                    "{'token_id':'abc','permission':'clusters:nuke'}                                  | permission",
                    "{'token_id':'abc','method':'FETCH','path':'/api/2.0/token/list'}                 | method",
                    "{'token_id':'abc','path':'/api/2.0/token/list'}                                  | method",
                    "{'token_id':'abc','method':'GET'}                                                | path",
                    "{'token_id':'abc','method':'GET','path':'/api/2.0/nothing/here'}                 | path",
                    "{'token_id':'abc','method':'PUT','path':'/api/2.0/token/list'}                   | path",
                    "{'token_id':'abc','method':'GET','path':'api/2.0/token/list'}                    | path",
                    "{'token_id':'abc','method':'GET','path':'/api/2.0/token/list','group_id':3}      | group_id",
                    "{'token_id':'abc','permission':'scim:read','group_id':'three'}                   | group_id",
                })
        void isA400NamingTheField(String body, String field) {
            Response response = api.post(CHECK, ADMIN_TOKEN, json(body));

            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(response.json()
                            .path("details")
                            .get(0)
                            .path("metadata")
                            .path("field")
                            .asString())
                    .isEqualTo(field);
        }

        @Test
        void anUnknownRouteSaysWhichMethodsThePathAnswers() {
            Response response = checkPath(ADMIN_TOKEN, "abc", "PUT", LIST);

            assertThat(response.json().path("message").asString())
                    .contains("PUT " + LIST)
                    .contains("answers GET");
        }

        @Test
        void theScopesReportNeedsATokenId() {
            Response response = api.get("/api/2.0/access/scopes", ADMIN_TOKEN);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json()
                            .path("details")
                            .get(0)
                            .path("metadata")
                            .path("field")
                            .asString())
                    .isEqualTo("token_id");
        }
    }
}
