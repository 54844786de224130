package dev.warden.web.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.token.TokenFormat;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.RunningWarden;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** First start on an empty database, and what the bootstrap settings do, with the real application. */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapIT {
    private static final Pattern GENERATED = Pattern.compile("Generated password for user 'admin': (\\S+)");

    @Test
    void generatesAnAdminPasswordOncePrintsItOnceAndItLogsIn(CapturedOutput output) {
        Path dataDir = RunningWarden.newDataDir("bootstrap");
        String password;
        try (RunningWarden warden = RunningWarden.start(dataDir)) {
            Matcher matcher = GENERATED.matcher(output.getAll());
            assertThat(matcher.find()).as("the generated password is printed").isTrue();
            password = matcher.group(1);
            assertThat(password).hasSize(24);
            assertThat(output.getAll())
                    .contains("Warden is ready. Log in at http://localhost:" + warden.port() + "/login");

            ConsoleSession console = new ConsoleSession(warden.port());
            assertThat(console.logIn("admin", "wrong-" + password)).isEqualTo("/login?error");
            assertThat(console.logIn("admin", password)).isEqualTo("/");
        }
        int printedBefore = count(output.getAll(), "Generated password");

        try (RunningWarden again = RunningWarden.start(dataDir)) {
            assertThat(count(output.getAll(), "Generated password"))
                    .as("not printed on a second start")
                    .isEqualTo(printedBefore);
            assertThat(new ConsoleSession(again.port()).logIn("admin", password))
                    .isEqualTo("/");
        }
        assertThat(Files.exists(dataDir.resolve("warden.mv.db"))).isTrue();
    }

    @Test
    void anExactBootstrapTokenValueBecomesAnAdminToken() {
        String value = new TokenFormat("wdn_").generate(new SecureRandom()).reveal();
        try (RunningWarden warden = RunningWarden.start(
                RunningWarden.newDataDir("bootstrap-token"),
                "warden.bootstrap.admin-password=pw-for-test",
                "warden.bootstrap.admin-token=" + value)) {
            ApiClient.Response list = new ApiClient(warden.port()).get("/api/2.0/token/list", value);

            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json()
                            .path("token_infos")
                            .get(0)
                            .path("expiry_time")
                            .asLong())
                    .isEqualTo(-1L);
            assertThat(list.json().path("token_infos").get(0).path("scopes").toString())
                    .isEqualTo("[\"all-apis\"]");
        }
    }

    /**
     * The bootstrap is stored before the port opens: from Warden's very first answer the bootstrap token works, and
     * readiness, which turns UP only once start-up is done, never says UP before it.
     */
    @Test
    void theBootstrapTokenWorksFromTheFirstAnswerAndReadinessFollows() throws Exception {
        String value = new TokenFormat("wdn_").generate(new SecureRandom()).reveal();
        int port = freePort();
        CompletableFuture<RunningWarden> starting = CompletableFuture.supplyAsync(() -> RunningWarden.start(
                RunningWarden.newDataDir("bootstrap-ready"),
                "server.port=" + port,
                "warden.bootstrap.admin-password=pw-for-test",
                "warden.bootstrap.admin-token=" + value));
        ApiClient api = new ApiClient(port);
        ApiClient.Response firstAnswer = null;
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (firstAnswer == null) {
            assertThat(starting.isCompletedExceptionally())
                    .as("start-up failed")
                    .isFalse();
            assertThat(System.nanoTime()).as("Warden answered within 60 s").isLessThan(giveUp);
            try {
                firstAnswer = api.get("/api/2.0/token/list", value);
            } catch (IllegalStateException notListeningYet) {
                Thread.sleep(5);
            }
        }
        ApiClient.Response readiness = api.get("/actuator/health/readiness", null);
        try (RunningWarden warden = starting.get(60, TimeUnit.SECONDS)) {
            assertThat(firstAnswer.status())
                    .as("the bootstrap token at Warden's first answer: " + firstAnswer)
                    .isEqualTo(200);
            assertThat(readiness.status())
                    .as("readiness while starting: DOWN or already UP")
                    .isIn(200, 503);
            ApiClient.Response ready = api.get("/actuator/health/readiness", null);
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().toString()).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aBootstrapTokenInTheWrongFormatStopsStartUpWithoutEchoingIt(CapturedOutput output) {
        String valid = new TokenFormat("wdn_").generate(new SecureRandom()).reveal();
        String mistyped = valid.substring(0, 52) + (valid.charAt(52) == 'A' ? 'B' : 'A');
        Path dataDir = RunningWarden.newDataDir("bootstrap-bad-token");

        assertThatThrownBy(() -> RunningWarden.start(dataDir, "warden.bootstrap.admin-token=" + mistyped)
                        .close())
                .hasRootCauseInstanceOf(InvalidBootstrapTokenException.class)
                .rootCause()
                .hasMessageContaining("WARDEN_BOOTSTRAP_ADMIN_TOKEN is not a Warden token");
        assertThat(output.getAll())
                .contains("WARDEN_BOOTSTRAP_ADMIN_TOKEN is not a Warden token")
                .doesNotContain(mistyped)
                .doesNotContain("Warden is ready");
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
