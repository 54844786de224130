package dev.warden.web.security;

import static dev.warden.web.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.warden.core.token.TokenFormat;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.RunningWarden;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code WARDEN_LOG_FORMAT=ecs}: every console line is one JSON object, and secrets are masked in it as in the text
 * format: Spring MVC logs a created token's value with the response at DEBUG, and a message, a JSON password and an
 * exception's stack trace carry a token here; the lines hold none of it, and do hold the masked form.
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogIT {
    private static final TokenFormat FORMAT = new TokenFormat(TokenFormat.DEFAULT_PREFIX);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyLineIsJsonWithItsSecretsMasked(CapturedOutput output) {
        String bootstrap = FORMAT.generate(new SecureRandom()).reveal();
        String created;
        try (RunningWarden warden = RunningWarden.start(
                RunningWarden.newDataDir("json-logs"),
                "WARDEN_LOG_FORMAT=ecs",
                "logging.level.org.springframework.web.servlet.mvc.method.annotation=DEBUG",
                "warden.bootstrap.admin-password=json-log-test-password",
                "warden.bootstrap.admin-token=" + bootstrap)) {
            ApiClient.Response response = new ApiClient(warden.port())
                    .post("/api/2.0/token/create", bootstrap, json("{'comment':'json','lifetime_seconds':3600}"));
            assertThat(response.status()).isEqualTo(200);
            created = response.json().path("token_value").asString();

            Logger log = LoggerFactory.getLogger(JsonLogIT.class);
            log.info("a token in a message: {}", bootstrap);
            log.info("a password in JSON: {\"password\":\"json-log-secret\"}");
            log.warn("failed", new IllegalStateException("a token in a stack trace: " + created));
        }

        String all = output.getAll();
        int start = all.indexOf('{');
        List<String> lines =
                all.substring(start).lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).hasSizeGreaterThan(10);
        boolean messageSeen = false;
        boolean stackTraceSeen = false;
        for (String line : lines) {
            JsonNode event;
            try {
                event = JSON.readTree(line);
            } catch (RuntimeException e) {
                fail("not a JSON line: " + line);
                return;
            }
            assertThat(event.isObject()).as(line).isTrue();
            for (String secret :
                    new String[] {bootstrap, created, bootstrap.substring(4, 24), created.substring(4, 24)}) {
                if (line.contains(secret) || line.contains("json-log-secret")) {
                    fail("a secret is in the log: " + line);
                }
            }
            String message = event.path("message").asString("");
            messageSeen |= message.equals("a token in a message: " + masked(bootstrap));
            stackTraceSeen |=
                    event.path("error").path("stack_trace").asString("").contains(masked(created));
        }
        assertThat(messageSeen).as("the masked token in the message").isTrue();
        assertThat(stackTraceSeen).as("the masked token in the stack trace").isTrue();
        assertThat(all).contains("a password in JSON: {\\\"password\\\":\\\"[REDACTED]\\\"}");
        assertThat(all).contains(masked(created));
    }

    private static String masked(String secret) {
        return "wdn_..." + secret.substring(secret.length() - 4);
    }
}
