package dev.warden.core.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * When to try again: the Standard Webhooks suggested schedule. The first try is at once; after a failed try number n
 * the next waits {@code RETRIES[n-1]}; after the last the delivery is FAILED (7 tries over about 17.5 hours).
 */
public final class Backoff {
    static final List<Duration> RETRIES = List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10));

    private Backoff() {}

    /** The wait after try number {@code attempt} (1-based) failed; empty when that was the last try. */
    public static Optional<Duration> after(int attempt) {
        return attempt <= RETRIES.size() ? Optional.of(RETRIES.get(attempt - 1)) : Optional.empty();
    }

    public static int maxAttempts() {
        return RETRIES.size() + 1;
    }
}
