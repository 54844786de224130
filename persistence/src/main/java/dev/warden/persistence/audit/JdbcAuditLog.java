package dev.warden.persistence.audit;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.audit.AuditQuery;
import dev.warden.core.audit.StoredAuditEvent;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Times;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Audit events as rows; details are kept as a JSON object in a TEXT column (H2 mangles the JSON type). An event's
 * subjects are written as one JDBC batch through {@link NamedParameterJdbcOperations#batchUpdate}, the template
 * {@link JdbcClient} runs on, as JdbcClient has no batch API (docs/adr/0001-one-data-access-idiom.md).
 */
@Repository
class JdbcAuditLog implements AuditLog {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> DETAILS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batch;

    JdbcAuditLog(JdbcClient jdbc, NamedParameterJdbcOperations batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    @Override
    public void record(AuditEvent event) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO audit_event (workspace_id, occurred_at, actor_id, actor_name, action,
                                                 target_type, target_id, client_address, details)
                        VALUES (:workspace, :at, :actorId, :actorName, :action, :targetType, :targetId, :address, :details)""")
                .param("workspace", event.workspace().value())
                .param("at", Times.toDatabase(event.occurredAt()))
                .param(
                        "actorId",
                        event.actorId() == null ? null : event.actorId().value())
                .param("actorName", truncate(event.actorName(), 255))
                .param("action", event.action().name())
                .param("targetType", event.targetType())
                .param("targetId", truncate(event.targetId(), 255))
                .param("address", truncate(event.clientAddress(), 64))
                .param("details", JSON.writeValueAsString(event.details()))
                .update(key, "id");
        if (!event.subjects().isEmpty()) {
            long id = key.getKeyAs(Number.class).longValue();
            batch.batchUpdate(
                    "INSERT INTO audit_event_subject (audit_event_id, workspace_id, subject_type, subject_id)"
                            + " VALUES (:id, :workspace, :type, :subject)",
                    event.subjects().stream()
                            .distinct()
                            .map(subject -> new MapSqlParameterSource()
                                    .addValue("id", id)
                                    .addValue("workspace", event.workspace().value())
                                    .addValue("type", event.targetType())
                                    .addValue("subject", subject))
                            .toArray(SqlParameterSource[]::new));
        }
    }

    @Override
    public List<AuditEvent> recent(WorkspaceId workspace, int limit) {
        return read("""
                        SELECT * FROM audit_event WHERE workspace_id = :workspace
                         ORDER BY occurred_at DESC, id DESC LIMIT :limit""", Map.of("workspace", workspace.value(), "limit", limit));
    }

    /** Two indexed lookups (as main target, as subject) rather than an OR across two tables. */
    @Override
    public List<AuditEvent> history(WorkspaceId workspace, String targetType, String targetId, int limit) {
        return read("""
                        SELECT * FROM audit_event WHERE id IN (
                            SELECT id FROM audit_event
                             WHERE workspace_id = :workspace AND target_type = :type AND target_id = :target
                            UNION
                            SELECT audit_event_id FROM audit_event_subject
                             WHERE workspace_id = :workspace AND subject_type = :type AND subject_id = :target)
                         ORDER BY occurred_at DESC, id DESC LIMIT :limit""", params(workspace, targetType, targetId, limit));
    }

    /**
     * Keyset over {@code ix_audit_event_recent (workspace_id, occurred_at, id)}: the filters narrow the walk of that
     * index, and a target id also finds the events listing it as a subject (through {@code ix_audit_event_subject}).
     */
    @Override
    public List<StoredAuditEvent> search(WorkspaceId workspace, AuditQuery query, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_event WHERE workspace_id = :workspace");
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace.value());
        params.put("limit", limit);
        if (query.actorId() != null) {
            sql.append(" AND actor_id = :actorId");
            params.put("actorId", query.actorId().value());
        }
        if (query.action() != null) {
            sql.append(" AND action = :action");
            params.put("action", query.action().name());
        }
        if (query.targetType() != null) {
            sql.append(" AND target_type = :type");
            params.put("type", query.targetType());
        }
        if (query.targetId() != null) {
            sql.append(" AND (target_id = :target OR id IN (SELECT audit_event_id FROM audit_event_subject"
                    + " WHERE workspace_id = :workspace AND subject_id = :target"
                    + (query.targetType() == null ? "" : " AND subject_type = :type")
                    + "))");
            params.put("target", query.targetId());
        }
        if (query.since() != null) {
            sql.append(" AND occurred_at >= :since");
            params.put("since", Times.toDatabase(query.since()));
        }
        if (query.until() != null) {
            sql.append(" AND occurred_at < :until");
            params.put("until", Times.toDatabase(query.until()));
        }
        if (query.after() != null) {
            sql.append(" AND (occurred_at < :afterAt OR (occurred_at = :afterAt AND id < :afterId))");
            params.put("afterAt", Times.toDatabase(query.after().occurredAt()));
            params.put("afterId", query.after().id());
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT :limit");
        return readStored(sql.toString(), params);
    }

    @Override
    public Optional<StoredAuditEvent> find(WorkspaceId workspace, long id) {
        return readStored(
                        "SELECT * FROM audit_event WHERE workspace_id = :workspace AND id = :id",
                        Map.of("workspace", workspace.value(), "id", id))
                .stream()
                .findFirst();
    }

    private static Map<String, Object> params(WorkspaceId workspace, String targetType, String targetId, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace.value());
        params.put("type", targetType);
        params.put("target", targetId);
        params.put("limit", limit);
        return params;
    }

    private List<AuditEvent> read(String sql, Map<String, ?> params) {
        return readStored(sql, params).stream().map(StoredAuditEvent::event).toList();
    }

    private List<StoredAuditEvent> readStored(String sql, Map<String, ?> params) {
        Map<Long, List<String>> subjects = new LinkedHashMap<>();
        List<StoredEvent> rows = jdbc.sql(sql)
                .params(params)
                .query((rs, n) -> {
                    long actorId = rs.getLong("actor_id");
                    boolean noActor = rs.wasNull();
                    String details = rs.getString("details");
                    Map<String, String> map = details == null ? Map.of() : JSON.readValue(details, DETAILS);
                    subjects.put(rs.getLong("id"), new ArrayList<>());
                    return new StoredEvent(
                            rs.getLong("id"),
                            new AuditEvent(
                                    new WorkspaceId(rs.getLong("workspace_id")),
                                    Times.read(rs, "occurred_at"),
                                    noActor ? null : new PrincipalId(actorId),
                                    rs.getString("actor_name"),
                                    AuditAction.valueOf(rs.getString("action")),
                                    rs.getString("target_type"),
                                    rs.getString("target_id"),
                                    rs.getString("client_address"),
                                    map));
                })
                .list();
        if (!subjects.isEmpty()) {
            jdbc.sql("""
                            SELECT audit_event_id, subject_id FROM audit_event_subject
                             WHERE audit_event_id IN (:ids) ORDER BY audit_event_id, subject_id""").param("ids", subjects.keySet()).query((RowCallbackHandler)
                    rs -> subjects.get(rs.getLong(1)).add(rs.getString(2)));
        }
        return rows.stream()
                .map(row -> new StoredAuditEvent(row.id(), withSubjects(row.event(), subjects.get(row.id()))))
                .toList();
    }

    private record StoredEvent(long id, AuditEvent event) {}

    private static AuditEvent withSubjects(AuditEvent event, List<String> subjects) {
        return subjects.isEmpty()
                ? event
                : new AuditEvent(
                        event.workspace(),
                        event.occurredAt(),
                        event.actorId(),
                        event.actorName(),
                        event.action(),
                        event.targetType(),
                        event.targetId(),
                        event.clientAddress(),
                        event.details(),
                        subjects);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
