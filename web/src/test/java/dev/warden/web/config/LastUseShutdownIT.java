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
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;

/**
 * Last use is written off the request thread and coalesced; a shutdown writes what is pending, so only the
 * intermediate values are ever lost.
 */
class LastUseShutdownIT {
    private static final String TOKEN = "wdn_B0QwSUvyQw5CczZOt4BjrLqJ9mGtc67wCSPToVdRlvi3FlAYL";

    @Test
    void pendingLastUseIsWrittenAtShutdown() throws SQLException {
        Path dataDir = RunningWarden.newDataDir("last-use");
        try (RunningWarden warden = RunningWarden.start(
                dataDir,
                "warden.bootstrap.admin-password=pw",
                "warden.bootstrap.admin-token=" + TOKEN,
                // no periodic write during the test: only the shutdown can write it
                "warden.tokens.last-use-flush-tick=1h")) {
            ApiClient api = new ApiClient(warden.port());
            for (int i = 0; i < 5; i++) {
                assertThat(api.get("/api/2.0/token/list", TOKEN).status()).isEqualTo(200);
            }
            assertThat(lastUsedAt(warden))
                    .as("nothing written on the request path")
                    .isNull();
        }

        try (Connection db = DriverManager.getConnection(RunningWarden.h2Url(dataDir), "sa", "");
                Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT last_used_at, last_used_address, last_used_agent FROM access_token")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getTimestamp(1)).isNotNull();
            assertThat(row.getString(2)).isEqualTo("127.0.0.1");
            assertThat(row.getString(3)).isEqualTo("warden-api-test/1.0");
        }
    }

    /** Reads through the running application's own connection pool (the file database is locked to it). */
    private static Timestamp lastUsedAt(RunningWarden warden) throws SQLException {
        try (Connection db = warden.bean(javax.sql.DataSource.class).getConnection();
                Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery("SELECT last_used_at FROM access_token")) {
            row.next();
            return row.getTimestamp(1);
        }
    }
}
