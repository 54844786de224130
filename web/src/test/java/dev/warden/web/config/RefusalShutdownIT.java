package dev.warden.web.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.web.support.ApiClient;
import dev.warden.web.support.RunningWarden;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Recent refusals (issue 16) are queued off the request thread like last use: nothing is written while the request is
 * answered, and a shutdown writes what is queued.
 */
class RefusalShutdownIT {
    private static final String TOKEN = "wdn_B0QwSUvyQw5CczZOt4BjrLqJ9mGtc67wCSPToVdRlvi3FlAYL";

    @Test
    void queuedRefusalsAreWrittenAtShutdownAndNotOnTheRequestPath() throws SQLException {
        Path dataDir = RunningWarden.newDataDir("refusals");
        try (RunningWarden warden = RunningWarden.start(
                dataDir,
                "warden.bootstrap.admin-password=pw",
                "warden.bootstrap.admin-token=" + TOKEN,
                // no periodic write during the test: only the shutdown can write them
                "warden.tokens.last-use-flush-tick=1h")) {
            ApiClient api = new ApiClient(warden.port());
            ApiClient.Response created =
                    api.post("/api/2.0/token/create", TOKEN, "{\"comment\":\"narrow\",\"scopes\":[\"tokens:read\"]}");
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            String narrow = created.json().path("token_value").asString();
            for (int i = 0; i < 3; i++) {
                assertThat(api.post("/api/2.0/token/create?i=" + i, narrow, "{}")
                                .status())
                        .isEqualTo(403);
            }
            assertThat(rows(warden)).as("nothing written on the request path").isZero();
        }

        try (Connection db = DriverManager.getConnection(RunningWarden.h2Url(dataDir), "sa", "");
                Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT method, path, reason, client_address, user_agent FROM token_refusal")) {
            for (int i = 0; i < 3; i++) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("POST");
                assertThat(row.getString(2)).isEqualTo("/api/2.0/token/create");
                assertThat(row.getString(3)).isEqualTo("SCOPE_MISSING");
                assertThat(row.getString(4)).isEqualTo("127.0.0.1");
                assertThat(row.getString(5)).isEqualTo("warden-api-test/1.0");
            }
            assertThat(row.next()).isFalse();
        }
    }

    private static int rows(RunningWarden warden) throws SQLException {
        try (Connection db = warden.bean(javax.sql.DataSource.class).getConnection();
                Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM token_refusal")) {
            row.next();
            return row.getInt(1);
        }
    }
}
