package dev.warden.core.token;

import dev.warden.core.shared.InvalidParameterException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** How long new tokens live: the default when a request names no lifetime, and the longest allowed. */
public record TokenLifetimePolicy(Duration defaultLifetime, Duration maxLifetime) {
    public static final String FIELD = "lifetime_seconds";

    public TokenLifetimePolicy {
        Objects.requireNonNull(defaultLifetime, "defaultLifetime");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        if (defaultLifetime.isNegative() || defaultLifetime.isZero() || defaultLifetime.compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException("the default token lifetime must be positive and at most the maximum");
        }
    }

    /** @param requested null for the default */
    public Instant expiryFor(Duration requested, Instant now) {
        Duration lifetime = requested == null ? defaultLifetime : requested;
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new InvalidParameterException(FIELD, FIELD + " must be a positive number of seconds; got "
                    + lifetime.getSeconds() + ". Leave it out for the default of " + describe(defaultLifetime) + ".");
        }
        if (lifetime.compareTo(maxLifetime) > 0) {
            throw new InvalidParameterException(FIELD, FIELD + " must be at most " + maxLifetime.getSeconds()
                    + " (" + describe(maxLifetime) + "), the longest token lifetime allowed here; got "
                    + lifetime.getSeconds() + ".");
        }
        return now.plus(lifetime);
    }

    public long maxDays() {
        return maxLifetime.toDays();
    }

    public long defaultDays() {
        return defaultLifetime.toDays();
    }

    private static String describe(Duration duration) {
        long days = duration.toDays();
        return days >= 1 && duration.equals(Duration.ofDays(days)) ? days + " days" : duration.getSeconds() + " seconds";
    }
}
