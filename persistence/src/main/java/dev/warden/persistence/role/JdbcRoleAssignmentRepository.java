package dev.warden.persistence.role;

import dev.warden.core.group.GroupId;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentId;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleId;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class JdbcRoleAssignmentRepository implements RoleAssignmentRepository {
    private static final String SELECT =
            "SELECT id, workspace_id, role_id, principal_id, group_id, scope_group_id FROM role_grant"
                    + " WHERE workspace_id = :workspace";

    private final JdbcClient jdbc;

    JdbcRoleAssignmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The foreign keys only say that role, principal and groups exist somewhere; an assignment must not point
     * into another workspace, so that is checked here (the rows' workspace never changes, so the check holds).
     */
    @Override
    public RoleAssignment add(RoleAssignment assignment) {
        WorkspaceId workspace = assignment.workspace();
        requireInWorkspace("role", assignment.role().value(), workspace);
        if (assignment.principal() != null) {
            requireInWorkspace("principal", assignment.principal().value(), workspace);
        }
        if (assignment.group() != null) {
            requireInWorkspace("principal_group", assignment.group().value(), workspace);
        }
        if (assignment.scopeGroup() != null) {
            requireInWorkspace("principal_group", assignment.scopeGroup().value(), workspace);
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO role_grant (workspace_id, role_id, principal_id, group_id, scope_group_id, created_at)"
                        + " VALUES (:workspace, :role, :principal, :group, :scope, :now)")
                .param("workspace", assignment.workspace().value())
                .param("role", assignment.role().value())
                .param(
                        "principal",
                        assignment.principal() == null
                                ? null
                                : assignment.principal().value())
                .param(
                        "group",
                        assignment.group() == null ? null : assignment.group().value())
                .param(
                        "scope",
                        assignment.scopeGroup() == null
                                ? null
                                : assignment.scopeGroup().value())
                .param("now", Times.toDatabase(Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS)))
                .update(key, "id");
        return assignment.withId(new RoleAssignmentId(key.getKey().longValue()));
    }

    private void requireInWorkspace(String table, long id, WorkspaceId workspace) {
        int found = jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", workspace.value())
                .param("id", id)
                .query(Integer.class)
                .single();
        if (found == 0) {
            throw new DataIntegrityViolationException("no " + table + " " + id + " in workspace " + workspace);
        }
    }

    @Override
    public Optional<RoleAssignment> findById(WorkspaceId workspace, RoleAssignmentId id) {
        return jdbc.sql(SELECT + " AND id = :id")
                .param("workspace", workspace.value())
                .param("id", id.value())
                .query(JdbcRoleAssignmentRepository::toAssignment)
                .optional();
    }

    @Override
    public boolean delete(WorkspaceId workspace, RoleAssignmentId id) {
        return jdbc.sql("DELETE FROM role_grant WHERE workspace_id = :workspace AND id = :id")
                        .param("workspace", workspace.value())
                        .param("id", id.value())
                        .update()
                == 1;
    }

    @Override
    public List<RoleAssignment> forAssignees(WorkspaceId workspace, PrincipalId principal, Collection<GroupId> groups) {
        String groupClause = groups.isEmpty() ? "" : " OR group_id IN (:groups)";
        return jdbc.sql(SELECT + " AND (principal_id = :principal" + groupClause + ") ORDER BY id")
                .param("workspace", workspace.value())
                .param("principal", principal.value())
                .param("groups", groups.stream().map(GroupId::value).toList())
                .query(JdbcRoleAssignmentRepository::toAssignment)
                .list();
    }

    @Override
    public List<RoleAssignment> forRole(WorkspaceId workspace, RoleId role) {
        return jdbc.sql(SELECT + " AND role_id = :role ORDER BY id")
                .param("workspace", workspace.value())
                .param("role", role.value())
                .query(JdbcRoleAssignmentRepository::toAssignment)
                .list();
    }

    @Override
    public List<RoleAssignment> list(WorkspaceId workspace) {
        return jdbc.sql(SELECT + " ORDER BY id")
                .param("workspace", workspace.value())
                .query(JdbcRoleAssignmentRepository::toAssignment)
                .list();
    }

    private static RoleAssignment toAssignment(ResultSet rs, int row) throws SQLException {
        return new RoleAssignment(
                new RoleAssignmentId(rs.getLong("id")),
                new WorkspaceId(rs.getLong("workspace_id")),
                new RoleId(rs.getLong("role_id")),
                nullable(rs, "principal_id", PrincipalId::new),
                nullable(rs, "group_id", GroupId::new),
                nullable(rs, "scope_group_id", GroupId::new));
    }

    private static <T> T nullable(ResultSet rs, String column, java.util.function.LongFunction<T> id)
            throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : id.apply(value);
    }
}
