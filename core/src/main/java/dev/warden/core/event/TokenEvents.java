package dev.warden.core.event;

/**
 * Port: token lifecycle events for the services that watch Warden (webhooks to a SIEM) and, for the alerting types,
 * an e-mail alert to the people who answer for the token. An implementation queues the event in the caller's
 * transaction (an outbox), so an event exists exactly when the change it describes committed, and delivery (with its
 * retries) happens later, never on the request path. {@link #NONE} drops everything.
 */
public interface TokenEvents {
    TokenEvents NONE = event -> {};

    /** Queues the event; call it inside the transaction of the change it describes. */
    void publish(TokenEvent event);
}
