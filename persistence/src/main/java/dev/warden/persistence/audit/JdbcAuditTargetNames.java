package dev.warden.persistence.audit;

import dev.warden.core.audit.AuditTargetNames;
import dev.warden.core.workspace.WorkspaceId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The names of audit targets, one {@code IN} query per target type: a token's comment; a user's user name and a
 * service principal's (or technical user's) display name, the way the console names principals; a group's display
 * name, a role's name, a registered service's display name (its target id is its name).
 */
@Repository
class JdbcAuditTargetNames implements AuditTargetNames {
    private static final Pattern NUMERIC = Pattern.compile("\\d{1,18}");

    private final JdbcClient jdbc;

    JdbcAuditTargetNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, String> names(WorkspaceId workspace, String targetType, Set<String> ids) {
        return switch (targetType) {
            case "token" ->
                read(
                        "SELECT token_id, comment FROM access_token WHERE workspace_id = :workspace AND token_id IN (:ids)",
                        workspace,
                        ids);
            case "user", "service_principal", "principal" ->
                read(
                        "SELECT id, COALESCE(user_name, display_name) FROM principal"
                                + " WHERE workspace_id = :workspace AND id IN (:ids)",
                        workspace,
                        numeric(ids));
            case "group" ->
                read(
                        "SELECT id, display_name FROM principal_group WHERE workspace_id = :workspace AND id IN (:ids)",
                        workspace,
                        numeric(ids));
            case "role" ->
                read(
                        "SELECT id, name FROM role WHERE workspace_id = :workspace AND id IN (:ids)",
                        workspace,
                        numeric(ids));
            case "service" ->
                read(
                        "SELECT name, display_name FROM registered_service WHERE workspace_id = :workspace AND name IN (:ids)",
                        workspace,
                        ids);
            default -> Map.of();
        };
    }

    /** Ids that could be a row's numeric key; anything else names nothing (and is not sent to the database). */
    private static List<Long> numeric(Set<String> ids) {
        return ids.stream()
                .filter(id -> NUMERIC.matcher(id).matches())
                .map(Long::valueOf)
                .toList();
    }

    private Map<String, String> read(String sql, WorkspaceId workspace, java.util.Collection<?> ids) {
        Map<String, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        jdbc.sql(sql).param("workspace", workspace.value()).param("ids", ids).query((RowCallbackHandler)
                rs -> names.put(rs.getString(1), rs.getString(2)));
        return names;
    }
}
