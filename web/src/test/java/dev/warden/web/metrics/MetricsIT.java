package dev.warden.web.metrics;

import static dev.warden.web.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.token.TokenFormat;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * {@code /actuator/prometheus} on the application's port, over real HTTP: who may read it (a Warden token whose owner
 * holds {@code metrics:read}, through the decision chain), and that Warden's meters count what was sent, exactly.
 */
@WardenSpringBootTest
class MetricsIT {
    private static final String PROMETHEUS = "/actuator/prometheus";
    private static final String ADMIN = WardenSpringBootTest.ADMIN_TOKEN;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    TokenFormat format;

    private ApiClient api;
    private TestData data;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        data = TestData.of(context);
    }

    /** Other tests expect the catalogue to hold Warden's own permissions only. */
    @AfterEach
    void removeServices() {
        data.removeServices();
    }

    @Test
    void readableWithATokenWhoseOwnerHoldsMetricsRead() {
        ApiClient.Response anonymous = api.get(PROMETHEUS, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(anonymous.reason()).isEqualTo("TOKEN_MISSING");
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"warden\"");

        ApiClient.Response unknown =
                api.get(PROMETHEUS, format.generate(new SecureRandom()).reveal());
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.reason()).isEqualTo("TOKEN_UNKNOWN");

        Principal user = data.user("metrics-user", BuiltInRole.USER);
        ApiClient.Response lacking = api.get(PROMETHEUS, data.token(user));
        assertThat(lacking.status()).isEqualTo(403);
        assertThat(lacking.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(lacking.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
        assertThat(lacking.body()).contains("metrics:read");

        Principal monitor = data.user("metrics-monitor");
        data.assign(data.customRole(TestData.unique("monitoring"), data.permission("metrics:read")), monitor, null);
        ApiClient.Response allowed = api.get(PROMETHEUS, data.token(monitor));
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Content-Type")).startsWith("text/plain");
        assertThat(allowed.body()).contains("warden_decisions_total{reason=\"ALLOWED\"}");

        // the owner holds it, but a token's scopes never widen
        Principal admin = data.user("metrics-admin", BuiltInRole.WORKSPACE_ADMIN);
        ApiClient.Response outOfScope = api.get(PROMETHEUS, data.scopedToken(admin, "tokens:read"));
        assertThat(outOfScope.status()).isEqualTo(403);
        assertThat(outOfScope.reason()).isEqualTo("SCOPE_MISSING");
        assertThat(outOfScope.header("WWW-Authenticate"))
                .startsWith("Bearer error=\"insufficient_scope\", scope=\"metrics:read\"");
        assertThat(api.get(PROMETHEUS, data.scopedToken(admin, "metrics:read")).status())
                .isEqualTo(200);
    }

    @Test
    void showsTheMetersOfWardenAndOfTheConnectionPool() {
        Scrape scrape = scrape();

        assertThat(scrape.text())
                .contains(
                        "warden_decisions_total{reason=\"ALLOWED\"}",
                        "warden_decisions_total{reason=\"SCOPE_MISSING\"}",
                        "warden_decision_seconds_bucket{le=\"0.001\"}",
                        "warden_decision_seconds_count",
                        "warden_tokens{kind=\"OAUTH\",status=\"EXPIRED\"}",
                        "warden_last_use_pending",
                        "warden_last_use_lag_seconds",
                        "warden_refusals_pending",
                        "warden_refusals_dropped_total",
                        "warden_canary_alerts_pending",
                        "warden_canary_alerts_dropped_total",
                        "warden_tokens{kind=\"CANARY\",status=\"ACTIVE\"}",
                        "hikaricp_connections_active",
                        "hikaricp_connections_pending");
        assertThat(scrape.value("warden_last_use_lag_seconds")).isGreaterThanOrEqualTo(0);
        assertThat(scrape.value("warden_refusals_dropped_total")).isZero();
    }

    @Test
    void countsEachDecisionByItsReasonExactly() {
        Principal user = data.user("counted", BuiltInRole.USER);
        String userToken = data.token(user);
        Scrape before = scrape();

        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/api/2.0/token/list", userToken).status()).isEqualTo(200);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(api.get("/api/2.0/audit-events", userToken).status()).isEqualTo(403); // ROLE_LACKS_PERMISSION
        }
        assertThat(api.get("/api/2.0/token/list", "wdn_short").status()).isEqualTo(401); // TOKEN_MALFORMED
        for (int i = 0; i < 4; i++) {
            assertThat(api.get(
                                    "/api/2.0/token/list",
                                    format.generate(new SecureRandom()).reveal())
                            .status())
                    .isEqualTo(401); // TOKEN_UNKNOWN
        }
        assertThat(api.get("/api/2.0/token/list", null).status()).isEqualTo(401); // TOKEN_MISSING
        Scrape after = scrape();

        // the second scrape is itself one allowed decision
        assertThat(after.decisions("ALLOWED") - before.decisions("ALLOWED")).isEqualTo(3 + 1);
        assertThat(after.decisions("ROLE_LACKS_PERMISSION") - before.decisions("ROLE_LACKS_PERMISSION"))
                .isEqualTo(2);
        assertThat(after.decisions("TOKEN_MALFORMED") - before.decisions("TOKEN_MALFORMED"))
                .isEqualTo(1);
        assertThat(after.decisions("TOKEN_UNKNOWN") - before.decisions("TOKEN_UNKNOWN"))
                .isEqualTo(4);
        assertThat(after.decisions("TOKEN_MISSING") - before.decisions("TOKEN_MISSING"))
                .isEqualTo(1);
        assertThat(after.decisions("TOKEN_REVOKED") - before.decisions("TOKEN_REVOKED"))
                .isZero();
        assertThat(after.decisionCount() - before.decisionCount()).isEqualTo(3 + 2 + 1 + 4 + 1 + 1);
    }

    @Test
    void countsForwardAuthenticationAnswersAsDecisionsToo() {
        String name = "metered" + TestData.unique("x").substring(2, 8);
        String scope = name + ":read";
        data.service(name, scope);
        Principal user = data.user("forwarded", BuiltInRole.USER);
        String userToken = data.token(user);
        Scrape before = scrape();

        assertThat(api.get("/api/2.0/forward-auth?scope=" + scope, ADMIN).status())
                .isEqualTo(200);
        assertThat(api.get("/api/2.0/forward-auth?scope=" + scope, userToken).status())
                .isEqualTo(403);
        String unknown = format.generate(new SecureRandom()).reveal();
        ApiClient.Response refused = api.get("/api/2.0/forward-auth?scope=" + scope, unknown);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
        Scrape after = scrape();

        assertThat(after.decisions("ALLOWED") - before.decisions("ALLOWED")).isEqualTo(1 + 1);
        assertThat(after.decisions("ROLE_LACKS_PERMISSION") - before.decisions("ROLE_LACKS_PERMISSION"))
                .isEqualTo(1);
        assertThat(after.decisions("TOKEN_UNKNOWN") - before.decisions("TOKEN_UNKNOWN"))
                .isEqualTo(1);
        assertThat(after.decisionCount() - before.decisionCount()).isEqualTo(3 + 1);
    }

    @Test
    void countsTokensByKindAndStatus() {
        Principal owner = data.user("census", BuiltInRole.USER);
        String ownerToken = data.token(owner);
        Scrape before = scrape();

        ApiClient.Response created =
                api.post("/api/2.0/token/create", ownerToken, json("{'comment':'counted','lifetime_seconds':3600}"));
        assertThat(created.status()).isEqualTo(200);
        String id = created.json().path("token_info").path("token_id").asString();
        Scrape afterCreate = scrape();
        ApiClient.Response revoked = api.post("/api/2.0/token/revoke", ownerToken, json("{'token_id':'%s'}", id));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        Scrape afterRevoke = scrape();

        assertThat(afterCreate.tokens("PERSONAL", "ACTIVE") - before.tokens("PERSONAL", "ACTIVE"))
                .isEqualTo(1);
        assertThat(afterRevoke.tokens("PERSONAL", "ACTIVE") - afterCreate.tokens("PERSONAL", "ACTIVE"))
                .isEqualTo(-1);
        assertThat(afterRevoke.tokens("PERSONAL", "REVOKED") - afterCreate.tokens("PERSONAL", "REVOKED"))
                .isEqualTo(1);
    }

    @Test
    void healthAnswersAnonymousCallersWithoutDetails() {
        ApiClient.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().toString()).isEqualTo("{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}");
        assertThat(api.get("/actuator/health/readiness", null).json().toString())
                .isEqualTo("{\"status\":\"UP\"}");
        assertThat(api.get("/actuator/health/liveness", null).json().toString()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(api.get("/actuator/health", ADMIN).json().toString())
                .as("nor to an admin's token")
                .isEqualTo(health.json().toString());
    }

    private Scrape scrape() {
        ApiClient.Response response = api.get(PROMETHEUS, ADMIN);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return new Scrape(response.body());
    }
}
