package dev.warden.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.audit.AuditTargetNames;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import dev.warden.persistence.JdbcAdapterTest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit contract against {@link JdbcAuditLog}; each test is rolled back. */
@JdbcAdapterTest
abstract class JdbcAuditLogContract extends AuditLogContract {
    @Autowired
    private AuditLog audit;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private AuditTargetNames names;

    @Autowired
    private GroupRepository groups;

    @Override
    protected AuditLog audit() {
        return audit;
    }

    @Override
    protected Fixtures fixtures() {
        return new Fixtures(workspaces, principals);
    }

    @Test
    void theAdapterIsTheJdbcOne() {
        assertThat(audit).isInstanceOf(JdbcAuditLog.class);
    }

    @Test
    void detailsAreStoredAsAJsonObjectInText() {
        audit.record(byAlice(AuditAction.TOKEN_CREATED, T0)
                .detail("scopes", "all-apis")
                .detail("n", 2)
                .build());

        assertThat(jdbc.sql("SELECT details FROM audit_event WHERE workspace_id = ?")
                        .param(workspace.value())
                        .query(String.class)
                        .single())
                .isEqualTo("{\"scopes\":\"all-apis\",\"n\":\"2\"}");
    }

    @Test
    void tooLongFreeTextIsCutToTheColumnSize() {
        String longName = "n".repeat(300);
        audit.record(AuditEvent.anonymous(workspace, AuditAction.LOGIN_FAILED, T0)
                .actor(null, longName)
                .target("principal", "t".repeat(300))
                .clientAddress("a".repeat(100))
                .build());

        AuditEvent read = audit.recent(workspace, 1).get(0);
        assertThat(read.actorName()).hasSize(255);
        assertThat(read.targetId()).hasSize(255);
        assertThat(read.clientAddress()).hasSize(64);
    }

    @Test
    void targetNamesAreReadPerTypeForExistingTargetsOfTheWorkspaceOnly() {
        Fixtures fixtures = new Fixtures(workspaces, principals, groups);
        PrincipalId robot = fixtures.servicePrincipal(workspace, "Deploy robot");
        String ops = fixtures.group(workspace, "ops").toString();
        WorkspaceId other = fixtures.workspace();
        String theirs = fixtures.group(other, "theirs").toString();
        String user = alice.toString();

        assertThat(names.names(workspace, "user", Set.of(user, "999999999", "not-a-number")))
                .isEqualTo(Map.of(user, "alice"));
        assertThat(names.names(workspace, "service_principal", Set.of(robot.toString())))
                .isEqualTo(Map.of(robot.toString(), "Deploy robot"));
        assertThat(names.names(workspace, "group", Set.of(ops, theirs))).isEqualTo(Map.of(ops, "ops"));
        assertThat(names.names(workspace, "token", Set.of("no-such-token"))).isEmpty();
        assertThat(names.names(workspace, "workspace", Set.of(workspace.toString())))
                .isEmpty();
    }
}
