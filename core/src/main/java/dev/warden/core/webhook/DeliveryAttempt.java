package dev.warden.core.webhook;

import java.time.Instant;

/**
 * One try to deliver one event to one webhook, as the delivery log shows it. Never the response body: an admin must
 * not read intranet pages through the log.
 *
 * @param statusCode the HTTP status answered, or null when there was no answer
 * @param error the class of failure when there was no answer (e.g. {@code ConnectException}), else null
 * @param nextAttemptAt when the next try is due; null when this was the last (delivered, or given up)
 * @param deliveryStatus where the delivery stands now: PENDING, SUCCEEDED or FAILED
 */
public record DeliveryAttempt(
        String messageId,
        String eventType,
        int attempt,
        Instant attemptedAt,
        Integer statusCode,
        String error,
        Instant nextAttemptAt,
        String deliveryStatus) {
    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
