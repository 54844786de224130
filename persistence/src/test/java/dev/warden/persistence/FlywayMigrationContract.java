package dev.warden.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.assertj.core.api.Assertions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Flyway really runs in the test slice (Boot 4 needs spring-boot-starter-flyway) and builds the whole schema. */
@JdbcAdapterTest
abstract class FlywayMigrationContract {
    static final List<String> VERSIONS =
            List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17");
    static final List<String> TABLES = List.of(
            "access_token",
            "access_token_scope",
            "audit_event",
            "audit_event_subject",
            "group_entitlement",
            "authorization_version",
            "group_member",
            "principal",
            "principal_entitlement",
            "principal_group",
            "registered_service",
            "role",
            "role_grant",
            "role_permission",
            "service_principal_secret",
            "service_scope",
            "spring_session",
            "spring_session_attributes",
            "token_inactivity_notice",
            "token_refusal",
            "token_usage_entry",
            "work_lease",
            "workspace",
            "workspace_setting");
    private static final LocalDateTime V1_TIME = LocalDateTime.parse("2026-03-29T01:30:00.123456");

    @Autowired
    protected DataSource dataSource;

    @Autowired
    protected JdbcClient jdbc;

    @Test
    void everyMigrationIsAppliedSuccessfully() {
        List<String> applied = jdbc.sql("""
                        SELECT version FROM flyway_schema_history
                         WHERE type = 'SQL' AND success = TRUE ORDER BY installed_rank""").query(String.class).list();
        int failed = jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE success = FALSE")
                .query(Integer.class)
                .single();

        assertThat(applied).containsExactlyElementsOf(VERSIONS);
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
        return Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/migration")
                .target(target)
                .load();
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
        assertThat(appliedVersions(v2)).containsExactlyElementsOf(VERSIONS);
        for (long workspace : List.of(main, staging)) {
            assertThat(v2.sql("SELECT name FROM role WHERE workspace_id = ? AND built_in = TRUE ORDER BY name")
                            .param(workspace)
                            .query(String.class)
                            .list())
                    .containsExactly("auditor", "group-admin", "group-member", "user", "workspace-admin");
        }
        assertThat(v2.sql("SELECT COUNT(*) FROM role WHERE built_in = FALSE")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(v2.sql("SELECT COUNT(*) FROM role_permission")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(v2.sql("""
                        SELECT r.workspace_id, r.name, g.principal_id, g.group_id, g.scope_group_id, g.created_at
                          FROM role_grant g JOIN role r ON r.id = g.role_id AND r.workspace_id = g.workspace_id
                         ORDER BY g.created_at""")
                        .query((rs, n) -> List.of(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getLong(3),
                                String.valueOf(rs.getObject(4)),
                                String.valueOf(rs.getObject(5)),
                                rs.getObject(6, LocalDateTime.class)))
                        .list())
                .containsExactly(
                        List.of(main, "workspace-admin", admin, "null", "null", V1_TIME),
                        List.of(main, "auditor", alice, "null", "null", V1_TIME.plusSeconds(1)),
                        List.of(staging, "workspace-admin", stagingAdmin, "null", "null", V1_TIME.plusSeconds(2)));
        assertThat(v2.sql("SELECT COUNT(*) FROM role_grant")
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
        assertThat(v2.sql("SELECT COUNT(*) FROM role_grant g JOIN role r ON r.id = g.role_id"
                                + " WHERE r.workspace_id <> g.workspace_id")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(v2.sql("SELECT email, given_name, family_name, external_id FROM principal WHERE id = ?")
                        .param(alice)
                        .query((rs, n) ->
                                new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                        .single())
                .containsOnlyNulls();
    }

    @Test
    void anEmptyVersion1DatabaseMigratesToTheLatestVersion() throws SQLException {
        DataSource database = newEmptyDatabase();
        flyway(database, "1").migrate();

        flyway(database, "latest").migrate();

        JdbcClient v2 = JdbcClient.create(database);
        assertThat(v2.sql("SELECT COUNT(*) FROM role").query(Integer.class).single())
                .isZero();
        assertThat(v2.sql("SELECT COUNT(*) FROM role_grant")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    /**
     * A database of version 2 in use: two workspaces with users (one with profile fields), a service principal,
     * groups, memberships, role grants and a token. Version 3 adds its two tables empty (every workspace keeps the
     * default settings and an empty token usage list), leaves the data alone, and the new tables' foreign keys work
     * against the rows that were already there.
     */
    @Test
    void aVersion2DatabaseWithDataGetsTheSettingsAndTokenUsageTables() throws SQLException {
        DataSource database = newEmptyDatabase();
        assertThat(flyway(database, "2").migrate().targetSchemaVersion).isEqualTo("2");
        JdbcClient v2 = JdbcClient.create(database);
        long main = insertWorkspace(v2, "main");
        long staging = insertWorkspace(v2, "staging");
        long alice = insertUser(v2, main, "alice");
        long bob = insertUser(v2, main, "bob");
        long carol = insertUser(v2, staging, "carol");
        v2.sql("UPDATE principal SET email = 'alice@example.com', given_name = 'Alice' WHERE id = ?")
                .param(alice)
                .update();
        v2.sql("""
                        INSERT INTO principal (workspace_id, kind, user_name, application_id, display_name, active,
                                               password_hash, created_at)
                        VALUES (?, 'SERVICE_PRINCIPAL', NULL, '6f2b8c1e-6a53-4c43-9d27-3f4f2f0d3b10', 'robot', TRUE, NULL, ?)""").params(main, V1_TIME).update();
        long dataEng = insertGroup(v2, main, "data-eng");
        long ops = insertGroup(v2, main, "ops");
        long stagingEng = insertGroup(v2, staging, "data-eng");
        v2.sql("INSERT INTO group_member (group_id, principal_id, workspace_id, created_at) VALUES (?, ?, ?, ?)")
                .params(dataEng, alice, main, V1_TIME)
                .update();
        v2.sql(
                        "INSERT INTO role (workspace_id, name, description, built_in, created_at) VALUES (?, 'user', '', TRUE, ?)")
                .params(main, V1_TIME)
                .update();
        long userRole = v2.sql("SELECT id FROM role WHERE workspace_id = ? AND name = 'user'")
                .param(main)
                .query(Long.class)
                .single();
        v2.sql(
                        "INSERT INTO role_grant (workspace_id, role_id, principal_id, group_id, created_at) VALUES (?, ?, NULL, ?, ?)")
                .params(main, userRole, dataEng, V1_TIME)
                .update();
        v2.sql("""
                        INSERT INTO access_token (token_id, workspace_id, secret_hash, display_hint, owner_id,
                                                  created_by_id, comment, created_at)
                        VALUES ('tok-1', ?, ?, 'dapi…abcd', ?, ?, 'etl', ?)""").params(main, "a".repeat(64), alice, alice, V1_TIME).update();
        List<Integer> rowsBefore = rowCounts(v2);

        assertThat(flyway(database, "3").migrate().targetSchemaVersion).isEqualTo("3");
        flyway(database, "latest").migrate();

        JdbcClient v3 = JdbcClient.create(database);
        assertThat(appliedVersions(v3)).containsExactlyElementsOf(VERSIONS);
        assertThat(tablesOf(database)).contains("workspace_setting", "token_usage_entry");
        assertThat(rowCounts(v3)).as("the rows of version 2").isEqualTo(rowsBefore);
        assertThat(v3.sql("SELECT COUNT(*) FROM workspace_setting")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(v3.sql("SELECT COUNT(*) FROM token_usage_entry")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(v3.sql("SELECT email FROM principal WHERE id = ?")
                        .param(alice)
                        .query(String.class)
                        .single())
                .isEqualTo("alice@example.com");

        // the new tables work with the old rows
        v3.sql("""
                        INSERT INTO workspace_setting (workspace_id, tokens_enabled, max_token_lifetime_days,
                                                       default_token_lifetime_days, token_quota, updated_at)
                        VALUES (?, FALSE, 90, NULL, 600, ?)""").params(main, V1_TIME).update();
        for (Object[] entry : List.of(
                new Object[] {alice, null, "CAN_USE"},
                new Object[] {bob, null, "CAN_MANAGE"},
                new Object[] {null, dataEng, "CAN_USE"},
                new Object[] {null, ops, "CAN_MANAGE"})) {
            v3.sql("INSERT INTO token_usage_entry (workspace_id, principal_id, group_id, level, created_at)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .params(main, entry[0], entry[1], entry[2], V1_TIME)
                    .update();
        }
        v3.sql("INSERT INTO token_usage_entry (workspace_id, principal_id, group_id, level, created_at)"
                        + " VALUES (?, ?, NULL, 'CAN_USE', ?)")
                .params(staging, carol, V1_TIME)
                .update();
        v3.sql("INSERT INTO token_usage_entry (workspace_id, principal_id, group_id, level, created_at)"
                        + " VALUES (?, NULL, ?, 'CAN_USE', ?)")
                .params(staging, stagingEng, V1_TIME)
                .update();

        v3.sql("DELETE FROM principal WHERE id = ?").param(bob).update();
        v3.sql("DELETE FROM principal_group WHERE id = ?").param(ops).update();

        assertThat(v3.sql(
                                "SELECT principal_id, group_id, level FROM token_usage_entry WHERE workspace_id = ? ORDER BY id")
                        .param(main)
                        .query((rs, n) -> Arrays.asList(
                                rs.getObject(1, Long.class), rs.getObject(2, Long.class), rs.getString(3)))
                        .list())
                .containsExactly(Arrays.asList(alice, null, "CAN_USE"), Arrays.asList(null, dataEng, "CAN_USE"));
        assertThat(v3.sql("SELECT COUNT(*) FROM token_usage_entry WHERE workspace_id = ?")
                        .param(staging)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    /**
     * A database of version 3 with tokens (one revoked, one used, one with several scopes). Version 4 makes every
     * existing token personal without a previous secret, leaves the rest of each row alone, and adds the inventory
     * indexes and the unique index on the previous digest.
     */
    @Test
    void aVersion3DatabaseWithTokensGetsTheTokenManagementColumnsAndIndexes() throws SQLException {
        DataSource database = newEmptyDatabase();
        assertThat(flyway(database, "3").migrate().targetSchemaVersion).isEqualTo("3");
        JdbcClient v3 = JdbcClient.create(database);
        long main = insertWorkspace(v3, "main");
        long alice = insertUser(v3, main, "alice");
        long admin = insertUser(v3, main, "admin");
        v3.sql("""
                        INSERT INTO access_token (token_id, workspace_id, secret_hash, display_hint, owner_id,
                                                  created_by_id, comment, created_at, expires_at, revoked_at,
                                                  revoked_by_id, last_used_at, last_used_address, last_used_agent)
                        VALUES ('tok-1', ?, ?, 'dapi…1111', ?, ?, 'etl', ?, ?, ?, ?, NULL, NULL, NULL)""")
                .params(main, "1".repeat(64), alice, admin, V1_TIME, V1_TIME.plusDays(30), V1_TIME.plusDays(1), admin)
                .update();
        v3.sql("""
                        INSERT INTO access_token (token_id, workspace_id, secret_hash, display_hint, owner_id,
                                                  created_by_id, comment, created_at, expires_at, revoked_at,
                                                  revoked_by_id, last_used_at, last_used_address, last_used_agent)
                        VALUES ('tok-2', ?, ?, 'dapi…2222', ?, ?, '', ?, NULL, NULL, NULL, ?, '10.0.0.1', 'curl')""")
                .params(main, "2".repeat(64), alice, alice, V1_TIME.plusSeconds(1), V1_TIME.plusDays(2))
                .update();
        for (String scope : List.of("all-apis", "scim:read", "tokens:read")) {
            v3.sql("INSERT INTO access_token_scope (token_id, workspace_id, scope) VALUES ('tok-2', ?, ?)")
                    .params(main, scope)
                    .update();
        }
        List<Integer> rowsBefore = rowCounts(v3);
        List<List<Object>> tokensBefore = tokenRows(v3);

        flyway(database, "latest").migrate();

        JdbcClient v4 = JdbcClient.create(database);
        assertThat(appliedVersions(v4)).containsExactlyElementsOf(VERSIONS);
        assertThat(rowCounts(v4)).as("the rows of version 3").isEqualTo(rowsBefore);
        assertThat(tokenRows(v4)).as("the token columns of version 3").isEqualTo(tokensBefore);
        assertThat(v4.sql("""
                        SELECT token_id, kind, previous_secret_hash, previous_valid_until, rotated_at
                          FROM access_token ORDER BY token_id""")
                        .query((rs, n) -> Arrays.asList(
                                rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4), rs.getObject(5)))
                        .list())
                .containsExactly(
                        Arrays.asList("tok-1", "PERSONAL", null, null, null),
                        Arrays.asList("tok-2", "PERSONAL", null, null, null));
        assertThat(indexesOf(database, "access_token"))
                .contains(
                        "uq_access_token_previous_hash",
                        "ix_access_token_inventory",
                        "ix_access_token_creator",
                        "ix_access_token_owner");

        v4.sql("UPDATE access_token SET previous_secret_hash = ? WHERE token_id = 'tok-1'")
                .param("3".repeat(64))
                .update();
        Assertions.assertThatThrownBy(
                        () -> v4.sql("UPDATE access_token SET previous_secret_hash = ? WHERE token_id = 'tok-2'")
                                .param("3".repeat(64))
                                .update())
                .as("a previous digest is unique")
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    /**
     * A database of version 4 with tokens and audit events. Version 5 gives every existing token no group, adds the
     * group, expiry and last-use indexes and the audit subject table, and leaves every existing row alone; a group
     * token's group must exist.
     */
    @Test
    void aVersion4DatabaseGetsGroupTokensSortingIndexesAndAuditSubjects() throws SQLException {
        DataSource database = newEmptyDatabase();
        assertThat(flyway(database, "4").migrate().targetSchemaVersion).isEqualTo("4");
        JdbcClient v4 = JdbcClient.create(database);
        long main = insertWorkspace(v4, "main");
        long alice = insertUser(v4, main, "alice");
        v4.sql("""
                        INSERT INTO access_token (token_id, workspace_id, secret_hash, display_hint, owner_id,
                                                  created_by_id, comment, created_at, expires_at, kind)
                        VALUES ('tok-1', ?, ?, 'dapi…1111', ?, ?, 'etl', ?, ?, 'ORGANISATION')""")
                .params(main, "1".repeat(64), alice, alice, V1_TIME, V1_TIME.plusDays(30))
                .update();
        v4.sql("""
                        INSERT INTO audit_event (workspace_id, occurred_at, actor_id, actor_name, action, target_type,
                                                 target_id, client_address, details)
                        VALUES (?, ?, ?, 'alice', 'TOKEN_CREATED', 'token', 'tok-1', NULL, '{}')""").params(main, V1_TIME, alice).update();
        List<Integer> rowsBefore = rowCounts(v4);
        List<List<Object>> tokensBefore = tokenRows(v4);

        flyway(database, "latest").migrate();

        JdbcClient v5 = JdbcClient.create(database);
        assertThat(appliedVersions(v5)).containsExactlyElementsOf(VERSIONS);
        assertThat(rowCounts(v5)).isEqualTo(rowsBefore);
        assertThat(tokenRows(v5)).isEqualTo(tokensBefore);
        assertThat(v5.sql("SELECT group_id FROM access_token")
                        .query((rs, n) -> rs.getObject(1))
                        .list())
                .containsExactly((Object) null);
        assertThat(v5.sql("SELECT COUNT(*) FROM audit_event_subject")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(indexesOf(database, "access_token"))
                .contains("ix_access_token_group", "ix_access_token_expiry", "ix_access_token_last_use");
        assertThat(indexesOf(database, "audit_event_subject")).contains("ix_audit_event_subject");
        Assertions.assertThatThrownBy(() -> v5.sql("UPDATE access_token SET group_id = 999999 WHERE token_id = 'tok-1'")
                        .update())
                .as("a group token's group exists")
                .isInstanceOf(DataIntegrityViolationException.class);
        long team = insertGroup(v5, main, "team");
        assertThat(v5.sql("UPDATE access_token SET group_id = ?, kind = 'GROUP' WHERE token_id = 'tok-1'")
                        .param(team)
                        .update())
                .isEqualTo(1);
    }

    /**
     * Version 6 gives every revocation its authority: the owner's own revocation stays OWNER, anybody else's becomes
     * ADMIN, a token that is not revoked has none; nothing else changes.
     */
    @Test
    void aVersion5DatabaseGivesEveryRevocationItsAuthority() throws SQLException {
        DataSource database = newEmptyDatabase();
        assertThat(flyway(database, "5").migrate().targetSchemaVersion).isEqualTo("5");
        JdbcClient v5 = JdbcClient.create(database);
        long main = insertWorkspace(v5, "main");
        long alice = insertUser(v5, main, "alice");
        long admin = insertUser(v5, main, "admin");
        Object[][] tokens = {{"tok-own", alice}, {"tok-admin", admin}, {"tok-active", null}};
        int n = 0;
        for (Object[] token : tokens) {
            n++;
            v5.sql("""
                            INSERT INTO access_token (token_id, workspace_id, secret_hash, display_hint, owner_id,
                                                      created_by_id, comment, created_at, revoked_at, revoked_by_id,
                                                      kind)
                            VALUES (?, ?, ?, 'wdn_…0000', ?, ?, '', ?, ?, ?, 'PERSONAL')""")
                    .params(
                            token[0],
                            main,
                            String.valueOf(n).repeat(64),
                            alice,
                            alice,
                            V1_TIME,
                            token[1] == null ? null : V1_TIME.plusDays(1),
                            token[1])
                    .update();
        }
        List<List<Object>> tokensBefore = tokenRows(v5);

        flyway(database, "latest").migrate();

        JdbcClient v6 = JdbcClient.create(database);
        assertThat(appliedVersions(v6)).containsExactlyElementsOf(VERSIONS);
        assertThat(tokenRows(v6)).isEqualTo(tokensBefore);
        assertThat(v6.sql("SELECT token_id, revocation_authority FROM access_token ORDER BY token_id")
                        .query((rs, row) -> Arrays.asList(rs.getString(1), rs.getString(2)))
                        .list())
                .containsExactly(
                        Arrays.asList("tok-active", null),
                        Arrays.asList("tok-admin", "ADMIN"),
                        Arrays.asList("tok-own", "OWNER"));
    }

    /**
     * A database of version 6 with token usage entries at both levels. Version 7 makes every CAN_MANAGE entry CAN_USE
     * (CAN_MANAGE is the workspace admins' alone) and leaves the entries themselves, and the rest, alone.
     */
    @Test
    void aVersion6DatabaseTurnsCanManageEntriesIntoCanUse() {
        DataSource database = newEmptyDatabase();
        assertThat(flyway(database, "6").migrate().targetSchemaVersion).isEqualTo("6");
        JdbcClient v6 = JdbcClient.create(database);
        long main = insertWorkspace(v6, "main");
        long alice = insertUser(v6, main, "alice");
        long bob = insertUser(v6, main, "bob");
        long ops = insertGroup(v6, main, "ops");
        for (Object[] entry :
                List.of(new Object[] {alice, null, "CAN_USE"}, new Object[] {bob, null, "CAN_MANAGE"}, new Object[] {
                    null, ops, "CAN_MANAGE"
                })) {
            v6.sql("INSERT INTO token_usage_entry (workspace_id, principal_id, group_id, level, created_at)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .params(main, entry[0], entry[1], entry[2], V1_TIME)
                    .update();
        }
        List<Integer> rowsBefore = rowCounts(v6);

        flyway(database, "latest").migrate();

        JdbcClient v7 = JdbcClient.create(database);
        assertThat(appliedVersions(v7)).containsExactlyElementsOf(VERSIONS);
        assertThat(rowCounts(v7)).isEqualTo(rowsBefore);
        assertThat(v7.sql("SELECT principal_id, group_id, level FROM token_usage_entry ORDER BY id")
                        .query((rs, n) -> Arrays.asList(
                                rs.getObject(1, Long.class), rs.getObject(2, Long.class), rs.getString(3)))
                        .list())
                .containsExactly(
                        Arrays.asList(alice, null, "CAN_USE"),
                        Arrays.asList(bob, null, "CAN_USE"),
                        Arrays.asList(null, ops, "CAN_USE"));
    }

    /**
     * Version 8 gives every workspace its authorisation version, at 0, and leaves everything else alone; a workspace
     * cannot have two.
     */
    @Test
    void aVersion7DatabaseGivesEveryWorkspaceItsAuthorisationVersion() {
        DataSource database = newEmptyDatabase();
        assertThat(flyway(database, "7").migrate().targetSchemaVersion).isEqualTo("7");
        JdbcClient v7 = JdbcClient.create(database);
        long main = insertWorkspace(v7, "main");
        long staging = insertWorkspace(v7, "staging");
        insertUser(v7, main, "alice");
        List<Integer> rowsBefore = rowCounts(v7);

        flyway(database, "latest").migrate();

        JdbcClient v8 = JdbcClient.create(database);
        assertThat(appliedVersions(v8)).containsExactlyElementsOf(VERSIONS);
        assertThat(rowCounts(v8)).isEqualTo(rowsBefore);
        assertThat(v8.sql("SELECT workspace_id, version FROM authorization_version ORDER BY workspace_id")
                        .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2)))
                        .list())
                .containsExactly(List.of(main, 0L), List.of(staging, 0L));
        Assertions.assertThatThrownBy(
                        () -> v8.sql("INSERT INTO authorization_version (workspace_id, version) VALUES (?, 5)")
                                .param(main)
                                .update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    /**
     * A database of version 7 with a token and stored settings. Version 9 adds the secrets table (empty), every token
     * obtained with no secret, every workspace with the default secret lifetime, and leaves the rest alone; a secret
     * goes with its service principal.
     */
    @Test
    void aVersion7DatabaseGetsServicePrincipalSecrets() {
        DataSource database = newEmptyDatabase();
        assertThat(flyway(database, "7").migrate().targetSchemaVersion).isEqualTo("7");
        JdbcClient v7 = JdbcClient.create(database);
        long main = insertWorkspace(v7, "main");
        long alice = insertUser(v7, main, "alice");
        v7.sql("""
                        INSERT INTO principal (workspace_id, kind, user_name, application_id, display_name, active,
                                               password_hash, created_at)
                        VALUES (?, 'SERVICE_PRINCIPAL', NULL, '6f2b8c1e-6a53-4c43-9d27-3f4f2f0d3b10', 'robot', TRUE, NULL, ?)""").params(main, V1_TIME).update();
        long robot = v7.sql("SELECT id FROM principal WHERE application_id = '6f2b8c1e-6a53-4c43-9d27-3f4f2f0d3b10'")
                .query(Long.class)
                .single();
        v7.sql("""
                        INSERT INTO access_token (token_id, workspace_id, secret_hash, display_hint, owner_id,
                                                  created_by_id, comment, created_at)
                        VALUES ('tok-1', ?, ?, 'wdn_…abcd', ?, ?, 'etl', ?)""").params(main, "a".repeat(64), alice, alice, V1_TIME).update();
        v7.sql("""
                        INSERT INTO workspace_setting (workspace_id, tokens_enabled, max_token_lifetime_days,
                                                       default_token_lifetime_days, token_quota, updated_at)
                        VALUES (?, TRUE, 90, NULL, 600, ?)""").params(main, V1_TIME).update();
        List<Integer> rowsBefore = rowCounts(v7);

        flyway(database, "latest").migrate();

        JdbcClient v9 = JdbcClient.create(database);
        assertThat(appliedVersions(v9)).containsExactlyElementsOf(VERSIONS);
        assertThat(rowCounts(v9)).isEqualTo(rowsBefore);
        assertThat(v9.sql("SELECT kind, oauth_secret_id FROM access_token")
                        .query((rs, n) -> Arrays.asList(rs.getString(1), rs.getString(2)))
                        .single())
                .containsExactly("PERSONAL", null);
        assertThat(v9.sql("SELECT max_token_lifetime_days, max_secret_lifetime_days FROM workspace_setting")
                        .query((rs, n) -> Arrays.asList(rs.getObject(1, Integer.class), rs.getObject(2, Integer.class)))
                        .single())
                .containsExactly(90, null);
        assertThat(v9.sql("SELECT COUNT(*) FROM service_principal_secret")
                        .query(Integer.class)
                        .single())
                .isZero();

        v9.sql("""
                        INSERT INTO service_principal_secret (secret_id, workspace_id, principal_id, secret_hash,
                                                              display_hint, created_by_id, created_at, expires_at)
                        VALUES ('0123456789abcdef0123456789abcdef', ?, ?, ?, 'wdn_…wxyz', ?, ?, ?)""")
                .params(main, robot, "b".repeat(64), alice, V1_TIME, V1_TIME.plusDays(90))
                .update();
        assertThatThrownBy(() -> v9.sql("""
                                INSERT INTO service_principal_secret (secret_id, workspace_id, principal_id,
                                        secret_hash, display_hint, created_by_id, created_at, expires_at)
                                VALUES ('fedcba9876543210fedcba9876543210', ?, ?, ?, 'wdn_…wxyz', ?, ?, ?)""")
                        .params(main, robot, "b".repeat(64), alice, V1_TIME, V1_TIME.plusDays(90))
                        .update())
                .as("the digest is unique")
                .isInstanceOf(DataIntegrityViolationException.class);
        v9.sql("DELETE FROM principal WHERE id = ?").param(robot).update();
        assertThat(v9.sql("SELECT COUNT(*) FROM service_principal_secret")
                        .query(Integer.class)
                        .single())
                .as("gone with its service principal")
                .isZero();
    }

    /**
     * A database of version 7 with users, a service principal, a technical user and a group. Version 10 gives every
     * user workspace-access (each could sign in to the console before) and nobody else any entitlement.
     */
    @Test
    void aVersion7DatabaseGivesEveryUserWorkspaceAccess() {
        DataSource database = newEmptyDatabase();
        assertThat(flyway(database, "7").migrate().targetSchemaVersion).isEqualTo("7");
        JdbcClient v7 = JdbcClient.create(database);
        long main = insertWorkspace(v7, "main");
        long other = insertWorkspace(v7, "other");
        long alice = insertUser(v7, main, "alice");
        long bob = insertUser(v7, other, "bob");
        for (String kind : List.of("SERVICE_PRINCIPAL", "TECHNICAL_USER")) {
            v7.sql("INSERT INTO principal (workspace_id, kind, display_name, active, created_at)"
                            + " VALUES (?, ?, ?, TRUE, ?)")
                    .params(main, kind, kind.toLowerCase(Locale.ROOT), V1_TIME)
                    .update();
        }
        insertGroup(v7, main, "ops");
        List<Integer> rowsBefore = rowCounts(v7);

        flyway(database, "latest").migrate();

        JdbcClient v10 = JdbcClient.create(database);
        assertThat(rowCounts(v10)).isEqualTo(rowsBefore);
        assertThat(v10.sql("SELECT principal_id, workspace_id, entitlement FROM principal_entitlement"
                                + " ORDER BY principal_id")
                        .query((rs, n) -> Arrays.asList(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                        .list())
                .containsExactly(
                        Arrays.asList(alice, main, "workspace-access"), Arrays.asList(bob, other, "workspace-access"));
        assertThat(v10.sql("SELECT COUNT(*) FROM group_entitlement")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private static List<List<Object>> tokenRows(JdbcClient jdbc) {
        return jdbc.sql("""
                        SELECT token_id, workspace_id, secret_hash, display_hint, owner_id, created_by_id, comment,
                               created_at, expires_at, revoked_at, revoked_by_id, last_used_at, last_used_address,
                               last_used_agent
                          FROM access_token ORDER BY token_id""")
                .query((rs, n) -> {
                    List<Object> row = new ArrayList<>();
                    for (int column = 1; column <= 14; column++) {
                        Object value = rs.getObject(column);
                        row.add(
                                value instanceof java.sql.Timestamp ts
                                        ? ts.toLocalDateTime()
                                        : value instanceof Number number ? number.longValue() : value);
                    }
                    return row;
                })
                .list();
    }

    private static Set<String> indexesOf(DataSource dataSource, String table) throws SQLException {
        Set<String> indexes = new TreeSet<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet rs =
                    meta.getIndexInfo(connection.getCatalog(), connection.getSchema(), table, false, false)) {
                while (rs.next()) {
                    if (rs.getString("INDEX_NAME") != null) {
                        indexes.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return indexes;
    }

    private static List<String> appliedVersions(JdbcClient jdbc) {
        return jdbc.sql("SELECT version FROM flyway_schema_history WHERE type = 'SQL' AND success = TRUE"
                        + " ORDER BY installed_rank")
                .query(String.class)
                .list();
    }

    private static List<Integer> rowCounts(JdbcClient jdbc) {
        return List.of(
                        "workspace",
                        "principal",
                        "principal_group",
                        "group_member",
                        "role",
                        "role_grant",
                        "access_token",
                        "access_token_scope",
                        "audit_event")
                .stream()
                .map(table -> jdbc.sql("SELECT COUNT(*) FROM " + table)
                        .query(Integer.class)
                        .single())
                .toList();
    }

    private static long insertGroup(JdbcClient jdbc, long workspace, String displayName) {
        jdbc.sql(
                        "INSERT INTO principal_group (workspace_id, display_name, external_id, created_at) VALUES (?, ?, NULL, ?)")
                .params(workspace, displayName, V1_TIME)
                .update();
        return jdbc.sql("SELECT id FROM principal_group WHERE workspace_id = ? AND display_name = ?")
                .params(workspace, displayName)
                .query(Long.class)
                .single();
    }

    private static long insertWorkspace(JdbcClient jdbc, String name) {
        jdbc.sql("INSERT INTO workspace (name, created_at) VALUES (?, ?)")
                .params(name, V1_TIME)
                .update();
        return jdbc.sql("SELECT id FROM workspace WHERE name = ?")
                .param(name)
                .query(Long.class)
                .single();
    }

    private static long insertUser(JdbcClient jdbc, long workspace, String userName) {
        jdbc.sql("""
                        INSERT INTO principal (workspace_id, kind, user_name, application_id, display_name, active,
                                               password_hash, created_at)
                        VALUES (?, 'USER', ?, NULL, ?, TRUE, '{noop}x', ?)""").params(workspace, userName, "User " + userName, V1_TIME).update();
        return jdbc.sql("SELECT id FROM principal WHERE workspace_id = ? AND user_name = ?")
                .params(workspace, userName)
                .query(Long.class)
                .single();
    }

    private static void insertRole(JdbcClient jdbc, long workspace, long principal, String role, LocalDateTime at) {
        jdbc.sql("INSERT INTO role_assignment (workspace_id, principal_id, role_name, created_at) VALUES (?, ?, ?, ?)")
                .params(workspace, principal, role, at)
                .update();
    }

    protected List<String> tables() throws SQLException {
        return tablesOf(dataSource);
    }

    private static List<String> tablesOf(DataSource dataSource) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet rs =
                    meta.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        return tables;
    }
}
