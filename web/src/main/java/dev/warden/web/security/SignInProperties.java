package dev.warden.web.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Console sign-in throttling ({@code warden.sign-in.*}). After {@code accountFailures} failed sign-ins for one user
 * name, or {@code addressFailures} from one client address, sign-in for that name or address is refused for
 * {@code lock}, doubling with each further failure up to {@code maxLock}. A name or address is forgotten after
 * {@code forgetAfter} without failures once its lock has ended, or at once for a name on a successful sign-in.
 * Counters are kept in this node's memory, at most {@code maxTracked} names and as many addresses.
 */
@ConfigurationProperties("warden.sign-in")
public record SignInProperties(
        @DefaultValue("5") int accountFailures,
        @DefaultValue("20") int addressFailures,
        @DefaultValue("1m") Duration lock,
        @DefaultValue("15m") Duration maxLock,
        @DefaultValue("15m") Duration forgetAfter,
        @DefaultValue("100000") int maxTracked) {

    public SignInProperties {
        if (accountFailures < 1 || addressFailures < 1) {
            throw new IllegalArgumentException("warden.sign-in: account-failures and address-failures must be >= 1");
        }
        if (lock.isNegative() || lock.isZero() || maxLock.compareTo(lock) < 0) {
            throw new IllegalArgumentException("warden.sign-in: lock must be positive and max-lock at least lock");
        }
    }
}
