package dev.warden.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.time.LocalDateTime;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Flyway really runs in the test slice (Boot 4 needs spring-boot-starter-flyway) and builds the whole schema. */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
abstract class FlywayMigrationContract {
    static final List<String> TABLES = List.of("access_token", "access_token_scope", "audit_event", "group_member",
            "principal", "principal_group", "role", "role_grant", "role_permission", "workspace");
    private static final LocalDateTime V1_TIME = LocalDateTime.parse("2026-03-29T01:30:00.123456");

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

        assertThat(applied).startsWith("1", "2");
        assertThat(failed).isZero();
    }

    @Test
    void theSchemaHasEveryTable() throws SQLException {
        assertThat(tables()).containsAll(TABLES);
    }

    @Test
    void theFoundationsRoleAssignmentTableIsGone() throws SQLException {
        assertThat(tables()).doesNotContain("role_assignment");
    }

    /** A fresh, empty database of the subclass's kind (not the one the Spring context migrated). */
    protected abstract DriverManagerDataSource newEmptyDatabase();

    private static Flyway flyway(DataSource database, String target) {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration").target(target).load();
    }

    /** A database of version 1 with two workspaces, their users and the foundation's workspace-role rows. */
    @Test
    void aVersion1DatabaseMovesItsRoleAssignmentsToRoleGrants() {
        DataSource database = newEmptyDatabase();
        assertThat(flyway(database, "1").migrate().targetSchemaVersion).isEqualTo("1");
        JdbcClient v1 = JdbcClient.create(database);
        long main = insertWorkspace(v1, "main");
        long staging = insertWorkspace(v1, "staging");
        long admin = insertUser(v1, main, "admin");
        long alice = insertUser(v1, main, "alice");
        long stagingAdmin = insertUser(v1, staging, "admin");
        insertRole(v1, main, admin, "workspace-admin", V1_TIME);
        insertRole(v1, main, alice, "auditor", V1_TIME.plusSeconds(1));
        insertRole(v1, staging, stagingAdmin, "workspace-admin", V1_TIME.plusSeconds(2));

        flyway(database, "latest").migrate();

        JdbcClient v2 = JdbcClient.create(database);
        assertThat(v2.sql("SELECT MAX(version) FROM flyway_schema_history WHERE success = TRUE")
                .query(String.class).single()).isEqualTo("2");
        for (long workspace : List.of(main, staging)) {
            assertThat(v2.sql("SELECT name FROM role WHERE workspace_id = ? AND built_in = TRUE ORDER BY name")
                    .param(workspace).query(String.class).list())
                    .containsExactly("auditor", "group-admin", "group-member", "user", "workspace-admin");
        }
        assertThat(v2.sql("SELECT COUNT(*) FROM role WHERE built_in = FALSE").query(Integer.class).single()).isZero();
        assertThat(v2.sql("SELECT COUNT(*) FROM role_permission").query(Integer.class).single()).isZero();
        assertThat(v2.sql("""
                        SELECT r.workspace_id, r.name, g.principal_id, g.group_id, g.scope_group_id, g.created_at
                          FROM role_grant g JOIN role r ON r.id = g.role_id AND r.workspace_id = g.workspace_id
                         ORDER BY g.created_at""")
                .query((rs, n) -> List.of(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        String.valueOf(rs.getObject(4)), String.valueOf(rs.getObject(5)),
                        rs.getObject(6, LocalDateTime.class)))
                .list())
                .containsExactly(
                        List.of(main, "workspace-admin", admin, "null", "null", V1_TIME),
                        List.of(main, "auditor", alice, "null", "null", V1_TIME.plusSeconds(1)),
                        List.of(staging, "workspace-admin", stagingAdmin, "null", "null", V1_TIME.plusSeconds(2)));
        assertThat(v2.sql("SELECT COUNT(*) FROM role_grant").query(Integer.class).single()).isEqualTo(3);
        assertThat(v2.sql("SELECT COUNT(*) FROM role_grant g JOIN role r ON r.id = g.role_id"
                + " WHERE r.workspace_id <> g.workspace_id").query(Integer.class).single()).isZero();
        assertThat(v2.sql("SELECT email, given_name, family_name, external_id FROM principal WHERE id = ?")
                .param(alice).query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)}).single()).containsOnlyNulls();
    }

    @Test
    void anEmptyVersion1DatabaseMigratesToTheLatestVersion() throws SQLException {
        DataSource database = newEmptyDatabase();
        flyway(database, "1").migrate();

        flyway(database, "latest").migrate();

        JdbcClient v2 = JdbcClient.create(database);
        assertThat(v2.sql("SELECT COUNT(*) FROM role").query(Integer.class).single()).isZero();
        assertThat(v2.sql("SELECT COUNT(*) FROM role_grant").query(Integer.class).single()).isZero();
    }

    private static long insertWorkspace(JdbcClient jdbc, String name) {
        jdbc.sql("INSERT INTO workspace (name, created_at) VALUES (?, ?)").params(name, V1_TIME).update();
        return jdbc.sql("SELECT id FROM workspace WHERE name = ?").param(name).query(Long.class).single();
    }

    private static long insertUser(JdbcClient jdbc, long workspace, String userName) {
        jdbc.sql("""
                        INSERT INTO principal (workspace_id, kind, user_name, application_id, display_name, active,
                                               password_hash, created_at)
                        VALUES (?, 'USER', ?, NULL, ?, TRUE, '{noop}x', ?)""")
                .params(workspace, userName, "User " + userName, V1_TIME).update();
        return jdbc.sql("SELECT id FROM principal WHERE workspace_id = ? AND user_name = ?")
                .params(workspace, userName).query(Long.class).single();
    }

    private static void insertRole(JdbcClient jdbc, long workspace, long principal, String role, LocalDateTime at) {
        jdbc.sql("INSERT INTO role_assignment (workspace_id, principal_id, role_name, created_at) VALUES (?, ?, ?, ?)")
                .params(workspace, principal, role, at).update();
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
