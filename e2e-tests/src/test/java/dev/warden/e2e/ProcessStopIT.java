package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warden stopped as a service manager stops it (SIGTERM to {@code java -jar}) on its embedded database: what was still
 * pending in memory (the last use of tokens) is in the database afterwards. H2 closes a database from a JVM shutdown
 * hook of its own unless the URL says {@code DB_CLOSE_ON_EXIT=FALSE}; that hook raced Spring's orderly shutdown, and
 * the last uses written at shutdown were lost ("the database could not take 1 more").
 */
class ProcessStopIT {
    private static final String TOKEN = "wdn_B0QwSUvyQw5CczZOt4BjrLqJ9mGtc67wCSPToVdRlvi3FlAYL";
    /** Warden's embedded database settings (application.yaml), to open its file after it stopped. */
    private static final String H2_SETTINGS = ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";

    @Test
    void aStoppedWardenHasWrittenTheLastUsePendingAtItsStopToItsEmbeddedDatabase(@TempDir Path dir) throws Exception {
        WardenProcess warden = WardenProcess.start(
                "stop",
                dir,
                Map.of(
                        "WARDEN_BOOTSTRAP_ADMIN_PASSWORD", "stop-test-password",
                        "WARDEN_BOOTSTRAP_ADMIN_TOKEN", TOKEN,
                        // no periodic write: only the stop can write the last use
                        "WARDEN_TOKENS_LASTUSEFLUSHTICK", "1h"));
        try (warden) {
            HttpRequest list = HttpRequest.newBuilder(URI.create(warden.baseUrl() + "/api/2.0/token/list"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .build();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(list, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }

        assertThat(Files.readString(dir.resolve("stop.log")))
                .contains("Wrote last use of 1 tokens at shutdown")
                .doesNotContain("could not take");
        String url = "jdbc:h2:file:" + dir.resolve("stop-data").resolve("warden") + H2_SETTINGS;
        try (Connection db = DriverManager.getConnection(url, "sa", "");
                Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery("SELECT last_used_at FROM access_token")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getTimestamp(1)).as("the bootstrap token's last use").isNotNull();
        }
    }
}
