package dev.warden.core.token;

/**
 * Port: where a presented (or reported) canary token is handed for its alert. Called on the request thread, so an
 * implementation only queues: the alert (event, audit record) is written later, in a transaction of its own, so that
 * a canary costs the request no more time than an unknown token does. {@link #NONE} drops everything.
 */
public interface CanaryTrips {
    CanaryTrips NONE = (canary, use) -> {};

    /** Cheap and non-blocking. */
    void tripped(AccessToken canary, CanaryUse use);
}
