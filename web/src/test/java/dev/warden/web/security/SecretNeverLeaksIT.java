package dev.warden.web.security;

import static dev.warden.web.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.WardenApplication;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenFormat;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts Warden with verbose logging on a file database, creates tokens through the API and the console,
 * uses them, and then searches everything written — the log output, a full dump of the database and the
 * database files themselves — for the token values. They must appear nowhere; their hashes must be there.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretNeverLeaksIT {

    @Test
    void tokenValuesAppearInNoLogAndNoDatabase(CapturedOutput output) throws Exception {
        Path dataDir = Path.of("target", "leak-test-" + UUID.randomUUID()).toAbsolutePath();
        String dbUrl = "jdbc:h2:file:" + dataDir.resolve("warden")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";
        String bootstrapToken =
                new TokenFormat("wdn_").generate(new SecureRandom()).reveal();
        List<String> secrets = new ArrayList<>();
        secrets.add(bootstrapToken);

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(WardenApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + dbUrl,
                        "--warden.bootstrap.admin-password=leak-test-password",
                        "--warden.bootstrap.admin-token=" + bootstrapToken,
                        "--warden.tokens.last-use-flush-tick=100ms",
                        "--logging.level.dev.warden=TRACE",
                        "--logging.level.org.springframework.web=TRACE",
                        "--logging.level.org.springframework.security=TRACE",
                        "--logging.level.org.springframework.jdbc=TRACE",
                        "--logging.level.org.springframework.data=DEBUG",
                        "--logging.level.org.thymeleaf=DEBUG")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            ApiClient api = new ApiClient(port);

            // Through the API: create, use, revoke, use again, restore.
            ApiClient.Response created = api.post(
                    "/api/2.0/token/create", bootstrapToken, json("{'comment':'leak check','scopes':['tokens:read']}"));
            assertThat(created.status()).isEqualTo(200);
            String apiToken = created.json().path("token_value").asString();
            String apiTokenId =
                    created.json().path("token_info").path("token_id").asString();
            secrets.add(apiToken);
            assertThat(api.get("/api/2.0/token/list", apiToken).status()).isEqualTo(200);
            api.post("/api/2.0/token/revoke", bootstrapToken, json("{'token_id':'%s'}", apiTokenId));
            assertThat(api.get("/api/2.0/token/list", apiToken).status()).isEqualTo(401);
            api.post("/api/2.0/token/restore", bootstrapToken, json("{'token_id':'%s'}", apiTokenId));

            // Through the console: log in, generate a token in the dialog, use it.
            ConsoleSession console = new ConsoleSession(port);
            assertThat(console.logIn("admin", "leak-test-password")).isEqualTo("/");
            HttpResponse<String> issued = console.postForm(
                    "/settings/user/tokens",
                    Map.of("name", "console leak check", "lifetimeDays", "7", "scopes", "tokens:read"),
                    true);
            String consoleToken = issuedValue(issued.body());
            secrets.add(consoleToken);
            assertThat(api.get("/api/2.0/token/list", consoleToken).status()).isEqualTo(200);

            // A mistyped value is refused without being echoed anywhere either.
            String typo = consoleToken.substring(0, 20)
                    + (consoleToken.charAt(20) == 'x' ? 'y' : 'x')
                    + consoleToken.substring(21);
            secrets.add(typo);
            assertThat(api.get("/api/2.0/token/list", typo).status()).isEqualTo(401);
        }

        String log = output.getAll();
        String dump = dumpDatabase(dbUrl);
        for (String secret : secrets) {
            assertThat(log).as("log output").doesNotContain(secret).doesNotContain(secret.substring(4));
            assertThat(dump).as("database dump").doesNotContain(secret).doesNotContain(secret.substring(4));
            assertThat(filesUnder(dataDir))
                    .as("database files")
                    .noneMatch(bytes -> contains(bytes, secret.substring(4)));
        }
        // The check is only worth something if the tokens did reach the log and the database in another form.
        assertThat(log).contains("Warden is ready").contains("/api/2.0/token/list");
        for (String secret : secrets.subList(0, 3)) {
            assertThat(dump)
                    .as("the digest is what is stored")
                    .contains(TokenDigest.of(secret).hex());
        }
    }

    private static String issuedValue(String html) {
        Matcher matcher = Pattern.compile("value=\"(wdn_[0-9A-Za-z]{49})\"").matcher(html);
        assertThat(matcher.find()).as("the copy dialog shows the token").isTrue();
        return matcher.group(1);
    }

    private static String dumpDatabase(String url) throws SQLException {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SCRIPT")) {
            while (rows.next()) {
                dump.append(rows.getString(1)).append('\n');
            }
        }
        return dump.toString();
    }

    private static List<byte[]> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<byte[]> contents = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.add(Files.readAllBytes(file));
            }
            return contents;
        }
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
