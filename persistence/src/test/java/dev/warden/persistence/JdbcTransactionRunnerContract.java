package dev.warden.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.RevocationAuthority;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenUse;
import dev.warden.core.token.Tokens;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The real {@link TransactionRunner} bean with real commits (no test-managed transaction): a change and its audit
 * record commit together or not at all. Every check reads through a plain {@link JdbcClient} on its own pooled
 * connection, after the runner has finished, so it sees only what was committed.
 */
@JdbcAdapterTest
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class JdbcTransactionRunnerContract {
    private static final Instant NOW = Instant.parse("2026-07-01T12:00:00.000001Z");

    @Autowired
    private TransactionRunner tx;

    @Autowired
    private TokenRepository tokens;

    @Autowired
    private AuditLog audit;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private RoleRepository roles;

    @Autowired
    private RoleAssignmentRepository grants;

    @Autowired
    private DataSource dataSource;

    private JdbcClient committed;
    private WorkspaceId workspace;
    private PrincipalId alice;

    @BeforeEach
    void givenACommittedWorkspaceWithAUser() {
        committed = JdbcClient.create(dataSource);
        Fixtures fixtures = new Fixtures(workspaces, principals);
        workspace = fixtures.workspace();
        alice = fixtures.user(workspace, "alice");
    }

    private AccessToken aToken() {
        return Tokens.aToken()
                .inWorkspace(workspace)
                .ownedBy(alice)
                .createdAt(NOW)
                .build();
    }

    private AuditEvent created(AccessToken token) {
        return AuditEvent.anonymous(workspace, AuditAction.TOKEN_CREATED, NOW)
                .actor(alice, "alice")
                .target("token", token.id().value())
                .build();
    }

    private int tokenRows(AccessToken token) {
        return committed
                .sql("SELECT COUNT(*) FROM access_token WHERE token_id = ?")
                .param(token.id().value())
                .query(Integer.class)
                .single();
    }

    private int scopeRows(AccessToken token) {
        return committed
                .sql("SELECT COUNT(*) FROM access_token_scope WHERE token_id = ?")
                .param(token.id().value())
                .query(Integer.class)
                .single();
    }

    private int auditRows() {
        return committed
                .sql("SELECT COUNT(*) FROM audit_event WHERE workspace_id = ?")
                .param(workspace.value())
                .query(Integer.class)
                .single();
    }

    @Test
    void theRunnerIsTheJdbcOne() {
        assertThat(tx).isInstanceOf(JdbcTransactionRunner.class);
    }

    @Test
    void workThatCompletesIsCommittedWithItsAuditRecord() {
        AccessToken token = aToken();

        String result = tx.inTransaction(() -> {
            tokens.add(token);
            audit.record(created(token));
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(tokenRows(token)).isEqualTo(1);
        assertThat(scopeRows(token)).isEqualTo(1);
        assertThat(auditRows()).isEqualTo(1);
        assertThat(tokens.findById(workspace, token.id())).isPresent();
        assertThat(audit.recent(workspace, 10)).containsExactly(created(token));
    }

    @Test
    void workThatThrowsLeavesNeitherTheChangeNorItsAuditRecord() {
        AccessToken token = aToken();
        IllegalStateException failure = new IllegalStateException("fails after both writes");

        assertThatThrownBy(() -> tx.inTransaction(() -> {
                    tokens.add(token);
                    audit.record(created(token));
                    assertThat(tokens.findById(workspace, token.id()))
                            .as("visible inside the transaction")
                            .isPresent();
                    throw failure;
                }))
                .isSameAs(failure);

        assertThat(tokenRows(token)).isZero();
        assertThat(scopeRows(token)).isZero();
        assertThat(auditRows()).isZero();
        assertThat(tokens.findById(workspace, token.id())).isEmpty();
        assertThat(audit.recent(workspace, 10)).isEmpty();
    }

    @Test
    void everyKindOfWriteIsRolledBack() {
        AccessToken stored = aToken();
        tokens.add(stored);
        String name = "ws-" + UUID.randomUUID();

        assertThatThrownBy(() -> tx.inTransaction(() -> {
                    workspaces.create(name); // insert with a generated key
                    Role custom = roles.save(Role.custom(workspace, "rolled-back", "", Set.of(Permission.AUDIT_READ)));
                    grants.add(RoleAssignment.toPrincipal(workspace, custom.id(), alice, null)); // plain insert
                    AccessToken loaded = tokens.findById(workspace, stored.id()).orElseThrow();
                    loaded.revoke(alice, RevocationAuthority.OWNER, NOW.plusSeconds(1));
                    tokens.update(loaded); // update
                    // a JDBC batch
                    tokens.recordUses(
                            List.of(new TokenUse(workspace, stored.id(), NOW.plusSeconds(2), "10.0.0.1", "agent")));
                    throw new IllegalStateException("roll back");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(workspaces.findByName(name)).isEmpty();
        assertThat(roles.findByName(workspace, "rolled-back")).isEmpty();
        assertThat(committed
                        .sql("SELECT COUNT(*) FROM role_permission WHERE workspace_id = ?")
                        .param(workspace.value())
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(committed
                        .sql("SELECT COUNT(*) FROM role_grant WHERE principal_id = ?")
                        .param(alice.value())
                        .query(Integer.class)
                        .single())
                .isZero();
        AccessToken after = tokens.findById(workspace, stored.id()).orElseThrow();
        assertThat(after.isRevoked()).isFalse();
        assertThat(after.lastUse()).isNull();
    }

    @Test
    void aNestedCallJoinsTheOuterTransaction() {
        AccessToken token = aToken();

        assertThatThrownBy(() -> tx.inTransaction(() -> {
                    tx.inTransaction(() -> {
                        tokens.add(token);
                        audit.record(created(token));
                    });
                    throw new IllegalStateException("outer fails after the inner call returned");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(tokenRows(token)).isZero();
        assertThat(auditRows()).isZero();
    }

    @Test
    void withoutTheRunnerEachWriteCommitsOnItsOwn() {
        AccessToken token = aToken();

        tokens.add(token);
        try {
            audit.record(AuditEvent.anonymous(new WorkspaceId(Long.MAX_VALUE), AuditAction.TOKEN_CREATED, NOW)
                    .build());
        } catch (RuntimeException foreignKeyViolation) {
            // no such workspace
        }

        assertThat(tokenRows(token))
                .as("the token stays although the audit write failed")
                .isEqualTo(1);
    }
}
