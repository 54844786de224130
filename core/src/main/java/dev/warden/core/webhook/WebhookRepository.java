package dev.warden.core.webhook;

import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: webhooks, their deliveries and the delivery log, and the alerts of the queued events. The queue itself (the
 * outbox) is written by the {@link dev.warden.core.event.TokenEvents} implementation over the same tables.
 */
public interface WebhookRepository {
    List<Webhook> list(WorkspaceId workspace);

    Optional<Webhook> find(WorkspaceId workspace, long id);

    /** Stores a new webhook with its signing secret (kept as it is: Warden must sign with it). */
    Webhook insert(
            WorkspaceId workspace, String url, List<String> eventTypes, boolean enabled, String secret, Instant at);

    void update(Webhook webhook);

    /** Replaces the signing secret. */
    void updateSecret(WorkspaceId workspace, long id, String secret);

    /** Deletes the webhook with its deliveries and their log. */
    void delete(WorkspaceId workspace, long id);

    /** Newest first. */
    Page<DeliveryAttempt> attempts(WorkspaceId workspace, long webhookId, PageRequest page);

    /** Queues a {@code webhook.test} event for this webhook only, due now, and returns its delivery. */
    DueDelivery queueTest(Webhook webhook, String messageId, String payload, Instant at);

    /** Pending deliveries of enabled webhooks whose next try is due, oldest first. */
    List<DueDelivery> dueDeliveries(Instant now, int limit);

    /**
     * Logs one try and moves the delivery on: {@code nextAttemptAt} null ends it as {@code status} (SUCCEEDED or
     * FAILED), else it stays PENDING until then.
     */
    void recordAttempt(
            DueDelivery delivery,
            int attempt,
            Instant at,
            WebhookSender.Outcome outcome,
            Instant nextAttemptAt,
            String status);

    /** Alerting events whose e-mail alert is due. */
    List<DueAlert> dueAlerts(Instant now, int limit);

    /** Moves an alert on: {@code nextAttemptAt} null ends it as {@code state} (SENT, FAILED or OFF). */
    void recordAlert(long eventId, int attempts, Instant nextAttemptAt, String state);

    /**
     * Deletes up to {@code limit} events that occurred before {@code before} and have nothing left to do (no delivery
     * and no alert still pending), oldest first, with their deliveries and delivery log.
     *
     * @return how many events it deleted
     */
    int prune(Instant before, int limit);
}
