package dev.warden.web.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.canary.CanaryAlarm;
import dev.warden.core.event.TokenEvent;
import dev.warden.core.event.TokenEventType;
import dev.warden.core.oauth.ServicePrincipalSecretService;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.service.RegisteredService;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenFormat;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenRepository;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.RecordingTokenEvents;
import dev.warden.web.support.StatementCounting;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Canary tokens over real HTTP: created by an admin, refused everywhere exactly like a well-formed unknown value, and
 * alerted through {@code TokenEvents} (a recording bean here) once per window, with address, user agent and endpoint.
 * The background flusher is held off (an hour's tick), so the test flushes the alarm itself.
 */
@WardenSpringBootTest
@Import({RecordingTokenEvents.Configuration.class, StatementCounting.class})
@TestPropertySource(properties = "warden.tokens.last-use-flush-tick=1h")
class CanaryTokenIT {
    private static final String ADMIN = WardenSpringBootTest.ADMIN_TOKEN;
    private static final String AGENT = "curl/8.5.0 (intruder)";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    TokenRepository tokens;

    @Autowired
    TokenFormat format;

    @Autowired
    AuditLog audit;

    @Autowired
    CanaryAlarm alarm;

    @Autowired
    RecordingTokenEvents events;

    @Autowired
    StatementCounting.Counts counts;

    @Autowired
    MutableClock clock;

    @Autowired
    ServicePrincipalSecretService secrets;

    @Autowired
    PrincipalRepository principals;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ApiClient api;
    TestData data;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        data = TestData.of(context);
        alarm.flush(); // nothing of an earlier test is left over
    }

    private record Created(String value, JsonNode info) {
        TokenId id() {
            return new TokenId(info.path("token_id").asString());
        }
    }

    private Created canary(String comment) {
        Response created = api.post("/api/2.0/canary-tokens", ADMIN, ApiClient.json("{'comment':'%s'}", comment));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return new Created(
                created.json().path("token_value").asString(), created.json().path("token_info"));
    }

    private String unknown() {
        return format.generate(new SecureRandom()).reveal();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.header("User-Agent", AGENT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .GET());
    }

    private HttpResponse<String> postForm(String path, String authorization, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Every header but the date, which differs by the second between two answers. */
    private static Map<String, List<String>> headers(HttpResponse<String> answer) {
        Map<String, List<String>> headers = new TreeMap<>(answer.headers().map());
        headers.remove("date");
        return headers;
    }

    private static void assertSameAnswer(HttpResponse<String> canary, HttpResponse<String> unknown) {
        assertThat(canary.statusCode()).isEqualTo(unknown.statusCode());
        assertThat(headers(canary)).isEqualTo(headers(unknown));
        assertThat(canary.body()).isEqualTo(unknown.body());
    }

    private List<TokenEvent> alerts(TokenId id) {
        return events.of(id).stream()
                .filter(event -> event.type() == TokenEventType.CANARY_TRIGGERED)
                .toList();
    }

    private List<AuditEvent> audited(AccessToken token, AuditAction action) {
        return audit.history(token.workspace(), "token", token.id().value(), 50).stream()
                .filter(event -> event.action() == action)
                .toList();
    }

    private AccessToken stored(Created canary) {
        return tokens.findById(data.main().id(), canary.id()).orElseThrow();
    }

    // ---- creating ------------------------------------------------------------------------------------------------

    @Test
    void anAdminCreatesACanaryOwnedByThemWithoutScopesThatNeverExpiresShownOnce() {
        Response created =
                api.post("/api/2.0/canary-tokens", ADMIN, ApiClient.json("{'comment':'in the CI secrets of app'}"));

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.header("Cache-Control")).contains("no-store");
        String value = created.json().path("token_value").asString();
        assertThat(format.isWellFormed(value)).isTrue();
        JsonNode info = created.json().path("token_info");
        assertThat(info.path("kind").asString()).isEqualTo("CANARY");
        assertThat(info.path("scopes").isEmpty()).isTrue();
        assertThat(info.path("expiry_time").asLong()).isEqualTo(-1);
        assertThat(info.path("status").asString()).isEqualTo("ACTIVE");
        long admin = data.admin().principal().value();
        assertThat(info.path("owner_id").asLong()).isEqualTo(admin);
        assertThat(info.path("created_by_id").asLong()).isEqualTo(admin);

        AccessToken token = tokens.findByDigest(TokenDigest.of(value)).orElseThrow();
        assertThat(token.kind()).isEqualTo(TokenKind.CANARY);
        assertThat(audited(token, AuditAction.TOKEN_CREATED))
                .singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("kind", "CANARY"));
        // not among the admin's own tokens
        Response own = api.get("/api/2.0/token/list", ADMIN);
        assertThat(own.body()).doesNotContain(token.id().value());
    }

    @Test
    void aLifetimeIsKeptWhenAsked() {
        Response created = api.post(
                "/api/2.0/canary-tokens", ADMIN, ApiClient.json("{'comment':'expiring','lifetime_seconds':3600}"));

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().path("token_info").path("expiry_time").asLong())
                .isPositive();
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Response noComment = api.post("/api/2.0/canary-tokens", ADMIN, "{}");
        assertThat(noComment.status()).isEqualTo(400);
        assertThat(noComment.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(noComment.body()).contains("comment");

        Response blank = api.post("/api/2.0/canary-tokens", ADMIN, ApiClient.json("{'comment':'  '}"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("comment");

        Response tooLong =
                api.post("/api/2.0/canary-tokens", ADMIN, ApiClient.json("{'comment':'%s'}", "x".repeat(1000)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("comment");

        Response lifetime =
                api.post("/api/2.0/canary-tokens", ADMIN, ApiClient.json("{'comment':'c','lifetime_seconds':0}"));
        assertThat(lifetime.status()).isEqualTo(400);
        assertThat(lifetime.body()).contains("lifetime_seconds");

        Response wrongType =
                api.post("/api/2.0/canary-tokens", ADMIN, ApiClient.json("{'comment':'c','lifetime_seconds':'soon'}"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body()).contains("lifetime_seconds");

        Response notJson = api.send("POST", "/api/2.0/canary-tokens", ADMIN, "application/json", "{comment");
        assertThat(notJson.status()).isEqualTo(400);
    }

    @Test
    void creatingNeedsTokenManagementWrite() {
        Principal user = data.user("nocanary", BuiltInRole.USER);
        String token = data.usableToken(user);

        Response refused = api.post("/api/2.0/canary-tokens", token, ApiClient.json("{'comment':'c'}"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("PERMISSION_DENIED");

        Response anonymous = api.post("/api/2.0/canary-tokens", null, ApiClient.json("{'comment':'c'}"));
        assertThat(anonymous.status()).isEqualTo(401);
    }

    // ---- using ---------------------------------------------------------------------------------------------------

    @Test
    void onTheApiACanaryIsRefusedExactlyLikeAnUnknownTokenAndAlertedOnce() {
        Created canary = canary("api canary");

        HttpResponse<String> asCanary = get("/api/2.0/token/list", canary.value());
        HttpResponse<String> asUnknown = get("/api/2.0/token/list", unknown());

        assertThat(asCanary.statusCode()).isEqualTo(401);
        assertThat(asCanary.body()).contains("TOKEN_UNKNOWN");
        assertSameAnswer(asCanary, asUnknown);
        for (int i = 0; i < 4; i++) {
            get("/api/2.0/token/list?again=" + i, canary.value());
        }
        assertThat(alerts(canary.id())).isEmpty(); // nothing on the request path

        alarm.flush();

        assertThat(alerts(canary.id())).singleElement().satisfies(event -> {
            assertThat(event.workspace()).isEqualTo(data.main().id());
            assertThat(event.data())
                    .containsEntry("client_address", "127.0.0.1")
                    .containsEntry("user_agent", AGENT)
                    .containsEntry("method", "GET")
                    .containsEntry("endpoint", "/api/2.0/token/list")
                    .containsEntry("comment", "api canary")
                    .containsEntry("uses", "1");
        });
        AccessToken token = stored(canary);
        assertThat(audited(token, AuditAction.CANARY_TRIGGERED)).singleElement().satisfies(event -> {
            assertThat(event.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(event.details()).containsEntry("endpoint", "/api/2.0/token/list");
        });
        assertThat(token.lastUse().at()).isNotNull(); // "last triggered"

        // once the window has passed, one more alert stands for the four uses it held back
        clock.advance(CanaryAlarm.DEFAULT_WINDOW.plusSeconds(1));
        alarm.flush();
        assertThat(alerts(canary.id())).hasSize(2);
        assertThat(alerts(canary.id()).get(1).data()).containsEntry("uses", "4");
        alarm.flush();
        assertThat(alerts(canary.id())).hasSize(2);
    }

    @Test
    void aCanaryCostsTheRequestTheOneStatementAnUnknownValueCosts() {
        Created canary = canary("costed canary");
        String unknown = unknown();

        Response asCanary =
                api.get("/api/2.0/token/list", canary.value(), StatementCounting.HEADER, "canary-" + canary.id());
        Response asUnknown = api.get("/api/2.0/token/list", unknown, StatementCounting.HEADER, "unknown-" + unknown);

        assertThat(asCanary.status()).isEqualTo(401);
        assertThat(asUnknown.status()).isEqualTo(401);
        StatementCounting.Count canaryCount = counts.of("canary-" + canary.id());
        assertThat(canaryCount).isEqualTo(counts.of("unknown-" + unknown));
        assertThat(canaryCount.total()).as("the token lookup, nothing more").isEqualTo(1);
        assertThat(canaryCount.beforeHandler()).isNull();
    }

    @Test
    void forwardAuthenticationRefusesACanaryLikeAnUnknownToken() {
        String service = "wiki" + TestData.unique("x").substring(2, 8);
        data.service(service, service + ":read");
        Created canary = canary("forward canary");
        String query = "/api/2.0/forward-auth?scope=" + service + ":read";

        HttpResponse<String> asCanary = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + query))
                .header("Authorization", "Bearer " + canary.value())
                .header("X-Forwarded-Method", "POST")
                .header("X-Forwarded-Uri", "/wiki/admin?x=1")
                .GET());
        HttpResponse<String> asUnknown = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + query))
                .header("Authorization", "Bearer " + unknown())
                .header("X-Forwarded-Method", "POST")
                .header("X-Forwarded-Uri", "/wiki/admin?x=1")
                .GET());

        assertThat(asCanary.statusCode()).isEqualTo(401);
        assertThat(asCanary.headers().firstValue("X-Warden-Reason")).hasValue("TOKEN_UNKNOWN");
        assertSameAnswer(asCanary, asUnknown);
        alarm.flush();
        assertThat(alerts(canary.id()))
                .singleElement()
                .satisfies(event -> assertThat(event.data())
                        .containsEntry("method", "POST")
                        .containsEntry("endpoint", "/wiki/admin")
                        .containsEntry("user_agent", AGENT));
    }

    @Test
    void introspectionAnswersInactiveTokenUnknownForACanaryAndRefusesItAsCredentials() {
        String name = "wiki" + TestData.unique("x").substring(2, 8);
        RegisteredService wiki = data.service(name, name + ":read");
        Principal robot =
                principals.findById(wiki.workspace(), wiki.servicePrincipal()).orElseThrow();
        String secret = secrets.create(data.admin(), robot.id(), null).value().reveal();
        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString((robot.applicationId() + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Created canary = canary("introspected canary");

        HttpResponse<String> asCanary = postForm("/oauth2/introspect", basic, Map.of("token", canary.value()));
        HttpResponse<String> asUnknown = postForm("/oauth2/introspect", basic, Map.of("token", unknown()));

        assertThat(asCanary.statusCode()).isEqualTo(200);
        assertThat(asCanary.body()).contains("\"active\":false").contains("TOKEN_UNKNOWN");
        assertSameAnswer(asCanary, asUnknown);

        HttpResponse<String> canaryAsCaller =
                postForm("/oauth2/introspect", "Bearer " + canary.value(), Map.of("token", unknown()));
        HttpResponse<String> unknownAsCaller =
                postForm("/oauth2/introspect", "Bearer " + unknown(), Map.of("token", unknown()));
        assertThat(canaryAsCaller.statusCode()).isEqualTo(401);
        assertSameAnswer(canaryAsCaller, unknownAsCaller);

        alarm.flush();
        assertThat(alerts(canary.id()))
                .singleElement()
                .satisfies(event -> assertThat(event.data())
                        .containsEntry("method", "POST")
                        .containsEntry("endpoint", "/oauth2/introspect"));
    }

    @Test
    void aCanaryReportedAsLeakedRaisesItsAlertWithWhereItWasFoundAndStaysActive() {
        Created canary = canary("leaked canary");
        String payload = """
                [{"token":"%s","type":"warden_token","url":"https://github.com/acme/app/blob/1a2b/.env","source":"content"}]
                """.formatted(canary.value());

        HttpResponse<String> answer =
                send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/2.0/token/report-leak"))
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", "198.51.100.77")
                        .POST(HttpRequest.BodyPublishers.ofString(payload)));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("[]");
        alarm.flush();
        assertThat(alerts(canary.id()))
                .singleElement()
                .satisfies(event -> assertThat((String) event.data().get("source"))
                        .contains("https://github.com/acme/app/blob/1a2b/.env"));
        AccessToken token = stored(canary);
        assertThat(token.isRevoked()).isFalse();
        assertThat(audited(token, AuditAction.TOKEN_LEAK_REPORTED)).isEmpty();
    }

    @Test
    void checkAccessAnswersAsARealRequestWouldAndNamesTheCanaryRaisingNoAlert() {
        Created canary = canary("checked canary");

        Response checked = api.post(
                "/api/2.0/access/check",
                ADMIN,
                ApiClient.json(
                        "{'token_id':'%s','method':'GET','path':'/api/2.0/token/list'}",
                        canary.id().value()));

        assertThat(checked.status()).as(checked.toString()).isEqualTo(200);
        assertThat(checked.json().path("allowed").asBoolean()).isFalse();
        assertThat(checked.json().path("status").asInt()).isEqualTo(401);
        assertThat(checked.json().path("reason").asString()).isEqualTo("TOKEN_UNKNOWN");
        assertThat(checked.json().path("message").asString()).contains("canary");
        alarm.flush();
        assertThat(alerts(canary.id())).isEmpty();
    }

    // ---- managing ------------------------------------------------------------------------------------------------

    @Test
    void theInventoryListsCanariesByKind() {
        Created canary = canary("listed canary");
        data.usableToken(data.user("notacanary", BuiltInRole.USER));

        Response listed = api.get("/api/2.0/token-management/tokens?kind=CANARY", ADMIN);

        assertThat(listed.status()).isEqualTo(200);
        List<String> kinds = listed.json()
                .path("token_infos")
                .valueStream()
                .map(info -> info.path("kind").asString())
                .distinct()
                .toList();
        assertThat(kinds).containsExactly("CANARY");
        assertThat(listed.body()).contains(canary.id().value());
    }

    @Test
    void rotatingRestoringAndNarrowingAreRefusedRevokingDisarmsAndDeletingRemoves() {
        Created canary = canary("managed canary");
        String path = "/api/2.0/token-management/tokens/" + canary.id().value();

        Response rotate = api.post(path + "/rotate", ADMIN, "{}");
        assertThat(rotate.status()).isEqualTo(400);
        assertThat(rotate.errorCode()).isEqualTo("INVALID_STATE");
        assertThat(rotate.body()).contains("canary");
        Response narrow = api.send("PATCH", path, ADMIN, "application/json", "{\"scopes\":[\"all-apis\"]}");
        assertThat(narrow.status()).isEqualTo(400);
        assertThat(narrow.body()).contains("canary");

        Response revoked = api.post(path + "/revoke", ADMIN, "{}");
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        Response restore = api.post(path + "/restore", ADMIN, "{}");
        assertThat(restore.status()).isEqualTo(400);
        assertThat(restore.errorCode()).isEqualTo("INVALID_STATE");
        assertThat(restore.body()).contains("canary");

        // revoked: still refused as unknown, but disarmed
        assertSameAnswer(get("/api/2.0/token/list", canary.value()), get("/api/2.0/token/list", unknown()));
        alarm.flush();
        assertThat(alerts(canary.id())).isEmpty();

        Response deleted = api.send("DELETE", path, ADMIN, null, null);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(api.get(path, ADMIN).status()).isEqualTo(404);
    }

    @Test
    void aCanaryDeletedBeforeItsAlertIsWrittenRaisesNothing() {
        Created canary = canary("short-lived canary");
        get("/api/2.0/token/list", canary.value());
        assertThat(api.send(
                                "DELETE",
                                "/api/2.0/token-management/tokens/"
                                        + canary.id().value(),
                                ADMIN,
                                null,
                                null)
                        .status())
                .isEqualTo(200);

        alarm.flush();

        assertThat(alerts(canary.id())).isEmpty();
    }
}
