package dev.warden.persistence.entitlement;

import dev.warden.core.entitlement.Entitlement;
import dev.warden.core.entitlement.EntitlementRepository;
import dev.warden.core.group.GroupId;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Entitlements in {@code principal_entitlement} and {@code group_entitlement}, stored by their SCIM value
 * ({@code workspace-access}); a value no longer known to Warden is skipped when read. A replace writes only into
 * rows of a principal or group of the same workspace, so a forged id of another workspace changes nothing.
 */
@Repository
class JdbcEntitlementRepository implements EntitlementRepository {
    private final JdbcClient jdbc;

    JdbcEntitlementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(long owner, String value) {}

    @Override
    public Map<PrincipalId, Set<Entitlement>> ofPrincipals(WorkspaceId workspace, Collection<PrincipalId> ids) {
        Map<PrincipalId, Set<Entitlement>> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        for (Row row : jdbc.sql("SELECT principal_id, entitlement FROM principal_entitlement"
                        + " WHERE workspace_id = :workspace AND principal_id IN (:ids)")
                .param("workspace", workspace.value())
                .param("ids", ids.stream().map(PrincipalId::value).distinct().toList())
                .query((rs, n) -> new Row(rs.getLong("principal_id"), rs.getString("entitlement")))
                .list()) {
            known(row.value())
                    .ifPresent(entitlement -> found.computeIfAbsent(
                                    new PrincipalId(row.owner()), id -> EnumSet.noneOf(Entitlement.class))
                            .add(entitlement));
        }
        return found;
    }

    @Override
    public Map<GroupId, Set<Entitlement>> ofGroups(WorkspaceId workspace, Collection<GroupId> ids) {
        Map<GroupId, Set<Entitlement>> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        for (Row row : jdbc.sql("SELECT group_id, entitlement FROM group_entitlement"
                        + " WHERE workspace_id = :workspace AND group_id IN (:ids)")
                .param("workspace", workspace.value())
                .param("ids", ids.stream().map(GroupId::value).distinct().toList())
                .query((rs, n) -> new Row(rs.getLong("group_id"), rs.getString("entitlement")))
                .list()) {
            known(row.value())
                    .ifPresent(entitlement -> found.computeIfAbsent(
                                    new GroupId(row.owner()), id -> EnumSet.noneOf(Entitlement.class))
                            .add(entitlement));
        }
        return found;
    }

    @Override
    public void replace(WorkspaceId workspace, PrincipalId principal, Set<Entitlement> entitlements) {
        jdbc.sql("DELETE FROM principal_entitlement WHERE workspace_id = :workspace AND principal_id = :id")
                .param("workspace", workspace.value())
                .param("id", principal.value())
                .update();
        for (Entitlement entitlement : entitlements) {
            jdbc.sql("""
                            INSERT INTO principal_entitlement (principal_id, workspace_id, entitlement)
                            SELECT id, workspace_id, :entitlement FROM principal
                             WHERE workspace_id = :workspace AND id = :id""")
                    .param("entitlement", entitlement.value())
                    .param("workspace", workspace.value())
                    .param("id", principal.value())
                    .update();
        }
    }

    @Override
    public void replace(WorkspaceId workspace, GroupId group, Set<Entitlement> entitlements) {
        jdbc.sql("DELETE FROM group_entitlement WHERE workspace_id = :workspace AND group_id = :id")
                .param("workspace", workspace.value())
                .param("id", group.value())
                .update();
        for (Entitlement entitlement : entitlements) {
            jdbc.sql("""
                            INSERT INTO group_entitlement (group_id, workspace_id, entitlement)
                            SELECT id, workspace_id, :entitlement FROM principal_group
                             WHERE workspace_id = :workspace AND id = :id""")
                    .param("entitlement", entitlement.value())
                    .param("workspace", workspace.value())
                    .param("id", group.value())
                    .update();
        }
    }

    /** One statement: the principal's own entitlement, or one of a group it is a direct member of. */
    @Override
    public boolean holds(WorkspaceId workspace, PrincipalId principal, Entitlement entitlement) {
        List<Integer> found = jdbc.sql("""
                        SELECT 1 FROM principal_entitlement
                         WHERE workspace_id = :workspace AND principal_id = :id AND entitlement = :entitlement
                        UNION ALL
                        SELECT 1 FROM group_entitlement e
                          JOIN group_member m ON m.group_id = e.group_id AND m.workspace_id = e.workspace_id
                         WHERE e.workspace_id = :workspace AND m.principal_id = :id AND e.entitlement = :entitlement""")
                .param("workspace", workspace.value())
                .param("id", principal.value())
                .param("entitlement", entitlement.value())
                .query(Integer.class)
                .list();
        return !found.isEmpty();
    }

    private static Optional<Entitlement> known(String value) {
        for (Entitlement entitlement : Entitlement.values()) {
            if (entitlement.value().equals(value)) {
                return Optional.of(entitlement);
            }
        }
        return Optional.empty();
    }
}
