package dev.warden.persistence.webhook;

import dev.warden.core.event.TokenEventType;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.token.TokenId;
import dev.warden.core.webhook.DeliveryAttempt;
import dev.warden.core.webhook.DueAlert;
import dev.warden.core.webhook.DueDelivery;
import dev.warden.core.webhook.Webhook;
import dev.warden.core.webhook.WebhookRepository;
import dev.warden.core.webhook.WebhookSender;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks in {@code webhook}, deliveries in {@code webhook_delivery}, the log in {@code webhook_attempt}, the alerts
 * on {@code token_event} (see V15). Every read of a webhook is scoped by workspace; the dispatcher's reads span all.
 */
@Repository
class JdbcWebhookRepository implements WebhookRepository {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, workspace_id, url, event_types, enabled, created_at";

    private final JdbcClient jdbc;

    JdbcWebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Webhook> list(WorkspaceId workspace) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook WHERE workspace_id = :workspace ORDER BY id")
                .param("workspace", workspace.value())
                .query((rs, n) -> webhook(rs))
                .list();
    }

    @Override
    public Optional<Webhook> find(WorkspaceId workspace, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", workspace.value())
                .param("id", id)
                .query((rs, n) -> webhook(rs))
                .optional();
    }

    private static Webhook webhook(ResultSet rs) throws SQLException {
        String types = rs.getString(4);
        return new Webhook(
                rs.getLong(1),
                new WorkspaceId(rs.getLong(2)),
                rs.getString(3),
                types.isEmpty() ? List.of() : Arrays.asList(types.split(",")),
                rs.getBoolean(5),
                Times.read(rs, 6));
    }

    @Override
    public Webhook insert(
            WorkspaceId workspace, String url, List<String> eventTypes, boolean enabled, String secret, Instant at) {
        Instant created = at.truncatedTo(ChronoUnit.MICROS);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO webhook (workspace_id, url, event_types, secret, enabled, created_at)"
                        + " VALUES (:workspace, :url, :types, :secret, :enabled, :at)")
                .param("workspace", workspace.value())
                .param("url", url)
                .param("types", String.join(",", eventTypes))
                .param("secret", secret)
                .param("enabled", enabled)
                .param("at", Times.toDatabase(created))
                .update(key, "id");
        return new Webhook(key.getKeyAs(Number.class).longValue(), workspace, url, eventTypes, enabled, created);
    }

    @Override
    public void update(Webhook webhook) {
        jdbc.sql("UPDATE webhook SET url = :url, event_types = :types, enabled = :enabled"
                        + " WHERE workspace_id = :workspace AND id = :id")
                .param("url", webhook.url())
                .param("types", String.join(",", webhook.eventTypes()))
                .param("enabled", webhook.enabled())
                .param("workspace", webhook.workspace().value())
                .param("id", webhook.id())
                .update();
    }

    @Override
    public void updateSecret(WorkspaceId workspace, long id, String secret) {
        jdbc.sql("UPDATE webhook SET secret = :secret WHERE workspace_id = :workspace AND id = :id")
                .param("secret", secret)
                .param("workspace", workspace.value())
                .param("id", id)
                .update();
    }

    @Override
    public void delete(WorkspaceId workspace, long id) {
        // deliveries and their log go by ON DELETE CASCADE
        jdbc.sql("DELETE FROM webhook WHERE workspace_id = :workspace AND id = :id")
                .param("workspace", workspace.value())
                .param("id", id)
                .update();
    }

    @Override
    public Page<DeliveryAttempt> attempts(WorkspaceId workspace, long webhookId, PageRequest page) {
        String from = " FROM webhook_attempt a JOIN webhook w ON w.id = a.webhook_id"
                + " JOIN webhook_delivery d ON d.id = a.delivery_id JOIN token_event e ON e.id = d.event_id"
                + " WHERE w.workspace_id = :workspace AND a.webhook_id = :webhook";
        long total = jdbc.sql("SELECT COUNT(*)" + from)
                .param("workspace", workspace.value())
                .param("webhook", webhookId)
                .query(Long.class)
                .single();
        List<DeliveryAttempt> items = jdbc.sql("SELECT e.message_id, e.type, a.attempt, a.attempted_at, a.status_code,"
                        + " a.error, a.next_attempt_at, d.status" + from
                        + " ORDER BY a.attempted_at DESC, a.id DESC LIMIT :limit OFFSET :offset")
                .param("workspace", workspace.value())
                .param("webhook", webhookId)
                .param("limit", page.limit())
                .param("offset", page.offset())
                .query((rs, n) -> {
                    int code = rs.getInt(5);
                    Integer status = rs.wasNull() ? null : code;
                    return new DeliveryAttempt(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getInt(3),
                            Times.read(rs, 4),
                            status,
                            rs.getString(6),
                            Times.read(rs, 7),
                            rs.getString(8));
                })
                .list();
        return new Page<>(items, total, page);
    }

    @Override
    public DueDelivery queueTest(Webhook webhook, String messageId, String payload, Instant at) {
        Object when = Times.toDatabase(at.truncatedTo(ChronoUnit.MICROS));
        KeyHolder event = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO token_event (message_id, workspace_id, type, token_id, occurred_at, payload,"
                        + " alert_state, alert_attempts, alert_next_at)"
                        + " VALUES (:message, :workspace, 'webhook.test', NULL, :at, :payload, 'NONE', 0, NULL)")
                .param("message", messageId)
                .param("workspace", webhook.workspace().value())
                .param("at", when)
                .param("payload", payload)
                .update(event, "id");
        KeyHolder delivery = new GeneratedKeyHolder();
        // no next_attempt_at: the test is tried once, at once, by the caller, never by the dispatcher
        jdbc.sql("INSERT INTO webhook_delivery (webhook_id, event_id, status, attempts, next_attempt_at)"
                        + " VALUES (:webhook, :event, 'PENDING', 0, NULL)")
                .param("webhook", webhook.id())
                .param("event", event.getKeyAs(Number.class).longValue())
                .update(delivery, "id");
        String secret = jdbc.sql("SELECT secret FROM webhook WHERE id = :id")
                .param("id", webhook.id())
                .query(String.class)
                .single();
        return new DueDelivery(
                delivery.getKeyAs(Number.class).longValue(),
                webhook.id(),
                webhook.url(),
                secret,
                messageId,
                "webhook.test",
                payload,
                0);
    }

    @Override
    public List<DueDelivery> dueDeliveries(Instant now, int limit) {
        return jdbc.sql("SELECT d.id, w.id, w.url, w.secret, e.message_id, e.type, e.payload, d.attempts"
                        + " FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id"
                        + " JOIN token_event e ON e.id = d.event_id"
                        + " WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now AND w.enabled = TRUE"
                        + " ORDER BY d.next_attempt_at, d.id LIMIT :limit")
                .param("now", Times.toDatabase(now))
                .param("limit", limit)
                .query((rs, n) -> new DueDelivery(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getInt(8)))
                .list();
    }

    @Override
    public void recordAttempt(
            DueDelivery delivery,
            int attempt,
            Instant at,
            WebhookSender.Outcome outcome,
            Instant nextAttemptAt,
            String status) {
        Object next = nextAttemptAt == null ? null : Times.toDatabase(nextAttemptAt.truncatedTo(ChronoUnit.MICROS));
        String error = outcome.error();
        jdbc.sql("INSERT INTO webhook_attempt (delivery_id, webhook_id, attempt, attempted_at, status_code, error,"
                        + " next_attempt_at) VALUES (:delivery, :webhook, :attempt, :at, :code, :error, :next)")
                .param("delivery", delivery.id())
                .param("webhook", delivery.webhookId())
                .param("attempt", attempt)
                .param("at", Times.toDatabase(at.truncatedTo(ChronoUnit.MICROS)))
                .param("code", outcome.statusCode())
                .param("error", error == null || error.length() <= 100 ? error : error.substring(0, 100))
                .param("next", next)
                .update();
        jdbc.sql("UPDATE webhook_delivery SET attempts = :attempt, status = :status, next_attempt_at = :next"
                        + " WHERE id = :id")
                .param("attempt", attempt)
                .param("status", status)
                .param("next", next)
                .param("id", delivery.id())
                .update();
    }

    @Override
    public List<DueAlert> dueAlerts(Instant now, int limit) {
        return jdbc.sql("SELECT id, workspace_id, type, token_id, occurred_at, payload, alert_attempts"
                        + " FROM token_event WHERE alert_state = 'PENDING' AND alert_next_at <= :now"
                        + " ORDER BY alert_next_at, id LIMIT :limit")
                .param("now", Times.toDatabase(now))
                .param("limit", limit)
                .query((rs, n) -> new DueAlert(
                        rs.getLong(1),
                        new WorkspaceId(rs.getLong(2)),
                        type(rs.getString(3)),
                        new TokenId(rs.getString(4)),
                        Times.read(rs, 5),
                        data(rs.getString(6)),
                        rs.getInt(7)))
                .list();
    }

    private static TokenEventType type(String type) {
        return Arrays.stream(TokenEventType.values())
                .filter(t -> t.type().equals(type))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown event type in token_event: " + type));
    }

    /** The payload's {@code data}, every value as text. */
    private static Map<String, String> data(String payload) {
        Map<String, String> data = new LinkedHashMap<>();
        JsonNode node = JSON.readTree(payload).path("data");
        for (var field : node.properties()) {
            data.put(
                    field.getKey(),
                    field.getValue().isString()
                            ? field.getValue().asString()
                            : field.getValue().toString());
        }
        return data;
    }

    @Override
    public void recordAlert(long eventId, int attempts, Instant nextAttemptAt, String state) {
        jdbc.sql("UPDATE token_event SET alert_attempts = :attempts, alert_state = :state, alert_next_at = :next"
                        + " WHERE id = :id")
                .param("attempts", attempts)
                .param("state", state)
                .param("next", nextAttemptAt == null ? null : Times.toDatabase(nextAttemptAt))
                .param("id", eventId)
                .update();
    }

    @Override
    public int prune(Instant before, int limit) {
        // two statements rather than DELETE … IN (SELECT … LIMIT), which MySQL refuses; the foreign keys take the
        // deliveries and their log with each event
        List<Long> done = jdbc.sql("SELECT e.id FROM token_event e WHERE e.occurred_at < :before"
                        + " AND e.alert_state <> 'PENDING'"
                        + " AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.event_id = e.id"
                        + " AND d.status = 'PENDING')"
                        + " ORDER BY e.occurred_at LIMIT :limit")
                .param("before", Times.toDatabase(before))
                .param("limit", limit)
                .query(Long.class)
                .list();
        if (done.isEmpty()) {
            return 0;
        }
        return jdbc.sql("DELETE FROM token_event WHERE id IN (:ids)")
                .param("ids", done)
                .update();
    }
}
