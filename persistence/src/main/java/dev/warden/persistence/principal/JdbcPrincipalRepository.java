package dev.warden.persistence.principal;

import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Times;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcPrincipalRepository implements PrincipalRepository {
    private final PrincipalRowRepository rows;
    private final JdbcClient jdbc;

    JdbcPrincipalRepository(PrincipalRowRepository rows, JdbcClient jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Principal> findById(WorkspaceId workspace, PrincipalId id) {
        return rows.findByWorkspaceIdAndId(workspace.value(), id.value()).map(JdbcPrincipalRepository::toDomain);
    }

    @Override
    public Optional<Principal> findByUserName(WorkspaceId workspace, String userName) {
        return rows.findByWorkspaceIdAndUserName(workspace.value(), userName).map(JdbcPrincipalRepository::toDomain);
    }

    @Override
    public Principal save(Principal principal) {
        Instant createdAt = principal.id() == null
                ? now()
                : rows.findByWorkspaceIdAndId(principal.workspace().value(), principal.id().value())
                        .map(PrincipalRow::createdAt).orElseThrow();
        PrincipalRow saved = rows.save(new PrincipalRow(
                principal.id() == null ? null : principal.id().value(),
                principal.workspace().value(), principal.kind().name(), principal.userName(), null,
                principal.displayName(), principal.active(), principal.passwordHash(), createdAt));
        return toDomain(saved);
    }

    /**
     * The principal must belong to the workspace: the foreign keys check principal and workspace separately,
     * so a plain INSERT would accept a role in one workspace for a principal of another.
     */
    @Override
    public void assignWorkspaceRole(WorkspaceId workspace, PrincipalId principal, String roleName) {
        int inserted = jdbc.sql("""
                        INSERT INTO role_assignment (workspace_id, principal_id, role_name, created_at)
                        SELECT workspace_id, id, :role, :now FROM principal
                         WHERE workspace_id = :workspace AND id = :principal""")
                .param("workspace", workspace.value())
                .param("principal", principal.value())
                .param("role", roleName)
                .param("now", Times.toDatabase(now()))
                .update();
        if (inserted != 1) {
            throw new ResourceNotFoundException("Principal " + principal + " does not exist.");
        }
    }

    private static Instant now() {
        return Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Principal toDomain(PrincipalRow row) {
        return new Principal(new PrincipalId(row.id()), new WorkspaceId(row.workspaceId()),
                PrincipalKind.valueOf(row.kind()), row.userName(), row.displayName(), row.active(), row.passwordHash());
    }
}
