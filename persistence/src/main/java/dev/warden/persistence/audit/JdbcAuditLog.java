package dev.warden.persistence.audit;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Times;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Audit events as rows; details are kept as a JSON object in a TEXT column (H2 mangles the JSON type). */
@Repository
class JdbcAuditLog implements AuditLog {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> DETAILS = new TypeReference<>() { };

    private final JdbcClient jdbc;

    JdbcAuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(AuditEvent event) {
        jdbc.sql("""
                        INSERT INTO audit_event (workspace_id, occurred_at, actor_id, actor_name, action,
                                                 target_type, target_id, client_address, details)
                        VALUES (:workspace, :at, :actorId, :actorName, :action, :targetType, :targetId, :address, :details)""")
                .param("workspace", event.workspace().value())
                .param("at", Times.toDatabase(event.occurredAt()))
                .param("actorId", event.actorId() == null ? null : event.actorId().value())
                .param("actorName", truncate(event.actorName(), 255))
                .param("action", event.action().name())
                .param("targetType", event.targetType())
                .param("targetId", truncate(event.targetId(), 255))
                .param("address", truncate(event.clientAddress(), 64))
                .param("details", JSON.writeValueAsString(event.details()))
                .update();
    }

    @Override
    public List<AuditEvent> recent(WorkspaceId workspace, int limit) {
        return jdbc.sql("""
                        SELECT * FROM audit_event WHERE workspace_id = :workspace
                         ORDER BY occurred_at DESC, id DESC LIMIT :limit""")
                .param("workspace", workspace.value())
                .param("limit", limit)
                .query((rs, n) -> {
                    long actorId = rs.getLong("actor_id");
                    boolean noActor = rs.wasNull();
                    String details = rs.getString("details");
                    Map<String, String> map = details == null ? Map.of() : JSON.readValue(details, DETAILS);
                    return new AuditEvent(new WorkspaceId(rs.getLong("workspace_id")),
                            Times.read(rs, "occurred_at"),
                            noActor ? null : new PrincipalId(actorId), rs.getString("actor_name"),
                            AuditAction.valueOf(rs.getString("action")), rs.getString("target_type"),
                            rs.getString("target_id"), rs.getString("client_address"), map);
                })
                .list();
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
