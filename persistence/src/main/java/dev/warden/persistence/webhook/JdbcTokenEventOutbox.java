package dev.warden.persistence.webhook;

import dev.warden.core.event.TokenEvent;
import dev.warden.core.event.TokenEventType;
import dev.warden.core.event.TokenEvents;
import dev.warden.persistence.Times;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox behind {@link TokenEvents}: {@link #publish} writes the event ({@code token_event}) and one pending
 * delivery per enabled webhook of the workspace that takes its type ({@code webhook_delivery}), in the caller's
 * transaction, so an event exists exactly when its change committed. An event that no webhook takes and that raises
 * no e-mail alert is not stored at all.
 *
 * <p>Message ids are {@code msg_} and a random UUID, except the notices' events ({@code token.expiring}, {@code
 * token.unused}): their id is derived from the token, the lead time and the due date, and the unique key on {@code
 * message_id} lets each in once, however often the notice run retries.
 */
@Repository
class JdbcTokenEventOutbox implements TokenEvents {
    static final String LEAD_DAYS = "lead_days";
    static final String DUE_AT = "due_at";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    JdbcTokenEventOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void publish(TokenEvent event) {
        String type = event.type().type();
        List<Long> webhooks = jdbc
                .sql("SELECT id, event_types FROM webhook WHERE workspace_id = :workspace"
                        + " AND enabled = TRUE ORDER BY id")
                .param("workspace", event.workspace().value())
                .query((rs, n) -> takes(rs.getString(2), type) ? rs.getLong(1) : null)
                .list()
                .stream()
                .filter(id -> id != null)
                .toList();
        boolean alert = event.type().alertsByMail();
        if (webhooks.isEmpty() && !alert) {
            return;
        }
        String messageId = messageId(event);
        Object at = Times.toDatabase(event.occurredAt().truncatedTo(ChronoUnit.MICROS));
        KeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("INSERT INTO token_event (message_id, workspace_id, type, token_id, occurred_at, payload,"
                            + " alert_state, alert_attempts, alert_next_at)"
                            + " VALUES (:message, :workspace, :type, :token, :at, :payload, :alert, 0, :alertAt)")
                    .param("message", messageId)
                    .param("workspace", event.workspace().value())
                    .param("type", type)
                    .param("token", event.token() == null ? null : event.token().value())
                    .param("at", at)
                    .param("payload", payload(event))
                    .param("alert", alert ? "PENDING" : "NONE")
                    .param("alertAt", alert ? at : null)
                    .update(key, "id");
        } catch (DuplicateKeyException e) {
            return; // a deterministic id queued before: the event goes out once
        }
        long eventId = key.getKeyAs(Number.class).longValue();
        for (long webhook : webhooks) {
            jdbc.sql("INSERT INTO webhook_delivery (webhook_id, event_id, status, attempts, next_attempt_at)"
                            + " VALUES (:webhook, :event, 'PENDING', 0, :at)")
                    .param("webhook", webhook)
                    .param("event", eventId)
                    .param("at", at)
                    .update();
        }
    }

    static boolean takes(String eventTypes, String type) {
        return eventTypes == null
                || eventTypes.isEmpty()
                || List.of(eventTypes.split(",")).contains(type);
    }

    /** {@code {"type":"token.revoked","timestamp":"…","data":{"token_id":…,"workspace_id":…,…}}}. */
    static String payload(TokenEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (event.token() != null) {
            data.put("token_id", event.token().value());
        }
        data.put("workspace_id", event.workspace().value());
        event.data().forEach(data::putIfAbsent);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type().type());
        body.put("timestamp", event.occurredAt().truncatedTo(ChronoUnit.MILLIS).toString());
        body.put("data", data);
        return JSON.writeValueAsString(body);
    }

    static String messageId(TokenEvent event) {
        boolean notice = event.type() == TokenEventType.EXPIRING || event.type() == TokenEventType.UNUSED;
        if (notice && event.token() != null) {
            String key = event.workspace().value() + "|" + event.type().type() + "|"
                    + event.token().value() + "|" + event.data().get(LEAD_DAYS) + "|"
                    + event.data().get(DUE_AT);
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
                return "msg_exp_" + HexFormat.of().formatHex(hash, 0, 20);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }
}
