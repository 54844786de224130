package dev.warden.core.token;

import dev.warden.core.shared.InvalidParameterException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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
            throw new InvalidParameterException(
                    FIELD,
                    FIELD + " must be a positive number of seconds; got " + lifetime.getSeconds()
                            + ". Leave it out for the default of " + describe(defaultLifetime) + ".");
        }
        if (lifetime.compareTo(maxLifetime) > 0) {
            throw new InvalidParameterException(
                    FIELD,
                    FIELD + " must be at most " + maxLifetime.getSeconds()
                            + " (" + describe(maxLifetime) + "), the longest token lifetime allowed here; got "
                            + lifetime.getSeconds() + ".");
        }
        return now.plus(lifetime);
    }

    /**
     * The console's "Lifetime (days)": a whole number of days from one to the maximum.
     * @param days null when the field was left empty
     */
    public Duration lifetimeOfDays(Integer days) {
        if (days == null || days < 1 || days > maxDays()) {
            throw new InvalidParameterException(FIELD, "Enter a lifetime from 1 to " + maxDays() + " days.");
        }
        return Duration.ofDays(days);
    }

    /**
     * The console's "Expiration date": the token expires on that day (UTC) at the time of day it is created, so
     * the first day allowed is tomorrow and the last is the maximum lifetime away.
     * @param date null when the field was left empty
     */
    public Duration lifetimeUntil(LocalDate date, Instant now) {
        String range = "Choose a date from " + firstExpiryDate(now) + " to " + lastExpiryDate(now)
                + " (the longest token lifetime here is " + maxDays() + " days).";
        if (date == null) {
            throw new InvalidParameterException(FIELD, "Choose when the token expires. " + range);
        }
        if (date.isBefore(firstExpiryDate(now)) || date.isAfter(lastExpiryDate(now))) {
            throw new InvalidParameterException(FIELD, range);
        }
        return Duration.ofDays(ChronoUnit.DAYS.between(today(now), date));
    }

    public LocalDate firstExpiryDate(Instant now) {
        return today(now).plusDays(1);
    }

    public LocalDate lastExpiryDate(Instant now) {
        return today(now).plusDays(maxDays());
    }

    public LocalDate defaultExpiryDate(Instant now) {
        return today(now).plusDays(defaultDays());
    }

    public long maxDays() {
        return maxLifetime.toDays();
    }

    public long defaultDays() {
        return defaultLifetime.toDays();
    }

    private static LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    private static String describe(Duration duration) {
        long days = duration.toDays();
        return days >= 1 && duration.equals(Duration.ofDays(days))
                ? days + " days"
                : duration.getSeconds() + " seconds";
    }
}
