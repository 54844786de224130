package dev.warden.persistence.role;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.JdbcAdapterTest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The role-assignment contract against {@link JdbcRoleAssignmentRepository}; each test is rolled back. */
@JdbcAdapterTest
abstract class JdbcRoleAssignmentRepositoryContract extends RoleAssignmentRepositoryContract {
    @Autowired
    private RoleAssignmentRepository assignments;

    @Autowired
    private RoleRepository roles;

    @Autowired
    private GroupRepository groups;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private JdbcClient jdbc;

    @Override
    protected RoleAssignmentRepository assignments() {
        return assignments;
    }

    @Override
    protected RoleRepository roles() {
        return roles;
    }

    @Override
    protected GroupRepository groups() {
        return groups;
    }

    @Override
    protected PrincipalRepository principals() {
        return principals;
    }

    @Override
    protected WorkspaceRepository workspaces() {
        return workspaces;
    }

    @Test
    void theAdapterIsTheJdbcOne() {
        assertThat(assignments).isInstanceOf(JdbcRoleAssignmentRepository.class);
    }

    /** DATETIME has no zone: the schema promises UTC wall-clock times, whatever the JVM's zone is. */
    @Test
    void aGrantRowRecordsItsCreationInUtc() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        RoleAssignment grant = toPrincipal(admin, alice, team);
        Instant after = Instant.now();

        LocalDateTime createdAt = jdbc.sql("SELECT created_at FROM role_grant WHERE id = ? AND workspace_id = ?")
                .params(grant.id().value(), workspace.value())
                .query((rs, n) -> rs.getObject(1, LocalDateTime.class))
                .single();

        assertThat(createdAt.toInstant(ZoneOffset.UTC)).isBetween(before, after);
    }
}
