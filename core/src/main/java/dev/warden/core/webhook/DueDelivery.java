package dev.warden.core.webhook;

/**
 * A delivery whose next try is due, with what it takes to make it.
 *
 * @param attempts the tries made so far
 * @param payload the JSON body, fixed when the event was queued so that every try sends the same bytes
 */
public record DueDelivery(
        long id,
        long webhookId,
        String url,
        String secret,
        String messageId,
        String type,
        String payload,
        int attempts) {
    @Override
    public String toString() { // never the secret
        return "DueDelivery[" + id + ", webhook " + webhookId + ", " + messageId + ", attempts " + attempts + "]";
    }
}
