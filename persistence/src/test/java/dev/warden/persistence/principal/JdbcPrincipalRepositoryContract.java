package dev.warden.persistence.principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import java.time.LocalDateTime;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The principal contract against {@link JdbcPrincipalRepository}; each test is rolled back. */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
abstract class JdbcPrincipalRepositoryContract extends PrincipalRepositoryContract {
    @Autowired
    private PrincipalRepository principals;
    @Autowired
    private WorkspaceRepository workspaces;
    @Autowired
    private JdbcClient jdbc;

    @Override
    protected PrincipalRepository principals() {
        return principals;
    }

    @Override
    protected WorkspaceRepository workspaces() {
        return workspaces;
    }

    @Override
    protected void assertRefusedAsDuplicate(ThrowingCallable save) {
        assertThatThrownBy(save).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theAdapterIsTheJdbcOne() {
        assertThat(principals).isInstanceOf(JdbcPrincipalRepository.class);
    }

    @Test
    void assignWorkspaceRoleInsertsARow() {
        Principal alice = principals.save(user(workspace, "alice"));

        principals.assignWorkspaceRole(workspace, alice.id(), "workspace-admin");

        List<String> rows = jdbc.sql("""
                        SELECT role_name FROM role_assignment
                         WHERE workspace_id = ? AND principal_id = ? AND created_at IS NOT NULL""")
                .params(workspace.value(), alice.id().value()).query(String.class).list();
        assertThat(rows).containsExactly("workspace-admin");
    }

    @Test
    void aRoleForAPrincipalOfAnotherWorkspaceLeavesNoRow() {
        Principal alice = principals.save(user(workspace, "alice"));
        WorkspaceId other = newWorkspace();

        try {
            principals.assignWorkspaceRole(other, alice.id(), "workspace-admin");
        } catch (RuntimeException expected) {
            // the contract asserts the refusal; here only the rows count
        }

        assertThat(jdbc.sql("SELECT COUNT(*) FROM role_assignment WHERE principal_id = ?")
                .param(alice.id().value()).query(Integer.class).single()).isZero();
    }

    @Test
    void updateKeepsTheCreationTime() {
        Principal alice = principals.save(user(workspace, "alice"));
        LocalDateTime createdAt = createdAt(alice);

        principals.save(alice.withActive(false));

        assertThat(createdAt(alice)).isEqualTo(createdAt);
    }

    private LocalDateTime createdAt(Principal principal) {
        return jdbc.sql("SELECT created_at FROM principal WHERE id = ?").param(principal.id().value())
                .query((rs, n) -> rs.getObject(1, LocalDateTime.class)).single();
    }
}
