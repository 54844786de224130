package dev.warden.web.token;

import static dev.warden.web.support.ApiClient.json;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenFormat;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenService;
import dev.warden.core.token.TokenUseRecorder;
import dev.warden.core.workspace.Workspace;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/** The personal access token API over real HTTP, in the Databricks dialect, with every error the issue names. */
@WardenSpringBootTest
class TokenApiIT {
    private static final String CREATE = "/api/2.0/token/create";
    private static final String LIST = "/api/2.0/token/list";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    TokenRepository tokenRepository;

    @Autowired
    TokenService tokenService;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    WorkspaceRepository workspaces;

    @Autowired
    AuditLog audit;

    @Autowired
    TokenUseRecorder usage;

    @Autowired
    ApplicationContext context;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Nested
    class Create {
        @Test
        void returnsTheSecretOnceWithTheTokenInfo() {
            Response created = create("{'comment':'ci deploys','lifetime_seconds':3600,'scopes':['tokens:read']}");

            assertThat(created.status()).isEqualTo(200);
            assertThat(created.header("Cache-Control")).contains("no-store");
            String value = created.json().path("token_value").asString();
            assertThat(value).hasSize(53).startsWith("wdn_");
            assertThat(new TokenFormat("wdn_").isWellFormed(value)).isTrue();
            JsonNode info = created.json().path("token_info");
            assertThat(info.path("comment").asString()).isEqualTo("ci deploys");
            assertThat(info.path("expiry_time").asLong()
                            - info.path("creation_time").asLong())
                    .isEqualTo(3_600_000L);
            assertThat(info.path("scopes").toString()).isEqualTo("[\"tokens:read\"]");
            assertThat(info.path("token_id").asString()).matches("[0-9a-f]{32}");
        }

        @Test
        void listShowsTheTokenButNeverItsSecret() {
            Response created = create("{'comment':'listed'}");
            String id = created.json().path("token_info").path("token_id").asString();
            String value = created.json().path("token_value").asString();

            Response list = api.get(LIST, ADMIN_TOKEN);

            assertThat(list.status()).isEqualTo(200);
            assertThat(infoOf(list, id).path("status").asString()).isEqualTo("ACTIVE");
            assertThat(list.body()).doesNotContain(value).doesNotContain("token_value");
        }

        @Test
        void withoutLifetimeOrScopesGetsTheDefaultLifetimeAndAllApis() {
            JsonNode info = create("{}").json().path("token_info");

            assertThat(info.path("expiry_time").asLong()
                            - info.path("creation_time").asLong())
                    .isEqualTo(Duration.ofDays(90).toMillis());
            assertThat(info.path("scopes").toString()).isEqualTo("[\"all-apis\"]");
        }

        @Test
        void theNewTokenAuthenticatesAndSeesOnlyItsOwnersTokens() {
            String value =
                    create("{'comment':'caller'}").json().path("token_value").asString();

            Response list = api.get(LIST, value);

            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().path("token_infos").isArray()).isTrue();
        }

        @Test
        void isAudited() {
            String id = create("{'comment':'audited'}")
                    .json()
                    .path("token_info")
                    .path("token_id")
                    .asString();

            assertThat(eventsFor(id)).extracting(AuditEvent::action).contains(AuditAction.TOKEN_CREATED);
        }
    }

    @Nested
    class RevokeRestoreDelete {
        @Test
        void revokedTokenIsRefusedUntilRestored() {
            Response created = create("{'comment':'revocable'}");
            String id = created.json().path("token_info").path("token_id").asString();
            String value = created.json().path("token_value").asString();

            Response revoked = api.post("/api/2.0/token/revoke", ADMIN_TOKEN, json("{'token_id':'%s'}", id));
            assertThat(revoked.status()).isEqualTo(200);
            assertThat(revoked.json().path("token_info").path("status").asString())
                    .isEqualTo("REVOKED");
            Response refused = api.get(LIST, value);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo("UNAUTHENTICATED");
            assertThat(refused.reason()).isEqualTo("TOKEN_REVOKED");
            assertThat(infoOf(api.get(LIST, ADMIN_TOKEN), id).path("status").asString())
                    .isEqualTo("REVOKED");

            assertThat(api.post("/api/2.0/token/restore", ADMIN_TOKEN, json("{'token_id':'%s'}", id))
                            .status())
                    .isEqualTo(200);
            assertThat(api.get(LIST, value).status()).isEqualTo(200);
            assertThat(eventsFor(id))
                    .extracting(AuditEvent::action)
                    .contains(AuditAction.TOKEN_REVOKED, AuditAction.TOKEN_RESTORED);
        }

        @Test
        void revokingTwiceChangesNothingAndRestoringAnActiveTokenIsAnInvalidState() {
            String id = create("{}").json().path("token_info").path("token_id").asString();

            Response restoreActive = api.post("/api/2.0/token/restore", ADMIN_TOKEN, json("{'token_id':'%s'}", id));
            api.post("/api/2.0/token/revoke", ADMIN_TOKEN, json("{'token_id':'%s'}", id));
            Response revokeAgain = api.post("/api/2.0/token/revoke", ADMIN_TOKEN, json("{'token_id':'%s'}", id));

            assertThat(restoreActive.status()).isEqualTo(400);
            assertThat(restoreActive.errorCode()).isEqualTo("INVALID_STATE");
            assertThat(revokeAgain.status()).isEqualTo(200);
            assertThat(revokeAgain.json().path("token_info").path("status").asString())
                    .isEqualTo("REVOKED");
            assertThat(revokeAgain
                            .json()
                            .path("token_info")
                            .path("revocation_authority")
                            .asString())
                    .isEqualTo("OWNER");
        }

        @Test
        void deletedTokenIsUnknownAtOnceAndCannotBeDeletedAgain() {
            Response created = create("{'comment':'doomed'}");
            String id = created.json().path("token_info").path("token_id").asString();
            String value = created.json().path("token_value").asString();

            Response deleted = api.post("/api/2.0/token/delete", ADMIN_TOKEN, json("{'token_id':'%s'}", id));

            assertThat(deleted.status()).isEqualTo(200);
            Response refused = api.get(LIST, value);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.reason()).isEqualTo("TOKEN_UNKNOWN");
            Response again = api.post("/api/2.0/token/delete", ADMIN_TOKEN, json("{'token_id':'%s'}", id));
            assertThat(again.status()).isEqualTo(404);
            assertThat(again.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
            assertThat(eventsFor(id)).extracting(AuditEvent::action).contains(AuditAction.TOKEN_DELETED);
        }

        @ParameterizedTest
        @CsvSource({"/api/2.0/token/delete", "/api/2.0/token/revoke", "/api/2.0/token/restore"})
        void anotherPrincipalsTokenAnswersAsUnknownAndStaysUntouched(String path) {
            IssuedToken someoneElses = tokenService.create(otherUser(), new CreateTokenCommand("theirs", null, null));

            Response response = api.post(
                    path,
                    ADMIN_TOKEN,
                    json("{'token_id':'%s'}", someoneElses.token().id()));

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
            assertThat(api.get(LIST, someoneElses.secret().reveal()).status()).isEqualTo(200);
        }
    }

    @Nested
    class Authentication {
        @Test
        void missingTokenIs401WithAChallenge() {
            Response response = api.get(LIST, null);

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.errorCode()).isEqualTo("UNAUTHENTICATED");
            assertThat(response.reason()).isEqualTo("TOKEN_MISSING");
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }

        @Test
        void malformedTokenIs401Malformed() {
            char[] typo = ADMIN_TOKEN.toCharArray();
            typo[10] = typo[10] == 'a' ? 'b' : 'a';

            Response response = api.get(LIST, new String(typo));

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.reason()).isEqualTo("TOKEN_MALFORMED");
            assertThat(response.json().path("message").asString()).contains("checksum");
        }

        @Test
        void wellFormedButUnknownTokenIs401Unknown() {
            String neverIssued =
                    new TokenFormat("wdn_").generate(new SecureRandom()).reveal();

            Response response = api.get(LIST, neverIssued);

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.reason()).isEqualTo("TOKEN_UNKNOWN");
        }

        @Test
        void expiredTokenIs401Expired() {
            String value =
                    create("{'lifetime_seconds':60}").json().path("token_value").asString();
            assertThat(api.get(LIST, value).status()).isEqualTo(200);

            clock.advance(Duration.ofSeconds(61));

            Response response = api.get(LIST, value);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.reason()).isEqualTo("TOKEN_EXPIRED");
        }

        @Test
        void deactivatedOwnersTokenIs401OwnerInactive() {
            Actor owner = otherUser();
            String value = tokenService
                    .create(owner, new CreateTokenCommand("mine", null, null))
                    .secret()
                    .reveal();
            Principal principal =
                    principals.findById(owner.workspace(), owner.principal()).orElseThrow();

            principals.save(principal.withActive(false));

            Response response = api.get(LIST, value);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.reason()).isEqualTo("OWNER_INACTIVE");
        }

        /** More concurrent requests than the connection pool holds (10): loading a token never needs two. */
        @Test
        void concurrentRequestsBeyondThePoolSizeAllSucceed() throws Exception {
            for (int i = 0; i < 3; i++) {
                create("{'scopes':['tokens:read','tokens:write']}");
            }
            ExecutorService callers = Executors.newFixedThreadPool(24);
            try {
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < 96; i++) {
                    statuses.add(callers.submit(() -> api.get(LIST, ADMIN_TOKEN).status()));
                }
                for (Future<Integer> status : statuses) {
                    assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(200);
                }
            } finally {
                callers.shutdownNow();
            }
        }

        @Test
        void useIsRecordedAsLastUseWithAddressAndClient() {
            Response created = create("{'comment':'used'}");
            String id = created.json().path("token_info").path("token_id").asString();

            api.get(LIST, created.json().path("token_value").asString());
            usage.flushDue();

            AccessToken stored = tokenRepository
                    .findById(mainWorkspace().id(), new TokenId(id))
                    .orElseThrow();
            assertThat(stored.lastUse()).isNotNull();
            assertThat(stored.lastUse().clientAddress()).isEqualTo("127.0.0.1");
            assertThat(stored.lastUse().userAgent()).isEqualTo("warden-api-test/1.0");
            assertThat(infoOf(api.get(LIST, ADMIN_TOKEN), id)
                            .path("last_used_time")
                            .asLong())
                    .isEqualTo(stored.lastUse().at().toEpochMilli());
        }
    }

    @Nested
    class BadInput {
        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "malformed JSON                | {'comment':                                  | ",
                    "negative lifetime             | {'lifetime_seconds':-1}                      | lifetime_seconds",
                    "zero lifetime                 | {'lifetime_seconds':0}                       | lifetime_seconds",
                    "lifetime over the maximum     | {'lifetime_seconds':63072001}                | lifetime_seconds",
                    "absurd lifetime               | {'lifetime_seconds':99999999999999999999999} | lifetime_seconds",
                    "lifetime not a number         | {'lifetime_seconds':'soon'}                  | lifetime_seconds",
                    "unknown scope                 | {'scopes':['tokens:read','clusters:nuke']}   | scopes",
                    "scopes not a list             | {'scopes':{'a':1}}                           | scopes",
                    "comment not a string          | {'comment':{'a':1}}                          | comment",
                })
        void isRefusedWith400NamingTheFieldAndChangesNothing(String caseName, String body, String field) {
            int before = tokenCount();

            Response response = create(body);

            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
            if (field != null) {
                assertThat(response.json().path("message").asString()).contains(field);
                assertThat(response.json()
                                .path("details")
                                .get(0)
                                .path("metadata")
                                .path("field")
                                .asString())
                        .isEqualTo(field);
            }
            assertThat(tokenCount()).isEqualTo(before);
        }

        @Test
        void commentOver255CharactersIsRefused() {
            int before = tokenCount();

            Response response = create(json("{'comment':'%s'}", "x".repeat(256)));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("message").asString())
                    .contains("comment")
                    .contains("255");
            assertThat(tokenCount()).isEqualTo(before);
            assertThat(create(json("{'comment':'%s'}", "x".repeat(255))).status())
                    .isEqualTo(200);
        }

        @Test
        void missingTokenIdIsRefused() {
            Response response = api.post("/api/2.0/token/delete", ADMIN_TOKEN, "{}");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("message").asString()).contains("token_id");
        }

        @Test
        void nonJsonContentTypeIsRefused() {
            Response response = api.send("POST", CREATE, ADMIN_TOKEN, "application/x-www-form-urlencoded", "comment=x");

            assertThat(response.status()).isEqualTo(415);
            assertThat(response.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        }

        @Test
        void wrongMethodIs405InJson() {
            Response response = api.send("GET", CREATE, ADMIN_TOKEN, null, null);

            assertThat(response.status()).isEqualTo(405);
            assertThat(response.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
            assertThat(response.header("Allow")).contains("POST");
        }

        @Test
        void unknownEndpointIs404InJson() {
            Response response = api.get("/api/2.0/no-such-thing", ADMIN_TOKEN);

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.errorCode()).isEqualTo("ENDPOINT_NOT_FOUND");
        }
    }

    @Nested
    class Discovery {
        @Test
        void hostMetadataAnswers404InJsonWithoutAuthentication() {
            Response response = api.get("/.well-known/databricks-config", null);

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.header("Content-Type")).startsWith("application/json");
            assertThat(response.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        }

        /** Since issue 14 Warden offers OAuth (oauth.ClientCredentialsIT covers the document). */
        @Test
        void oidcDiscoveryAnswersTheTokenEndpointWithoutAuthentication() {
            Response response = api.get("/oidc/.well-known/oauth-authorization-server", null);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).startsWith("application/json");
            assertThat(response.json().path("token_endpoint").asString()).endsWith("/oidc/v1/token");
        }
    }

    private Response create(String body) {
        return api.post(CREATE, ADMIN_TOKEN, body.replace('\'', '"'));
    }

    private int tokenCount() {
        return api.get(LIST, ADMIN_TOKEN).json().path("token_infos").size();
    }

    private static JsonNode infoOf(Response list, String tokenId) {
        return StreamSupport.stream(list.json().path("token_infos").spliterator(), false)
                .filter(info -> info.path("token_id").asString().equals(tokenId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("token " + tokenId + " not listed: " + list));
    }

    private List<AuditEvent> eventsFor(String tokenId) {
        return audit.recent(mainWorkspace().id(), 500).stream()
                .filter(e -> tokenId.equals(e.targetId()))
                .toList();
    }

    private Workspace mainWorkspace() {
        return workspaces.findByName("main").orElseThrow();
    }

    /** Another user holding the built-in {@code user} role (own tokens), as the directory would create it. */
    private Actor otherUser() {
        return Actor.of(TestData.of(context).user("user", BuiltInRole.USER), "127.0.0.1");
    }
}
