package dev.warden.persistence.role;

import dev.warden.core.permission.Permission;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleId;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Times;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Roles with their permissions in one query. Built-in rows hold no permission rows: core knows theirs. A custom role's
 * permission is one of Warden's own or a registered service's scope; a key neither knows any more grants nothing.
 */
@Repository
class JdbcRoleRepository implements RoleRepository {
    private static final String SELECT = """
            SELECT r.id, r.workspace_id, r.name, r.description, r.built_in, p.permission,
                   s.name AS service_name, c.description AS scope_description
              FROM role r LEFT JOIN role_permission p ON p.role_id = r.id
                   LEFT JOIN service_scope c ON c.workspace_id = r.workspace_id AND c.scope = p.permission
                   LEFT JOIN registered_service s ON s.id = c.service_id
             WHERE r.workspace_id = :workspace""";

    private final JdbcClient jdbc;

    JdbcRoleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void seedBuiltIns(WorkspaceId workspace) {
        for (BuiltInRole role : BuiltInRole.values()) {
            jdbc.sql("INSERT INTO role (workspace_id, name, description, built_in, created_at)"
                            + " VALUES (:workspace, :name, :description, TRUE, :now)")
                    .param("workspace", workspace.value())
                    .param("name", role.roleName())
                    .param("description", role.description())
                    .param("now", Times.toDatabase(now()))
                    .update();
        }
    }

    @Override
    public Optional<Role> findById(WorkspaceId workspace, RoleId id) {
        return select(" AND r.id = :id", Map.of("id", id.value()), workspace).stream()
                .findFirst();
    }

    @Override
    public Optional<Role> findByName(WorkspaceId workspace, String name) {
        return select(" AND r.name = :name", Map.of("name", name), workspace).stream()
                .findFirst();
    }

    @Override
    public List<Role> list(WorkspaceId workspace) {
        return select(" ORDER BY r.built_in DESC, r.name, r.id", Map.of(), workspace);
    }

    /** Inserts a custom role (id null) or updates a custom role of its workspace; built-in rows stay as they are. */
    @Override
    public Role save(Role role) {
        Role saved = role;
        if (role.id() == null) {
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO role (workspace_id, name, description, built_in, created_at)"
                            + " VALUES (:workspace, :name, :description, FALSE, :now)")
                    .param("workspace", role.workspace().value())
                    .param("name", role.name())
                    .param("description", role.description())
                    .param("now", Times.toDatabase(now()))
                    .update(key, "id");
            saved = role.withId(new RoleId(key.getKey().longValue()));
        } else {
            int updated = jdbc.sql("UPDATE role SET name = :name, description = :description"
                            + " WHERE workspace_id = :workspace AND id = :id AND built_in = FALSE")
                    .param("name", role.name())
                    .param("description", role.description())
                    .param("workspace", role.workspace().value())
                    .param("id", role.id().value())
                    .update();
            if (updated == 0) {
                // a built-in role, or no role of this workspace: its permission rows are not ours to touch
                // (role_permission's key does not include the workspace, so they would attach to the role anyway)
                return role;
            }
            jdbc.sql("DELETE FROM role_permission WHERE workspace_id = :workspace AND role_id = :id")
                    .param("workspace", role.workspace().value())
                    .param("id", role.id().value())
                    .update();
        }
        for (Permission permission : role.permissions()) {
            jdbc.sql(
                            "INSERT INTO role_permission (role_id, workspace_id, permission) VALUES (:id, :workspace, :permission)")
                    .param("id", saved.id().value())
                    .param("workspace", role.workspace().value())
                    .param("permission", permission.key())
                    .update();
        }
        return saved;
    }

    @Override
    public int removePermissions(WorkspaceId workspace, Collection<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        List<Long> roles = jdbc.sql("SELECT DISTINCT role_id FROM role_permission"
                        + " WHERE workspace_id = :workspace AND permission IN (:keys)")
                .param("workspace", workspace.value())
                .param("keys", List.copyOf(keys))
                .query(Long.class)
                .list();
        jdbc.sql("DELETE FROM role_permission WHERE workspace_id = :workspace AND permission IN (:keys)")
                .param("workspace", workspace.value())
                .param("keys", List.copyOf(keys))
                .update();
        return roles.size();
    }

    /** Its permission rows and assignments go with it (ON DELETE CASCADE). Built-in roles are never deleted. */
    @Override
    public boolean delete(WorkspaceId workspace, RoleId id) {
        return jdbc.sql("DELETE FROM role WHERE workspace_id = :workspace AND id = :id AND built_in = FALSE")
                        .param("workspace", workspace.value())
                        .param("id", id.value())
                        .update()
                == 1;
    }

    private List<Role> select(String rest, Map<String, Object> params, WorkspaceId workspace) {
        Map<Long, RoleRow> rows = new LinkedHashMap<>();
        jdbc.sql(SELECT + rest)
                .param("workspace", workspace.value())
                .params(params)
                .query((RowCallbackHandler) rs -> {
                    RoleRow row = rows.computeIfAbsent(rs.getLong("id"), id -> new RoleRow());
                    if (row.name == null) {
                        row.id = rs.getLong("id");
                        row.name = rs.getString("name");
                        row.description = rs.getString("description");
                        row.builtIn = rs.getBoolean("built_in");
                    }
                    String permission = rs.getString("permission");
                    if (permission != null) {
                        String service = rs.getString("service_name");
                        String description = rs.getString("scope_description");
                        Permission.fromKey(permission)
                                .or(() -> Optional.ofNullable(service)
                                        .map(name -> Permission.ofService(name, permission, description)))
                                .ifPresent(row.permissions::add);
                    }
                });
        return rows.values().stream()
                .map(row -> new Role(
                        new RoleId(row.id),
                        workspace,
                        row.name,
                        row.description,
                        row.builtIn,
                        row.builtIn ? builtInPermissions(row.name) : row.permissions))
                .toList();
    }

    private static Set<Permission> builtInPermissions(String name) {
        return BuiltInRole.named(name).map(BuiltInRole::permissions).orElse(Set.of());
    }

    private static Instant now() {
        return Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static final class RoleRow {
        long id;
        String name;
        String description;
        boolean builtIn;
        final Set<Permission> permissions = new TreeSet<>();
    }
}
