package dev.warden.persistence.service;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.service.RegisteredService;
import dev.warden.core.service.ServiceId;
import dev.warden.core.service.ServiceRepository;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Times;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Registered services with their scopes in one query. */
@Repository
class JdbcServiceRepository implements ServiceRepository {
    private static final String SELECT = """
            SELECT s.id, s.name, s.display_name, s.principal_id, c.scope, c.description
              FROM registered_service s LEFT JOIN service_scope c ON c.service_id = s.id
             WHERE s.workspace_id = :workspace""";

    private final JdbcClient jdbc;

    JdbcServiceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Permission> inWorkspace(WorkspaceId workspace) {
        return jdbc.sql("""
                        SELECT s.name, c.scope, c.description
                          FROM service_scope c JOIN registered_service s ON s.id = c.service_id
                         WHERE c.workspace_id = :workspace ORDER BY c.scope""")
                .param("workspace", workspace.value())
                .query((rs, n) ->
                        Permission.ofService(rs.getString("name"), rs.getString("scope"), rs.getString("description")))
                .list();
    }

    @Override
    public RegisteredService insert(RegisteredService service) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO registered_service (workspace_id, name, display_name, principal_id, created_at)"
                        + " VALUES (:workspace, :name, :displayName, :principal, :now)")
                .param("workspace", service.workspace().value())
                .param("name", service.name())
                .param("displayName", service.displayName())
                .param("principal", service.servicePrincipal().value())
                .param("now", Times.toDatabase(Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS)))
                .update(key, "id");
        RegisteredService saved = service.withId(new ServiceId(key.getKey().longValue()));
        putScopes(saved.workspace(), saved.id(), saved.scopes());
        return saved;
    }

    @Override
    public void rename(WorkspaceId workspace, ServiceId id, String displayName) {
        jdbc.sql(
                        "UPDATE registered_service SET display_name = :displayName WHERE workspace_id = :workspace AND id = :id")
                .param("displayName", displayName)
                .param("workspace", workspace.value())
                .param("id", id.value())
                .update();
    }

    @Override
    public void putScopes(WorkspaceId workspace, ServiceId id, Collection<Permission> scopes) {
        for (Permission scope : scopes) {
            int updated = jdbc.sql("UPDATE service_scope SET description = :description"
                            + " WHERE workspace_id = :workspace AND service_id = :id AND scope = :scope")
                    .param("description", scope.description())
                    .param("workspace", workspace.value())
                    .param("id", id.value())
                    .param("scope", scope.key())
                    .update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO service_scope (service_id, workspace_id, scope, description)"
                                + " VALUES (:id, :workspace, :scope, :description)")
                        .param("id", id.value())
                        .param("workspace", workspace.value())
                        .param("scope", scope.key())
                        .param("description", scope.description())
                        .update();
            }
        }
    }

    @Override
    public void removeScopes(WorkspaceId workspace, ServiceId id, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM service_scope WHERE workspace_id = :workspace AND service_id = :id AND scope IN (:keys)")
                .param("workspace", workspace.value())
                .param("id", id.value())
                .param("keys", List.copyOf(keys))
                .update();
    }

    /** Its scopes go with it (ON DELETE CASCADE). */
    @Override
    public boolean delete(WorkspaceId workspace, ServiceId id) {
        return jdbc.sql("DELETE FROM registered_service WHERE workspace_id = :workspace AND id = :id")
                        .param("workspace", workspace.value())
                        .param("id", id.value())
                        .update()
                == 1;
    }

    @Override
    public Optional<RegisteredService> findById(WorkspaceId workspace, ServiceId id) {
        return select(" AND s.id = :value", id.value(), workspace).stream().findFirst();
    }

    @Override
    public Optional<RegisteredService> findByName(WorkspaceId workspace, String name) {
        return select(" AND s.name = :value", name, workspace).stream().findFirst();
    }

    @Override
    public Optional<RegisteredService> findByServicePrincipal(WorkspaceId workspace, PrincipalId servicePrincipal) {
        return select(" AND s.principal_id = :value", servicePrincipal.value(), workspace).stream()
                .findFirst();
    }

    @Override
    public List<RegisteredService> list(WorkspaceId workspace) {
        return select(" AND 1 = :value ORDER BY s.name, c.scope", 1, workspace);
    }

    private List<RegisteredService> select(String rest, Object value, WorkspaceId workspace) {
        Map<Long, Row> rows = new LinkedHashMap<>();
        jdbc.sql(SELECT + rest)
                .param("workspace", workspace.value())
                .param("value", value)
                .query((RowCallbackHandler) rs -> {
                    Row row = rows.computeIfAbsent(rs.getLong("id"), k -> new Row());
                    row.id = rs.getLong("id");
                    row.name = rs.getString("name");
                    row.displayName = rs.getString("display_name");
                    row.principal = rs.getLong("principal_id");
                    String scope = rs.getString("scope");
                    if (scope != null) {
                        row.scopes.add(Permission.ofService(row.name, scope, rs.getString("description")));
                    }
                });
        return rows.values().stream()
                .map(row -> new RegisteredService(
                        new ServiceId(row.id),
                        workspace,
                        row.name,
                        row.displayName,
                        new PrincipalId(row.principal),
                        row.scopes))
                .toList();
    }

    private static final class Row {
        long id;
        String name;
        String displayName;
        long principal;
        final List<Permission> scopes = new ArrayList<>();
    }
}
