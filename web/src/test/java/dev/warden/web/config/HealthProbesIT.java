package dev.warden.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The health endpoint and its probes answer anyone, without a session or a token, and say UP or DOWN and nothing
 * more; no actuator endpoint but health and prometheus ({@code MetricsIT}) is exposed, and the rest of
 * {@code /actuator} asks for a token. (Readiness while the database is down: {@code DatabaseOutageIT}; readiness and
 * the bootstrap: {@code BootstrapIT}.)
 */
@WardenSpringBootTest
class HealthProbesIT {
    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health/liveness", "/actuator/health/readiness"})
    void answersAnonymousCallersWithTheStatusAlone(String path) {
        ApiClient.Response health = new ApiClient(port).get(path, null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().toString()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(health.header("Set-Cookie")).as("no session for a probe").isNull();
    }

    @Test
    void showsNoDetailsToASignedInAdminEither() {
        ConsoleSession admin = new ConsoleSession(port);
        assertThat(admin.logIn("admin", WardenSpringBootTest.ADMIN_PASSWORD)).isEqualTo("/");

        assertThat(admin.get("/actuator/health/readiness").body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(admin.get("/actuator/health/liveness").body()).isEqualTo("{\"status\":\"UP\"}");
        // the whole health endpoint: the status and the names of the probe groups, no components or details
        assertThat(admin.get("/actuator/health").body())
                .isEqualTo("{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}");
    }

    @Test
    void theWholeHealthEndpointAnswersAnonymousCallersWithoutDetails() {
        ApiClient.Response health = new ApiClient(port).get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().toString()).isEqualTo("{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actuator",
                "/actuator/env",
                "/actuator/beans",
                "/actuator/configprops",
                "/actuator/loggers",
                "/actuator/heapdump",
                "/actuator/metrics",
                "/actuator/threaddump"
            })
    void exposesNothingElse(String path) {
        ApiClient api = new ApiClient(port);
        ApiClient.Response anonymous = api.get(path, null);
        assertThat(anonymous.status()).as("anonymous: a token is needed").isEqualTo(401);
        assertThat(anonymous.errorCode()).isEqualTo("UNAUTHENTICATED");

        assertThat(api.get(path, WardenSpringBootTest.ADMIN_TOKEN).status())
                .as("with an admin's token: not there either")
                .isEqualTo(404);
        HttpResponse<String> console = new ConsoleSession(port).get(path);
        assertThat(console.statusCode()).as("no console sign-in for Actuator").isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health/db", "/actuator/health/diskSpace", "/actuator/health/ping"})
    void namesNoHealthComponent(String path) {
        assertThat(new ApiClient(port).get(path, null).status()).isEqualTo(404);
        assertThat(new ApiClient(port)
                        .get(path, WardenSpringBootTest.ADMIN_TOKEN)
                        .status())
                .isEqualTo(404);
    }
}
