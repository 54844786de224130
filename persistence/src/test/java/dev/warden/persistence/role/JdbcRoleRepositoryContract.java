package dev.warden.persistence.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.group.GroupRepository;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import dev.warden.persistence.JdbcAdapterTest;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The role contract against {@link JdbcRoleRepository}; each test is rolled back. Adds what only rows can show:
 * permission rows exist for custom roles only, carry the workspace, and go with the role and its grants.
 */
@JdbcAdapterTest
abstract class JdbcRoleRepositoryContract extends RoleRepositoryContract {
    @Autowired
    private RoleRepository roles;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private GroupRepository groups;

    @Autowired
    private RoleAssignmentRepository assignments;

    @Autowired
    private JdbcClient jdbc;

    @Override
    protected RoleRepository roles() {
        return roles;
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

    @Override
    protected RoleAssignmentRepository assignments() {
        return assignments;
    }

    @Override
    protected void assertRefusedAsDuplicate(ThrowingCallable save) {
        assertThatThrownBy(save).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theAdapterIsTheJdbcOne() {
        assertThat(roles).isInstanceOf(JdbcRoleRepository.class);
    }

    @Test
    void builtInRolesHaveNoPermissionRowsTheirPermissionsComeFromCode() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM role_permission WHERE workspace_id = ?")
                        .param(workspace.value())
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM role WHERE workspace_id = ? AND built_in = TRUE")
                        .param(workspace.value())
                        .query(Integer.class)
                        .single())
                .isEqualTo(5);
    }

    @Test
    void aCustomRoleHasOnePermissionRowPerPermissionCarryingTheWorkspace() {
        Role role = custom("operator", Permission.TOKENS_READ, Permission.TOKEN_MANAGEMENT_WRITE);

        assertThat(permissionRows(role)).containsExactly("token-management:write", "tokens:read");
        assertThat(jdbc.sql("SELECT DISTINCT workspace_id FROM role_permission WHERE role_id = ?")
                        .param(role.id().value())
                        .query(Long.class)
                        .list())
                .containsExactly(workspace.value());
    }

    @Test
    void saveOfABuiltInRoleWritesNoRows() {
        Role auditor = builtIn(BuiltInRole.AUDITOR);

        try {
            roles.save(auditor.edited("auditor", "changed", Set.copyOf(Permission.warden())));
        } catch (RuntimeException refused) {
            // refusing is fine
        }

        assertThat(permissionRows(auditor)).isEmpty();
        assertThat(jdbc.sql("SELECT description FROM role WHERE id = ?")
                        .param(auditor.id().value())
                        .query(String.class)
                        .single())
                .isEqualTo(BuiltInRole.AUDITOR.description());
    }

    @Test
    void saveFromAnotherWorkspaceWritesNoRows() {
        Role operator = custom("operator", Permission.ROLES_WRITE);
        WorkspaceId other = newWorkspace();

        try {
            roles.save(new Role(
                    operator.id(),
                    other,
                    "operator",
                    "",
                    false,
                    Set.of(Permission.TOKENS_READ, Permission.AUDIT_READ)));
        } catch (RuntimeException refused) {
            // refusing is fine
        }

        assertThat(permissionRows(operator)).containsExactly("roles:write");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM role_permission WHERE workspace_id = ?")
                        .param(other.value())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void deleteLeavesNoPermissionOrGrantRowOfTheRole() {
        PrincipalId alice = new Fixtures(workspaces, principals).user(workspace, "alice");
        Role operator = custom("operator", Permission.TOKENS_READ, Permission.AUDIT_READ);
        Role kept = custom("kept", Permission.TOKENS_READ);
        assignments.add(RoleAssignment.toPrincipal(workspace, operator.id(), alice, null));

        assertThat(roles.delete(workspace, operator.id())).isTrue();

        assertThat(permissionRows(operator)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM role_grant WHERE role_id = ?")
                        .param(operator.id().value())
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(permissionRows(kept)).containsExactly("tokens:read");
    }

    @Test
    void anUnknownStoredPermissionIsSkippedNotFatal() {
        Role operator = custom("operator", Permission.TOKENS_READ);
        jdbc.sql("INSERT INTO role_permission (role_id, workspace_id, permission) VALUES (?, ?, 'retired:thing')")
                .params(operator.id().value(), workspace.value())
                .update();

        assertThat(roles.findById(workspace, operator.id()))
                .get()
                .satisfies(r -> assertThat(r.permissions()).containsExactly(Permission.TOKENS_READ));
        assertThat(roles.list(workspace)).hasSize(6);
    }

    private List<String> permissionRows(Role role) {
        return jdbc.sql("SELECT permission FROM role_permission WHERE role_id = ? ORDER BY permission")
                .param(role.id().value())
                .query(String.class)
                .list();
    }
}
