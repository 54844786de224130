package dev.warden.persistence.entitlement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.entitlement.Entitlement;
import dev.warden.core.entitlement.EntitlementRepository;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.JdbcAdapterTest;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The entitlement contract against {@link JdbcEntitlementRepository}; each test is rolled back. */
@JdbcAdapterTest
abstract class JdbcEntitlementRepositoryContract extends EntitlementRepositoryContract {
    @Autowired
    private EntitlementRepository entitlements;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private GroupRepository groups;

    @Autowired
    private JdbcClient jdbc;

    @Override
    protected EntitlementRepository entitlements() {
        return entitlements;
    }

    @Override
    protected WorkspaceRepository workspaces() {
        return workspaces;
    }

    @Override
    protected PrincipalRepository principals() {
        return principals;
    }

    @Override
    protected GroupRepository groups() {
        return groups;
    }

    @Test
    void theAdapterIsTheJdbcOne() {
        assertThat(entitlements).isInstanceOf(JdbcEntitlementRepository.class);
    }

    @Test
    void rowsHoldTheScimValueAndAValueWardenNoLongerKnowsIsSkipped() {
        entitlements.replace(workspace, alice, Set.of(Entitlement.WORKSPACE_ACCESS));
        jdbc.sql("INSERT INTO principal_entitlement (principal_id, workspace_id, entitlement) VALUES (?, ?, ?)")
                .params(alice.value(), workspace.value(), "retired-entitlement")
                .update();

        assertThat(jdbc.sql("SELECT entitlement FROM principal_entitlement WHERE principal_id = ? ORDER BY 1")
                        .param(alice.value())
                        .query(String.class)
                        .list())
                .containsExactly("retired-entitlement", "workspace-access");
        assertThat(entitlements.of(workspace, alice)).containsExactly(Entitlement.WORKSPACE_ACCESS);
    }
}
