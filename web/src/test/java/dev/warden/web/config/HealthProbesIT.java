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
 * The health probes answer anyone, without a session or a token, and say UP or DOWN and nothing more; no other
 * actuator endpoint is exposed (the whole health endpoint only to a signed-in user, without details either). (Readiness while the database is down: {@code DatabaseOutageIT}; readiness and
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

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/actuator",
                "/actuator/health",
                "/actuator/env",
                "/actuator/beans",
                "/actuator/configprops",
                "/actuator/loggers",
                "/actuator/heapdump",
                "/actuator/health/db",
                "/actuator/health/diskSpace"
            })
    void exposesNothingElse(String path) {
        HttpResponse<String> anonymous = new ConsoleSession(port).get(path);
        assertThat(anonymous.statusCode()).as("anonymous: to the login page").isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/login");

        if (!path.equals("/actuator/health")) {
            ConsoleSession admin = new ConsoleSession(port);
            assertThat(admin.logIn("admin", WardenSpringBootTest.ADMIN_PASSWORD))
                    .isEqualTo("/");
            assertThat(admin.get(path).statusCode())
                    .as("signed in: not there either")
                    .isEqualTo(404);
        }
    }
}
