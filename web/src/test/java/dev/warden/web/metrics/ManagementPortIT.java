package dev.warden.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.token.TokenFormat;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.RunningWarden;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * With {@code management.server.port} set, Actuator answers on that port only (bound to loopback unless told
 * otherwise), without a token; on the application's port {@code /actuator/**} finds nothing, token or not.
 */
class ManagementPortIT {

    @Test
    void actuatorAnswersOnItsOwnPortWithoutATokenAndNotOnTheApplicationsPort() {
        String admin = new TokenFormat(TokenFormat.DEFAULT_PREFIX)
                .generate(new SecureRandom())
                .reveal();
        try (RunningWarden warden = RunningWarden.start(
                RunningWarden.newDataDir("management-port"),
                "management.server.port=0",
                "warden.bootstrap.admin-password=management-port-test",
                "warden.bootstrap.admin-token=" + admin)) {
            int managementPort =
                    Integer.parseInt(warden.context().getEnvironment().getRequiredProperty("local.management.port"));
            assertThat(managementPort).isNotEqualTo(warden.port());
            assertThat(warden.context().getEnvironment().getProperty("management.server.address"))
                    .isEqualTo("127.0.0.1");
            ApiClient application = new ApiClient(warden.port());
            ApiClient management = new ApiClient(managementPort);
            assertThat(application.get("/api/2.0/token/list", admin).status()).isEqualTo(200);

            ApiClient.Response scrape = management.get("/actuator/prometheus", null);
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(new Scrape(scrape.body()).decisions("ALLOWED")).isEqualTo(1);
            assertThat(scrape.body()).contains("warden_tokens{kind=\"PERSONAL\",status=\"ACTIVE\"} 1.0");
            ApiClient.Response health = management.get("/actuator/health", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().toString())
                    .isEqualTo("{\"groups\":[\"liveness\",\"readiness\"],\"status\":\"UP\"}");
            assertThat(management.get("/actuator/health/readiness", null).status())
                    .isEqualTo(200);
            assertThat(management.get("/actuator/env", null).status()).isEqualTo(404);

            for (String path :
                    new String[] {"/actuator/prometheus", "/actuator/health", "/actuator/health/readiness"}) {
                assertThat(application.get(path, null).status()).as(path).isEqualTo(404);
                assertThat(application.get(path, admin).status())
                        .as(path + " with a token")
                        .isEqualTo(404);
            }
        }
    }
}
