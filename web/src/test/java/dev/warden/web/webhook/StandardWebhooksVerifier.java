package dev.warden.web.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies signatures with an implementation nobody here wrote: the Standard Webhooks reference library for
 * JavaScript ({@code standardwebhooks} from the npm registry), run with node. Installed once into {@code
 * target/webhook-verifier} from {@code src/test/resources/webhook}. Without node and npm the calling test stops
 * there as skipped (tests call it last), except where {@code WARDEN_REQUIRE_NODE} is set (CI installs them), where
 * it fails.
 */
final class StandardWebhooksVerifier {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path DIR = Path.of("target", "webhook-verifier");

    private StandardWebhooksVerifier() {}

    /** For each message, its payload's type when the library accepts it, else {@code INVALID: …}. */
    static List<String> verify(String secret, Instant now, List<WebhookReceiver.Received> messages)
            throws IOException, InterruptedException {
        install();
        List<Map<String, String>> list = new ArrayList<>();
        for (WebhookReceiver.Received m : messages) {
            list.add(Map.of("id", m.id(), "timestamp", m.timestamp(), "signature", m.signature(), "body", m.body()));
        }
        String input = JSON.writeValueAsString(Map.of("secret", secret, "now", now.getEpochSecond(), "messages", list));
        Process node = new ProcessBuilder("node", "verify.js")
                .directory(DIR.toFile())
                // never the test JVM's own streams: Surefire talks to its forked JVM over them
                .redirectError(DIR.resolve("verify.err").toFile())
                .start();
        node.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        node.getOutputStream().close();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
            throw new IllegalStateException(
                    "node verify.js failed: " + output + " " + Files.readString(DIR.resolve("verify.err")));
        }
        return List.of(JSON.readValue(output, String[].class));
    }

    private static synchronized void install() throws IOException, InterruptedException {
        boolean present = installed("node") && installed("npm");
        if (!present && System.getenv("WARDEN_REQUIRE_NODE") != null) {
            throw new IllegalStateException("node and npm are required here (WARDEN_REQUIRE_NODE) but not installed");
        }
        Assumptions.assumeTrue(present, "node and npm are not installed");
        Files.createDirectories(DIR);
        for (String file : List.of("package.json", "package-lock.json", "verify.js")) {
            try (InputStream in = StandardWebhooksVerifier.class.getResourceAsStream("/webhook/" + file)) {
                Files.copy(in, DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (Files.isDirectory(DIR.resolve("node_modules/standardwebhooks"))) {
            return;
        }
        // npm ci: exactly the versions package-lock.json pins (standardwebhooks 1.0.0 and its two dependencies)
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--silent")
                .directory(DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(DIR.resolve("npm.log").toFile())
                .start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException(
                    "npm install of the standardwebhooks verifier failed: " + Files.readString(DIR.resolve("npm.log")));
        }
    }

    private static boolean installed(String command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command, "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException notFound) {
            return false;
        }
    }
}
