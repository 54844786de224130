package dev.warden.web.security;

import static dev.warden.web.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.warden.core.token.TokenFormat;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.RunningWarden;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Runs Warden with every logger at TRACE, creates and uses tokens, pastes secrets into fields that are not secret
 * (a comment, a query parameter, a user name, a broken JSON body, a path) and walks error paths; then no secret,
 * nor a long piece of one, is anywhere in the output, and the masked form is, so the check can fail. The console
 * password, which Tomcat logs with the sign-in form at DEBUG, and the session id are not there either.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretMaskingLogIT {
    private static final String PASSWORD = "masking-test-password";
    private static final TokenFormat FORMAT = new TokenFormat(TokenFormat.DEFAULT_PREFIX);

    /** The whole JVM shares Logback: put the level back for the test classes that run after this one. */
    @AfterAll
    static void restoreLogLevels() {
        LoggingSystem.get(SecretMaskingLogIT.class.getClassLoader())
                .setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
    }

    @Test
    void noTokenReachesTheLogAtTrace(CapturedOutput output) {
        Map<String, String> secrets = new LinkedHashMap<>();
        String bootstrap = FORMAT.generate(new SecureRandom()).reveal();
        secrets.put("bootstrap admin token", bootstrap);

        try (RunningWarden warden = RunningWarden.start(
                RunningWarden.newDataDir("token-masking"),
                "logging.level.root=TRACE",
                "warden.bootstrap.admin-password=" + PASSWORD,
                "warden.bootstrap.admin-token=" + bootstrap)) {
            ApiClient api = new ApiClient(warden.port());

            // Created, shown once in the response body (which Spring MVC logs at DEBUG), and used.
            ApiClient.Response created =
                    api.post("/api/2.0/token/create", bootstrap, json("{'comment':'masking','lifetime_seconds':3600}"));
            assertThat(created.status()).isEqualTo(200);
            String used = created.json().path("token_value").asString();
            secrets.put("created token", used);
            assertThat(api.get("/api/2.0/token/list", used).status()).isEqualTo(200);

            // A secret pasted into a comment: stored, read back in lists, logged with the request and its SQL.
            ApiClient.Response pasted = api.post(
                    "/api/2.0/token/create", bootstrap, json("{'comment':'oops %s','lifetime_seconds':3600}", used));
            assertThat(pasted.status()).isEqualTo(200);
            String second = pasted.json().path("token_value").asString();
            secrets.put("second token", second);
            assertThat(api.get("/api/2.0/token/list", bootstrap).body()).contains(used);

            // ... into a query parameter, a path and a broken JSON body.
            assertThat(api.get("/api/2.0/token-management/tokens?created_by_username=" + second, bootstrap)
                            .status())
                    .isEqualTo(200);
            assertThat(api.get("/api/2.0/token-management/tokens/" + second, bootstrap)
                            .status())
                    .isBetween(400, 404);
            assertThat(api.post("/api/2.0/token/create", bootstrap, "{\"comment\":\"" + second + "\",")
                            .status())
                    .isEqualTo(400);

            // Error paths with a token in the Authorization header: mistyped, never issued, revoked.
            String mistyped = used.substring(0, 20) + (used.charAt(20) == 'x' ? 'y' : 'x') + used.substring(21);
            secrets.put("mistyped token", mistyped);
            assertThat(api.get("/api/2.0/token/list", mistyped).status()).isEqualTo(401);
            String unknown = FORMAT.generate(new SecureRandom()).reveal();
            secrets.put("unknown token", unknown);
            assertThat(api.get("/api/2.0/token/list", unknown).status()).isEqualTo(401);
            String secondId = pasted.json().path("token_info").path("token_id").asString();
            api.post("/api/2.0/token/revoke", bootstrap, json("{'token_id':'%s'}", secondId));
            assertThat(api.get("/api/2.0/token/list", second).status()).isEqualTo(401);

            // ... and into the console's sign-in form as a user name, and a console query string.
            ConsoleSession console = new ConsoleSession(warden.port());
            assertThat(console.logIn(unknown, PASSWORD)).isEqualTo("/login?error");
            assertThat(console.logIn("admin", PASSWORD)).isEqualTo("/");
            console.get("/settings/tokens?q=" + URLEncoder.encode(unknown, StandardCharsets.UTF_8));
        }

        // Plain contains() checks: AssertJ would print megabytes of TRACE output with a failure.
        String log = output.getAll();
        assertThat(log.contains("Warden is ready") && log.contains(" TRACE "))
                .as("TRACE output was captured")
                .isTrue();
        assertAbsent(log, "the console password", PASSWORD);
        Matcher sessionId = Pattern.compile("\\b[0-9A-F]{32}\\b").matcher(log);
        if (sessionId.find()) {
            assertAbsent(log, "a session id", sessionId.group());
        }
        secrets.forEach((what, secret) -> {
            assertAbsent(log, "the " + what, secret);
            assertAbsent(log, "a piece of the " + what, secret.substring(4, 4 + 20));
        });
        for (String what : new String[] {"created token", "second token", "unknown token"}) {
            assertThat(log.contains(masked(secrets.get(what))))
                    .as("the masked %s is logged", what)
                    .isTrue();
        }
    }

    private static void assertAbsent(String log, String what, String needle) {
        int at = log.indexOf(needle);
        if (at >= 0) {
            int start = log.lastIndexOf('\n', at) + 1;
            int end = log.indexOf('\n', at);
            fail(what + " is in the log: " + log.substring(start, end < 0 ? log.length() : end));
        }
    }

    private static String masked(String secret) {
        return "wdn_..." + secret.substring(secret.length() - 4);
    }
}
