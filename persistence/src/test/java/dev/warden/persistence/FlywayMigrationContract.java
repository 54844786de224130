package dev.warden.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Flyway really runs in the test slice (Boot 4 needs spring-boot-starter-flyway) and builds the whole schema. */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
abstract class FlywayMigrationContract {
    static final List<String> TABLES = List.of("access_token", "access_token_scope", "audit_event", "principal",
            "role_assignment", "workspace");

    @Autowired
    protected DataSource dataSource;
    @Autowired
    protected JdbcClient jdbc;

    @Test
    void everyMigrationIsAppliedSuccessfully() {
        List<String> applied = jdbc.sql("""
                        SELECT version FROM flyway_schema_history
                         WHERE type = 'SQL' AND success = TRUE ORDER BY installed_rank""")
                .query(String.class).list();
        int failed = jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE success = FALSE")
                .query(Integer.class).single();

        assertThat(applied).startsWith("1");
        assertThat(failed).isZero();
    }

    @Test
    void theSchemaHasEveryTable() throws SQLException {
        assertThat(tables()).containsAll(TABLES);
    }

    protected List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
                    new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return tables;
    }
}
