package dev.warden.web.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.oauth.CreatedSecret;
import dev.warden.core.oauth.ServicePrincipalSecretService;
import dev.warden.core.principal.Principal;
import dev.warden.core.shared.MutableClock;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.RawHttp;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * The OAuth discovery document and the token endpoint over real HTTP: the client credentials grant with either
 * authentication method, the tokens it gives (Warden tokens, the one decision chain), and every RFC 6749 §5.2
 * refusal, always JSON.
 */
@WardenSpringBootTest
class ClientCredentialsIT {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String TOKEN = "/oidc/v1/token";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ServicePrincipalSecretService secrets;

    @Autowired
    MutableClock clock;

    TestData data;
    TokenRequests oauth;
    ApiClient api;
    Principal robot;
    String secret;

    @BeforeEach
    void aServicePrincipalWithASecret() {
        data = TestData.of(context);
        oauth = new TokenRequests(port);
        api = new ApiClient(port);
        robot = data.servicePrincipal(TestData.unique("robot"));
        data.grantTokenUsage(robot);
        CreatedSecret created = secrets.create(data.admin(), robot.id(), null);
        secret = created.value().reveal();
    }

    private TokenRequests.Answer post(Map<String, String> headers, String contentType, String body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("X-Forwarded-For", TokenRequests.anAddress());
        return oauth.post(TOKEN, all, contentType, body);
    }

    private static void assertOAuthError(TokenRequests.Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.error()).isEqualTo(error);
        assertThat(answer.json().path("error_description").asString()).isNotBlank();
        assertThat(answer.header("Cache-Control")).contains("no-store");
        if (status == 401) {
            assertThat(answer.header("WWW-Authenticate")).startsWith("Basic realm=\"warden\"");
        }
    }

    @Nested
    class Discovery {
        @Test
        void bothPathsServeTheSameRfc8414Document() {
            ApiClient.Response databricks = api.get("/oidc/.well-known/oauth-authorization-server", null);
            ApiClient.Response rfc = api.get("/.well-known/oauth-authorization-server", null);

            assertThat(databricks.status()).isEqualTo(200);
            assertThat(rfc.status()).isEqualTo(200);
            assertThat(rfc.json()).isEqualTo(databricks.json());
            JsonNode metadata = databricks.json();
            String base = "http://127.0.0.1:" + port;
            assertThat(metadata.path("issuer").asString()).isEqualTo(base);
            assertThat(metadata.path("token_endpoint").asString()).isEqualTo(base + TOKEN);
            assertThat(metadata.path("grant_types_supported").toString()).isEqualTo("[\"client_credentials\"]");
            assertThat(metadata.path("token_endpoint_auth_methods_supported").toString())
                    .isEqualTo("[\"client_secret_basic\",\"client_secret_post\"]");
            assertThat(metadata.path("scopes_supported").toString())
                    .contains("\"all-apis\"", "\"tokens:read\"", "\"scim:read\"");
            assertThat(metadata.has("authorization_endpoint")).isFalse();
        }

        @Test
        void theIssuerIsTheAddressTheCallerReachedBehindATrustedProxy() {
            TokenRequests.Answer answer = oauth.send(
                    "GET",
                    "/oidc/.well-known/oauth-authorization-server",
                    Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "warden.example.org"),
                    null,
                    null);

            assertThat(answer.json().path("issuer").asString()).isEqualTo("https://warden.example.org");
            assertThat(answer.json().path("token_endpoint").asString())
                    .isEqualTo("https://warden.example.org/oidc/v1/token");
        }

        @Test
        void anUnknownOidcPathIsAJsonNotFound() {
            ApiClient.Response answer = api.get("/oidc/v1/authorize", null);

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.header("Content-Type")).startsWith("application/json");
            assertThat(answer.json().path("error").asString()).isEqualTo("invalid_request");
        }
    }

    @Nested
    class Granting {
        @Test
        void clientSecretBasicGetsABearerTokenForAnHourThatIsAWardenToken() {
            TokenRequests.Answer answer = oauth.withBasic(robot.applicationId(), secret, "all-apis");

            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            JsonNode body = answer.json();
            assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
            assertThat(body.path("expires_in").asLong()).isEqualTo(3600);
            assertThat(body.path("scope").asString()).isEqualTo("all-apis");
            assertThat(answer.accessToken()).startsWith("wdn_").hasSize(53);
            assertThat(answer.header("Cache-Control")).contains("no-store");
            assertThat(answer.header("Pragma")).isEqualTo("no-cache");

            ApiClient.Response me = api.get("/api/2.0/preview/scim/v2/Me", answer.accessToken());
            assertThat(me.status()).as(me.toString()).isEqualTo(200);
            assertThat(me.json().path("id").asString()).isEqualTo(robot.id().toString());
        }

        @Test
        void clientSecretPostWorksTooAndNoScopeMeansAllApis() {
            TokenRequests.Answer answer = oauth.withPost(robot.applicationId(), secret, null);

            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.json().path("scope").asString()).isEqualTo("all-apis");
        }

        @Test
        void aNarrowScopeIsGrantedAndEnforcedByTheDecisionChain() {
            TokenRequests.Answer answer = oauth.withBasic(robot.applicationId(), secret, "tokens:read");

            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.json().path("scope").asString()).isEqualTo("tokens:read");
            assertThat(api.get("/api/2.0/token/list", answer.accessToken()).status())
                    .isEqualTo(200);
            ApiClient.Response me = api.get("/api/2.0/preview/scim/v2/Me", answer.accessToken());
            assertThat(me.status()).isEqualTo(403);
            assertThat(me.reason()).isEqualTo("SCOPE_MISSING");
        }

        @Test
        void theTokenIsInTheInventoryWithItsKindAndSecret() {
            String token = oauth.withBasic(robot.applicationId(), secret, null).accessToken();
            String secretId = secrets.all(data.admin(), robot.id()).get(0).id().value();

            ApiClient.Response listed = api.get(
                    "/api/2.0/token-management/tokens?kind=OAUTH&owner_id=" + robot.id(),
                    dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN);

            assertThat(listed.status()).isEqualTo(200);
            JsonNode info = listed.json().path("token_infos").get(0);
            assertThat(info.path("kind").asString()).isEqualTo("OAUTH");
            assertThat(info.path("oauth_secret_id").asString()).isEqualTo(secretId);
            assertThat(info.path("owner_id").asLong()).isEqualTo(robot.id().value());
            assertThat(info.path("created_by_id").asLong()).isEqualTo(robot.id().value());
            assertThat(listed.body()).doesNotContain(token).doesNotContain(secret);
        }
    }

    @Nested
    class Refusing {
        @Test
        void aWrongSecretIsInvalidClientWithABasicChallenge() {
            String other = secrets.create(
                            data.admin(),
                            data.servicePrincipal(TestData.unique("other")).id(),
                            null)
                    .value()
                    .reveal();

            assertOAuthError(oauth.withBasic(robot.applicationId(), other, null), 401, "invalid_client");
            assertOAuthError(oauth.withPost(robot.applicationId(), "wdn_nope", null), 401, "invalid_client");
            assertOAuthError(oauth.withBasic("not-a-client", secret, null), 401, "invalid_client");
        }

        @Test
        void noClientAuthenticationIsInvalidClient() {
            assertOAuthError(post(Map.of(), FORM, "grant_type=client_credentials"), 401, "invalid_client");
        }

        @Test
        void anotherAuthorizationSchemeIsInvalidClient() {
            assertOAuthError(
                    post(Map.of("Authorization", "Bearer " + secret), FORM, "grant_type=client_credentials"),
                    401,
                    "invalid_client");
            assertOAuthError(
                    post(Map.of("Authorization", "Basic !!!"), FORM, "grant_type=client_credentials"),
                    401,
                    "invalid_client");
        }

        @Test
        void twoAuthenticationMethodsAtOnceAreInvalidRequest() {
            String body = TokenRequests.form(Map.of(
                    "grant_type", "client_credentials", "client_id", robot.applicationId(), "client_secret", secret));

            assertOAuthError(
                    post(Map.of("Authorization", TokenRequests.basic(robot.applicationId(), secret)), FORM, body),
                    400,
                    "invalid_request");
        }

        @ParameterizedTest
        @ValueSource(strings = {"authorization_code", "password", "refresh_token", "urn:x"})
        void anotherGrantTypeIsUnsupported(String grantType) {
            String body = TokenRequests.form(Map.of("grant_type", grantType));

            assertOAuthError(
                    post(Map.of("Authorization", TokenRequests.basic(robot.applicationId(), secret)), FORM, body),
                    400,
                    "unsupported_grant_type");
        }

        @Test
        void aMissingGrantTypeIsInvalidRequest() {
            assertOAuthError(
                    post(Map.of("Authorization", TokenRequests.basic(robot.applicationId(), secret)), FORM, "scope=x"),
                    400,
                    "invalid_request");
        }

        @Test
        void aScopeBeyondTheServicePrincipalsRolesOrUnknownIsInvalidScope() {
            assertOAuthError(oauth.withBasic(robot.applicationId(), secret, "settings:write"), 400, "invalid_scope");
            assertOAuthError(oauth.withBasic(robot.applicationId(), secret, "tokens:read sql"), 400, "invalid_scope");
        }

        @Test
        void aDeactivatedServicePrincipalIsUnauthorizedAndItsTokensStop() {
            String token = oauth.withBasic(robot.applicationId(), secret, null).accessToken();
            ApiClient.Response deactivated = api.send(
                    "PATCH",
                    "/api/2.0/preview/scim/v2/ServicePrincipals/" + robot.id(),
                    dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN,
                    "application/json",
                    ApiClient.json("{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                            + "'Operations':[{'op':'replace','path':'active','value':false}]}"));
            assertThat(deactivated.status()).as(deactivated.toString()).isIn(200, 204);

            assertOAuthError(oauth.withBasic(robot.applicationId(), secret, null), 400, "unauthorized_client");
            ApiClient.Response refused = api.get("/api/2.0/token/list", token);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.reason()).isEqualTo("OWNER_INACTIVE");
        }

        @Test
        void anExpiredSecretIsInvalidClientSayingSo() {
            Principal shortLived = data.servicePrincipal(TestData.unique("short"));
            data.grantTokenUsage(shortLived);
            String value = secrets.create(data.admin(), shortLived.id(), Duration.ofSeconds(60))
                    .value()
                    .reveal();
            clock.advance(Duration.ofSeconds(61));

            TokenRequests.Answer answer = oauth.withBasic(shortLived.applicationId(), value, null);

            assertOAuthError(answer, 401, "invalid_client");
            assertThat(answer.json().path("error_description").asString()).contains("expired");
        }
    }

    /** The request itself, read by RFC 6749's rules; every refusal is JSON, never a page. */
    @Nested
    class MalformedRequests {
        private Map<String, String> basic() {
            return Map.of("Authorization", TokenRequests.basic(robot.applicationId(), secret));
        }

        @Test
        void aGetIsRefusedWithAllowPost() {
            TokenRequests.Answer answer = oauth.send("GET", TOKEN, Map.of(), null, null);

            assertOAuthError(answer, 405, "invalid_request");
            assertThat(answer.header("Allow")).isEqualTo("POST");
        }

        @Test
        void aJsonBodyIsInvalidRequest() {
            assertOAuthError(
                    post(basic(), "application/json", "{\"grant_type\":\"client_credentials\"}"),
                    400,
                    "invalid_request");
        }

        @Test
        void noContentTypeOrAWildcardOneIsInvalidRequest() {
            assertOAuthError(post(basic(), null, "grant_type=client_credentials"), 400, "invalid_request");
            assertOAuthError(post(basic(), "application/*", "grant_type=client_credentials"), 400, "invalid_request");
        }

        @ParameterizedTest
        @ValueSource(strings = {"grant_type=client_credentials&scope=%zz", "grant_type=%E0%A4%A", "a=%FF%FE"})
        void aFormBodyThatIsNotUrlEncodingIsInvalidRequest(String body) {
            assertOAuthError(post(basic(), FORM, body), 400, "invalid_request");
        }

        @Test
        void aRepeatedParameterIsInvalidRequest() {
            assertOAuthError(
                    post(basic(), FORM, "grant_type=client_credentials&scope=all-apis&scope=tokens:read"),
                    400,
                    "invalid_request");
        }

        @Test
        void parametersInTheUrlAreInvalidRequest() {
            TokenRequests.Answer answer = oauth.post(
                    TOKEN + "?client_secret=" + secret,
                    Map.of(
                            "Authorization",
                            TokenRequests.basic(robot.applicationId(), secret),
                            "X-Forwarded-For",
                            TokenRequests.anAddress()),
                    FORM,
                    "grant_type=client_credentials");

            assertOAuthError(answer, 400, "invalid_request");
        }

        @Test
        void aRejectedUrlIsJsonToo() {
            assertOAuthError(
                    oauth.post(TOKEN + ";x=1", Map.of(), FORM, "grant_type=client_credentials"),
                    400,
                    "invalid_request");
        }

        @Test
        void aMalformedRequestLineIsJson() {
            RawHttp.Answer answer = new RawHttp(port)
                    .send(("POST /oidc/v1/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FORM + "\r\nX-Big: "
                                    + "x".repeat(20_000) + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).startsWith("{").contains("\"error\":\"invalid_request\"");
        }
    }

    /** Failed client authentication is throttled like console sign-in, per client id and per address. */
    @Nested
    class Throttling {
        @Test
        void fiveFailuresLockTheClientIdEvenForItsRightSecretUntilTheLockEnds() {
            for (int i = 0; i < 5; i++) {
                assertOAuthError(oauth.withBasic(robot.applicationId(), "wdn_wrong", null), 401, "invalid_client");
            }

            TokenRequests.Answer locked = oauth.withBasic(robot.applicationId(), secret, null);

            assertOAuthError(locked, 401, "invalid_client");
            assertThat(locked.json().path("error_description").asString()).contains("Too many failed");
            assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 60L);

            clock.advance(Duration.ofSeconds(61));
            assertThat(oauth.withBasic(robot.applicationId(), secret, null).status())
                    .isEqualTo(200);
        }

        @Test
        void twentyFailuresFromOneAddressLockThatAddressForEveryClient() {
            String address = TokenRequests.anAddress();
            String body = "grant_type=client_credentials";
            for (int i = 0; i < 20; i++) {
                post(
                        Map.of(
                                "Authorization",
                                TokenRequests.basic("client-" + i, "wdn_wrong"),
                                "X-Forwarded-For",
                                address),
                        FORM,
                        body);
            }

            TokenRequests.Answer fromThere = post(
                    Map.of(
                            "Authorization",
                            TokenRequests.basic(robot.applicationId(), secret),
                            "X-Forwarded-For",
                            address),
                    FORM,
                    body);
            TokenRequests.Answer fromElsewhere = oauth.withBasic(robot.applicationId(), secret, null);

            assertOAuthError(fromThere, 401, "invalid_client");
            assertThat(fromElsewhere.status()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(61));
        }
    }
}
