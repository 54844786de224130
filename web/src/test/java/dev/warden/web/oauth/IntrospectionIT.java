package dev.warden.web.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.oauth.ServicePrincipalSecretService;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.service.RegisteredService;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenRefusalRecorder;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenUseRecorder;
import dev.warden.web.access.ServiceAccessMetrics;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.Html;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Token introspection (RFC 7662) over real HTTP: registered services authenticate with their service principal's
 * client id and secret or a bearer token of it, learn about a token only what concerns their own scopes, and every bad
 * request is an RFC 6749 error in JSON, never a 5xx.
 */
@WardenSpringBootTest
class IntrospectionIT {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String PATH = "/oauth2/introspect";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ServicePrincipalSecretService secrets;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    TokenUseRecorder uses;

    @Autowired
    MeterRegistry meters;

    TestData data;
    TokenRequests http;
    RegisteredService wiki;
    RegisteredService crm;
    Principal wikiRobot;
    String wikiSecret;
    String read;
    String write;

    @BeforeEach
    void aServiceWithAClientSecret() {
        data = TestData.of(context);
        http = new TokenRequests(port);
        String name = "wiki" + TestData.unique("x").substring(2, 8);
        read = name + ":read";
        write = name + ":write";
        wiki = data.service(name, read, write);
        String crmName = "crm" + TestData.unique("x").substring(2, 8);
        crm = data.service(crmName, crmName + ":read");
        wikiRobot =
                principals.findById(wiki.workspace(), wiki.servicePrincipal()).orElseThrow();
        wikiSecret = secrets.create(data.admin(), wikiRobot.id(), null).value().reveal();
    }

    private Principal userWith(String... permissions) {
        Principal user = data.user("reader");
        data.assign(
                data.customRole(
                        TestData.unique("role"),
                        java.util.Arrays.stream(permissions)
                                .map(data::permission)
                                .toArray(dev.warden.core.permission.Permission[]::new)),
                user,
                null);
        return user;
    }

    private TokenRequests.Answer introspect(String authorization, Map<String, String> fields) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        headers.put("X-Forwarded-For", TokenRequests.anAddress());
        return http.post(PATH, headers, FORM, TokenRequests.form(fields));
    }

    private TokenRequests.Answer asWiki(Map<String, String> fields) {
        return introspect(TokenRequests.basic(wikiRobot.applicationId(), wikiSecret), fields);
    }

    private JsonNode asWiki(String token) {
        TokenRequests.Answer answer = asWiki(Map.of("token", token));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.header("Cache-Control")).contains("no-store");
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        return answer.json();
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

    /** Tests share one application; others expect the catalogue to hold Warden's own permissions only. */
    @AfterEach
    void removeTheServices() {
        data.removeServices();
    }

    @Nested
    class ActiveTokens {
        @Test
        void answersWithTheEffectiveScopesOfTheCallingServiceOnly() {
            Principal user = userWith(read, write, crm.name() + ":read", "tokens:read");
            String token = data.scopedToken(user, read, crm.name() + ":read", "tokens:read");

            JsonNode answer = asWiki(token);

            assertThat(answer.path("active").asBoolean()).isTrue();
            assertThat(answer.path("scope").asString()).isEqualTo(read);
            assertThat(answer.path("username").asString()).isEqualTo(user.userName());
            assertThat(answer.path("sub").asString()).isEqualTo(String.valueOf(user.id()));
            assertThat(answer.path("warden_principal_id").asString()).isEqualTo(String.valueOf(user.id()));
            assertThat(answer.path("token_type").asString()).isEqualTo("Bearer");
            assertThat(answer.path("warden_token_id").asString()).hasSize(32);
            assertThat(answer.path("exp").asLong())
                    .isGreaterThan(answer.path("iat").asLong());
            assertThat(answer.has("client_id"))
                    .as("a user's token has no OAuth client")
                    .isFalse();
        }

        @Test
        void aServicePrincipalsTokenNamesItsApplicationIdAsClientId() {
            Principal robot = data.servicePrincipal(TestData.unique("caller"));
            data.assign(data.customRole(TestData.unique("role"), data.permission(write)), robot, null);
            data.grantTokenUsage(robot);

            JsonNode answer = asWiki(data.scopedToken(robot, write));

            assertThat(answer.path("active").asBoolean()).isTrue();
            assertThat(answer.path("client_id").asString()).isEqualTo(robot.applicationId());
            assertThat(answer.path("username").asString()).isEqualTo(robot.applicationId());
        }

        @Test
        void theScopeExtensionRunsTheChainForThatScope() {
            String writer = data.scopedToken(userWith(read, write), write);

            TokenRequests.Answer forRead = asWiki(Map.of("token", writer, "scope", read));
            TokenRequests.Answer forWrite = asWiki(Map.of("token", writer, "scope", write));

            assertThat(forRead.json().path("active").asBoolean()).isFalse();
            assertThat(forRead.json().path("warden_reason").asString()).isEqualTo("SCOPE_MISSING");
            assertThat(forWrite.json().path("active").asBoolean()).isTrue();
            assertThat(forWrite.json().path("scope").asString()).isEqualTo(write);
        }

        @Test
        void aBearerTokenOfTheServicePrincipalAuthenticatesTheCaller() {
            String robotToken = data.usableToken(wikiRobot);
            String token = data.scopedToken(userWith(read), read);

            TokenRequests.Answer answer = introspect("Bearer " + robotToken, Map.of("token", token));

            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.json().path("active").asBoolean()).isTrue();
        }

        @Test
        void theTokensLastUseNamesTheServiceAndTheCallIsCounted() {
            String token = data.scopedToken(userWith(read), read);
            double before = count(ServiceAccessMetrics.INTROSPECTION, "active");

            String id = asWiki(token).path("warden_token_id").asString();
            uses.flushAll();

            JsonNode info = new ApiClient(port)
                    .get("/api/2.0/token-management/tokens/" + id, WardenSpringBootTest.ADMIN_TOKEN)
                    .json()
                    .path("token_info");
            assertThat(info.path("last_used_service").asString()).isEqualTo(wiki.name());
            assertThat(count(ServiceAccessMetrics.INTROSPECTION, "active")).isEqualTo(before + 1);
            ConsoleSession console = new ConsoleSession(port);
            console.logIn("admin", WardenSpringBootTest.ADMIN_PASSWORD);
            String page = console.get("/settings/admin/tokens/" + id).body();
            assertThat(Html.testid(page, "token-last-used-service")).isEqualTo(wiki.name());
        }
    }

    @Test
    void theOwnersTokenPageSaysWhichServiceAskedLast() {
        String password = "owner-password-1";
        Principal owner = data.consoleUser(TestData.unique("page-owner"), password);
        data.assign(data.customRole(TestData.unique("role"), data.permission(read)), owner, null);
        data.grantTokenUsage(owner);
        String id =
                asWiki(data.scopedToken(owner, read)).path("warden_token_id").asString();
        uses.flushAll();

        ConsoleSession console = new ConsoleSession(port);
        console.logIn(owner.userName(), password);
        String page = console.get("/settings/user/tokens/" + id).body();

        assertThat(Html.testid(page, "token-last-used-service")).isEqualTo(wiki.name());
    }

    private double count(String name, String result) {
        return meters.find(name).tag("result", result).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    @Nested
    class InactiveTokens {
        @Test
        void aTokenThatCanDoNothingAtThisServiceIsInactiveWithScopeMissing() {
            String crmOnly = data.scopedToken(userWith(read, crm.name() + ":read"), crm.name() + ":read");

            JsonNode answer = asWiki(crmOnly);

            assertThat(answer.toString()).isEqualTo("{\"active\":false,\"warden_reason\":\"SCOPE_MISSING\"}");
        }

        /** Issue 16: "inactive" is a refusal of the token, kept with the introspection call's method and path. */
        @Test
        void anInactiveAnswerIsKeptAmongTheTokensRecentRefusals() {
            String crmOnly = data.scopedToken(userWith(read, crm.name() + ":read"), crm.name() + ":read");
            String id = context.getBean(TokenRepository.class)
                    .findByDigestWithVersion(TokenDigest.of(crmOnly))
                    .orElseThrow()
                    .token()
                    .id()
                    .value();

            asWiki(crmOnly);
            context.getBean(TokenRefusalRecorder.class).flush();

            JsonNode refusals = new ApiClient(port)
                    .get("/api/2.0/access/refusals?token_id=" + id, WardenSpringBootTest.ADMIN_TOKEN)
                    .json()
                    .path("refusals");
            assertThat(refusals).hasSize(1);
            assertThat(refusals.get(0).path("method").asString()).isEqualTo("POST");
            assertThat(refusals.get(0).path("path").asString()).isEqualTo(PATH);
            assertThat(refusals.get(0).path("reason").asString()).isEqualTo("SCOPE_MISSING");
        }

        @Test
        void revokedGarbageAndForeignTokensAreInactiveWithTheirReason() {
            Principal user = userWith(read);
            String token = data.scopedToken(user, read);
            String id = asWiki(token).path("warden_token_id").asString();
            ApiClient.Response revoked = new ApiClient(port)
                    .post("/api/2.0/token-management/tokens/" + id + "/revoke", WardenSpringBootTest.ADMIN_TOKEN, "{}");
            assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);

            assertThat(asWiki(token).path("warden_reason").asString()).isEqualTo("TOKEN_REVOKED");
            assertThat(asWiki("garbage").path("warden_reason").asString()).isEqualTo("TOKEN_MALFORMED");
            assertThat(asWiki(data.otherWorkspace().adminToken())
                            .path("warden_reason")
                            .asString())
                    .as("a token of another workspace is none of this service's business")
                    .isEqualTo("TOKEN_UNKNOWN");
        }
    }

    @Nested
    class BadRequests {
        @Test
        void aScopeThatIsNotTheCallersOwnIsAnInvalidRequest() {
            String token = data.scopedToken(userWith(read), read);
            for (String scope : new String[] {crm.name() + ":read", "tokens:read", "all-apis", "nonsense"}) {
                assertOAuthError(asWiki(Map.of("token", token, "scope", scope)), 400, "invalid_request");
            }
        }

        @Test
        void aMissingTokenAWrongContentTypeAQueryOrARepeatIsAnInvalidRequest() {
            String basic = TokenRequests.basic(wikiRobot.applicationId(), wikiSecret);
            Map<String, String> headers = Map.of("Authorization", basic, "X-Forwarded-For", TokenRequests.anAddress());

            assertOAuthError(asWiki(Map.of("token_type_hint", "access_token")), 400, "invalid_request");
            assertOAuthError(http.post(PATH, headers, "application/json", "{\"token\":\"x\"}"), 400, "invalid_request");
            assertOAuthError(http.post(PATH + "?token=x", headers, FORM, ""), 400, "invalid_request");
            assertOAuthError(http.post(PATH, headers, FORM, "token=a&token=b"), 400, "invalid_request");
            assertOAuthError(http.post(PATH, headers, FORM, "token=%zz"), 400, "invalid_request");
            TokenRequests.Answer get = http.send("GET", PATH, headers, null, null);
            assertOAuthError(get, 405, "invalid_request");
            assertThat(get.header("Allow")).isEqualTo("POST");
        }

        @Test
        void anUnknownTokenTypeHintIsIgnored() {
            String token = data.scopedToken(userWith(read), read);

            assertThat(asWiki(Map.of("token", token, "token_type_hint", "refresh_token"))
                            .json()
                            .path("active")
                            .asBoolean())
                    .isTrue();
        }
    }

    @Nested
    class Callers {
        @Test
        void aCallerThatIsNoRegisteredServiceIsInvalidClient() {
            String token = data.scopedToken(userWith(read), read);
            Map<String, String> fields = Map.of("token", token);
            Principal stranger = data.servicePrincipal(TestData.unique("no-service"));
            String strangerSecret =
                    secrets.create(data.admin(), stranger.id(), null).value().reveal();

            assertOAuthError(introspect(null, fields), 401, "invalid_client");
            assertOAuthError(
                    introspect(TokenRequests.basic(wikiRobot.applicationId(), "wdn_wrong"), fields),
                    401,
                    "invalid_client");
            assertOAuthError(
                    introspect(TokenRequests.basic(wikiRobot.applicationId(), strangerSecret), fields),
                    401,
                    "invalid_client");
            assertOAuthError(
                    introspect(TokenRequests.basic(stranger.applicationId(), strangerSecret), fields),
                    401,
                    "invalid_client");
            assertOAuthError(introspect("Basic !!!", fields), 401, "invalid_client");
            assertOAuthError(introspect("Bearer " + token, fields), 401, "invalid_client");
            assertOAuthError(introspect("Bearer garbage", fields), 401, "invalid_client");
            assertOAuthError(introspect("Digest x=y", fields), 401, "invalid_client");
        }

        @Test
        void repeatedWrongSecretsLockTheClientIdWithRetryAfter() {
            String address = TokenRequests.anAddress();
            String wrong = TokenRequests.basic(wikiRobot.applicationId(), "wdn_wrong");
            TokenRequests.Answer last = null;
            for (int i = 0; i < 12 && (last == null || last.header("Retry-After") == null); i++) {
                last = http.post(PATH, Map.of("Authorization", wrong, "X-Forwarded-For", address), FORM, "token=x");
            }

            assertOAuthError(last, 401, "invalid_client");
            assertThat(last.header("Retry-After"))
                    .as("locked after repeated failures")
                    .isNotNull();
        }
    }

    @Test
    void bothMetadataDocumentsListTheIntrospectionEndpoint() {
        ApiClient api = new ApiClient(port);
        for (String path :
                new String[] {"/oidc/.well-known/oauth-authorization-server", "/.well-known/oauth-authorization-server"
                }) {
            JsonNode metadata = api.get(path, null).json();
            assertThat(metadata.path("introspection_endpoint").asString()).isEqualTo("http://127.0.0.1:" + port + PATH);
            assertThat(metadata.path("introspection_endpoint_auth_methods_supported")
                            .toString())
                    .isEqualTo("[\"client_secret_basic\"]");
        }
    }
}
