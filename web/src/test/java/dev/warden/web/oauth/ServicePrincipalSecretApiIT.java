package dev.warden.web.oauth;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.token.TokenDigest;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/2.0/accounts/servicePrincipals/{id}/credentials/secrets} over real HTTP: the Databricks shapes, the
 * permission each endpoint declares, the delegation rule, and what deleting a secret does to its tokens.
 */
@WardenSpringBootTest
class ServicePrincipalSecretApiIT {
    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    TestData data;
    ApiClient api;
    TokenRequests oauth;
    Principal robot;

    @BeforeEach
    void aServicePrincipal() {
        data = TestData.of(context);
        api = new ApiClient(port);
        oauth = new TokenRequests(port);
        robot = data.servicePrincipal(TestData.unique("robot"));
        data.grantTokenUsage(robot);
    }

    private static String secrets(Principal servicePrincipal) {
        return "/api/2.0/accounts/servicePrincipals/" + servicePrincipal.id() + "/credentials/secrets";
    }

    private Response create(String token, Principal servicePrincipal, String body) {
        return api.post(secrets(servicePrincipal), token, body);
    }

    @Nested
    class Creating {
        @Test
        void theSecretIsInTheAnswerOnceWithItsHashStatusAndTimes() {
            Response created = create(ADMIN_TOKEN, robot, "{\"lifetime\":\"7776000s\"}");

            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            assertThat(created.header("Cache-Control")).contains("no-store");
            JsonNode body = created.json();
            String secret = body.path("secret").asString();
            assertThat(secret).startsWith("wdn_").hasSize(53);
            assertThat(body.path("id").asString()).matches("[0-9a-f]{32}");
            assertThat(body.path("secret_hash").asString())
                    .isEqualTo(TokenDigest.of(secret).hex());
            assertThat(body.path("status").asString()).isEqualTo("ACTIVE");
            Instant createdAt = Instant.parse(body.path("create_time").asString());
            assertThat(body.path("update_time").asString())
                    .isEqualTo(body.path("create_time").asString());
            assertThat(Duration.between(
                            createdAt, Instant.parse(body.path("expire_time").asString())))
                    .isEqualTo(Duration.ofDays(90));

            Response listed = api.get(secrets(robot), ADMIN_TOKEN);
            assertThat(listed.body()).doesNotContain(secret).doesNotContain("\"secret\"");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"lifetime\":\"3600\"}", "{\"lifetime\":\"3600.5s\"}", "{\"lifetime\":\"3600s\"}"})
        void theLifetimeIsSecondsWithOrWithoutTheDurationSuffix(String body) {
            JsonNode created = create(ADMIN_TOKEN, robot, body).json();

            assertThat(Duration.between(
                            Instant.parse(created.path("create_time").asString()),
                            Instant.parse(created.path("expire_time").asString())))
                    .isEqualTo(Duration.ofHours(1));
        }

        @Test
        void noBodyOrAnEmptyOneMeansTheWorkspacesLongest() {
            for (Response created : List.of(
                    create(ADMIN_TOKEN, robot, "{}"), api.send("POST", secrets(robot), ADMIN_TOKEN, null, null))) {
                assertThat(created.status()).as(created.toString()).isEqualTo(200);
                JsonNode body = created.json();
                assertThat(Duration.between(
                                Instant.parse(body.path("create_time").asString()),
                                Instant.parse(body.path("expire_time").asString())))
                        .isEqualTo(Duration.ofDays(730));
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"ninety days\"", "\"-5s\"", "\"0s\"", "\"63158401s\"", "12", "{}"})
        void aLifetimeThatIsNoPositiveNumberOfSecondsWithinTheCapIsRefusedNamingIt(String lifetime) {
            Response refused = create(ADMIN_TOKEN, robot, "{\"lifetime\":" + lifetime + "}");

            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(refused.body()).contains("lifetime");
        }

        @Test
        void aUserWithoutTokenManagementWriteIsRefused() {
            String user = data.token(data.user("plain", BuiltInRole.USER));

            Response refused = create(user, robot, "{}");

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
            assertThat(api.get(secrets(robot), ADMIN_TOKEN)
                            .json()
                            .path("secrets")
                            .size())
                    .isZero();
        }

        @Test
        void aManagerWhoDoesNotHoldWhatTheServicePrincipalCanDoGetsNoSecret() {
            Role managers = data.customRole(
                    TestData.unique("secret-managers"),
                    Permission.TOKEN_MANAGEMENT_READ,
                    Permission.TOKEN_MANAGEMENT_WRITE,
                    Permission.TOKENS_READ,
                    Permission.TOKENS_WRITE);
            Principal manager = data.user("manager");
            data.assign(managers, manager, null);
            String token = data.token(manager);

            Response refused = create(token, robot, "{}");

            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.reason()).isEqualTo("SECRET_BEYOND_ACTOR");
            assertThat(refused.body()).contains("scim:read");
        }

        @Test
        void aUserOrAnUnknownIdIsNoServicePrincipal() {
            Principal user = data.user("not-a-robot", BuiltInRole.USER);

            assertThat(create(ADMIN_TOKEN, user, "{}").status()).isEqualTo(404);
            assertThat(api.post("/api/2.0/accounts/servicePrincipals/999999/credentials/secrets", ADMIN_TOKEN, "{}")
                            .status())
                    .isEqualTo(404);
            assertThat(api.post("/api/2.0/accounts/servicePrincipals/robot/credentials/secrets", ADMIN_TOKEN, "{}")
                            .status())
                    .isEqualTo(404);
        }

        @Test
        void aServicePrincipalOfAnotherWorkspaceIsUnknownHere() {
            TestData.OtherWorkspace other = data.otherWorkspace();

            Response refused = create(other.adminToken(), robot, "{}");

            assertThat(refused.status()).isEqualTo(404);
        }

        @Test
        void afterFiveSecretsTheQuotaSaysSo() {
            for (int i = 0; i < 5; i++) {
                assertThat(create(ADMIN_TOKEN, robot, "{}").status()).isEqualTo(200);
            }

            Response refused = create(ADMIN_TOKEN, robot, "{}");

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("QUOTA_EXCEEDED");
        }
    }

    @Nested
    class Listing {
        @Test
        void pagesFollowEachOtherNewestFirstUntilNoNextPageToken() {
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                created.add(
                        0, create(ADMIN_TOKEN, robot, "{}").json().path("id").asString());
            }

            List<String> seen = new ArrayList<>();
            String next = null;
            do {
                Response page = api.get(
                        secrets(robot) + "?page_size=2" + (next == null ? "" : "&page_token=" + next), ADMIN_TOKEN);
                assertThat(page.status()).as(page.toString()).isEqualTo(200);
                page.json()
                        .path("secrets")
                        .forEach(secret -> seen.add(secret.path("id").asString()));
                next = page.json().path("next_page_token").asString(null);
            } while (next != null);

            assertThat(seen).containsExactlyInAnyOrderElementsOf(created).hasSize(3);
        }

        @Test
        void anAuditorMayList() {
            create(ADMIN_TOKEN, robot, "{}");
            String auditor = data.token(data.user("auditor", BuiltInRole.AUDITOR));

            Response listed = api.get(secrets(robot), auditor);

            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.json().path("secrets").size()).isEqualTo(1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"?page_size=0", "?page_size=1001", "?page_size=two", "?page_token=nope"})
        void aBadPageSizeOrTokenIsRefusedNamingIt(String query) {
            Response refused = api.get(secrets(robot) + query, ADMIN_TOKEN);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).contains(query.substring(1, query.indexOf('=')));
        }
    }

    @Nested
    class Deleting {
        @Test
        void theSecretGoesAndTheTokensItObtainedAreRevokedAtOnce() {
            JsonNode created = create(ADMIN_TOKEN, robot, "{}").json();
            String id = created.path("id").asString();
            String secret = created.path("secret").asString();
            String accessToken =
                    oauth.withBasic(robot.applicationId(), secret, null).accessToken();
            assertThat(api.get("/api/2.0/token/list", accessToken).status()).isEqualTo(200);

            Response deleted = api.send("DELETE", secrets(robot) + "/" + id, ADMIN_TOKEN, null, null);

            assertThat(deleted.status()).isEqualTo(200);
            assertThat(api.get(secrets(robot), ADMIN_TOKEN)
                            .json()
                            .path("secrets")
                            .size())
                    .isZero();
            Response refused = api.get("/api/2.0/token/list", accessToken);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.reason()).isEqualTo("TOKEN_REVOKED");
            JsonNode info = api.get("/api/2.0/token-management/tokens?kind=OAUTH&owner_id=" + robot.id(), ADMIN_TOKEN)
                    .json()
                    .path("token_infos")
                    .get(0);
            assertThat(info.path("revocation_authority").asString()).isEqualTo("ADMIN");
            assertThat(info.path("oauth_secret_id").asString()).isEqualTo(id);
            assertThat(oauth.withBasic(robot.applicationId(), secret, null).error())
                    .isEqualTo("invalid_client");
        }

        @Test
        void anUnknownOrMalformedSecretIdIsNotFoundAndAUserMayNotDelete() {
            String id = create(ADMIN_TOKEN, robot, "{}").json().path("id").asString();
            String user = data.token(data.user("plain", BuiltInRole.USER));

            assertThat(api.send("DELETE", secrets(robot) + "/0123456789abcdef0123456789abcdef", ADMIN_TOKEN, null, null)
                            .status())
                    .isEqualTo(404);
            assertThat(api.send("DELETE", secrets(robot) + "/not-an-id", ADMIN_TOKEN, null, null)
                            .status())
                    .isEqualTo(404);
            assertThat(api.send("DELETE", secrets(robot) + "/" + id, user, null, null)
                            .status())
                    .isEqualTo(403);
            assertThat(api.get(secrets(robot), ADMIN_TOKEN)
                            .json()
                            .path("secrets")
                            .size())
                    .isEqualTo(1);
        }
    }
}
