package dev.warden.core.webhook;

/**
 * Port: one signed HTTP POST to a webhook's URL, with the Standard Webhooks headers {@code webhook-id}, {@code
 * webhook-timestamp} and {@code webhook-signature} ({@code v1,} and the base64 of HMAC-SHA256 over {@code
 * id.timestamp.body} keyed with the base64-decoded secret).
 */
public interface WebhookSender {
    /** What came back: a status code, or the class of the failure when nothing did. Never the body. */
    record Outcome(Integer statusCode, String error) {
        public boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    /**
     * Signs and posts the JSON body; never throws for a network failure (that is an outcome).
     *
     * @param timestamp the epoch seconds of this try (the same {@code messageId} on every try)
     */
    Outcome post(String url, String secret, String messageId, long timestamp, String body);
}
