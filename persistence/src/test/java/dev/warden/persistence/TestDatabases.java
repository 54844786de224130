package dev.warden.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The databases of the persistence tests: each Spring test context gets one database of its kind, and every test
 * class that names the same kind ({@link OnMariaDb}, {@link OnH2}) shares that context, so a test run starts one
 * context and migrates one database per kind. {@link JdbcAdapterTest} empties the tables before each class.
 */
public final class TestDatabases {
    private static final AtomicInteger H2_DATABASES = new AtomicInteger();

    private TestDatabases() {}

    /** A new database on the embedded MariaDB 11.4, or on the external server the environment names. */
    static final class MariaDb implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(
                            "spring.datasource.url=" + EmbeddedMariaDb.newDatabase("persistence"),
                            "spring.datasource.username=" + EmbeddedMariaDb.username(),
                            "spring.datasource.password=" + EmbeddedMariaDb.password())
                    .applyTo(context);
        }
    }

    /**
     * A new in-memory H2 in MySQL mode, as the embedded default runs it. H2 waits for a row lock only
     * {@code LOCK_TIMEOUT} ms (2000 by default): ten seconds, as the application and the web tests allow, so that the
     * 16-way concurrency tests may queue behind several holders.
     */
    static final class H2 implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String url = h2Url("persistence_" + H2_DATABASES.incrementAndGet()) + ";LOCK_TIMEOUT=10000";
            TestPropertyValues.of(
                            "spring.datasource.url=" + url,
                            "spring.datasource.username=sa",
                            "spring.datasource.password=")
                    .applyTo(context);
        }
    }

    public static String h2Url(String database) {
        return "jdbc:h2:mem:" + database
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    }

    /**
     * Empties every table but Flyway's history and restarts the generated ids, so the database is as a fresh
     * migration left it (no migration inserts rows into an empty database).
     */
    static void emptyTables(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            boolean h2 = "H2".equals(connection.getMetaData().getDatabaseProductName());
            List<String> tables = new ArrayList<>();
            try (ResultSet rows =
                    statement.executeQuery("SELECT table_name FROM information_schema.tables" + " WHERE table_schema = "
                            + (h2 ? "CURRENT_SCHEMA" : "DATABASE()") + " AND table_type = 'BASE TABLE'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            tables.removeIf(table -> table.equalsIgnoreCase("flyway_schema_history"));
            statement.execute(h2 ? "SET REFERENTIAL_INTEGRITY FALSE" : "SET FOREIGN_KEY_CHECKS = 0");
            try {
                for (String table : tables) {
                    statement.execute("TRUNCATE TABLE " + table + (h2 ? " RESTART IDENTITY" : ""));
                }
            } finally {
                statement.execute(h2 ? "SET REFERENTIAL_INTEGRITY TRUE" : "SET FOREIGN_KEY_CHECKS = 1");
            }
        }
    }
}
