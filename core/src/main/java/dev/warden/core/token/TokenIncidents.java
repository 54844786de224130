package dev.warden.core.token;

/**
 * Port: tells people about a token incident. {@link LeakReports} calls it inside the transaction that revoked a
 * reported token, so an implementation that queues a notice (an outbox row) commits or rolls back with the
 * revocation. Notifying the owner and the admins is the notices' business; {@link #NONE} does nothing.
 */
public interface TokenIncidents {
    TokenIncidents NONE = (token, source) -> {};

    /** The token was reported as leaked and is now revoked; {@code source} says where it was found. */
    void leaked(AccessToken token, String source);
}
