package dev.warden.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Failed console sign-ins per user name and per client address, in this node's memory (see
 * {@link SignInProperties}). Both are counted whether or not the user exists, so a lock tells nothing about
 * existence. The counters are Caffeine caches: bounded in size, and each entry expires a while after its lock ends,
 * by the application's clock (so tests can move time forward).
 */
@Component
public class SignInThrottle {
    /** User names are at most 255 characters; a longer attempt is keyed by its start, so keys stay small. */
    private static final int MAX_KEY = 255;

    private final SignInProperties settings;
    private final Clock clock;
    private final Cache<String, Failures> accounts;
    private final Cache<String, Failures> addresses;

    public SignInThrottle(SignInProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.accounts = newCounter();
        this.addresses = newCounter();
    }

    /** How long sign-in stays refused for this name or address; empty when it may be tried now. */
    public Optional<Duration> lockedFor(String userName, String address) {
        Instant now = clock.instant();
        Duration account = remaining(accounts.getIfPresent(accountKey(userName)), now);
        Duration client = remaining(addresses.getIfPresent(addressKey(address)), now);
        Duration longest = account.compareTo(client) >= 0 ? account : client;
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    /** One more failure for both: past the threshold, a lock that doubles with each further failure. */
    public void failed(String userName, String address) {
        Instant now = clock.instant();
        accounts.asMap().compute(accountKey(userName), (key, before) -> next(before, settings.accountFailures(), now));
        addresses.asMap().compute(addressKey(address), (key, before) -> next(before, settings.addressFailures(), now));
    }

    /** A successful sign-in (or a password set by an admin) clears the name; its address keeps its count. */
    public void forget(String userName) {
        accounts.invalidate(accountKey(userName));
    }

    private Failures next(Failures before, int threshold, Instant now) {
        int count = before == null ? 1 : before.count() + 1;
        if (count < threshold) {
            return new Failures(count, null);
        }
        int doublings = Math.min(count - threshold, 20); // 2^20 minutes is far past any max-lock
        Duration lock = settings.lock().multipliedBy(1L << doublings);
        return new Failures(count, now.plus(lock.compareTo(settings.maxLock()) > 0 ? settings.maxLock() : lock));
    }

    private static Duration remaining(Failures failures, Instant now) {
        if (failures == null
                || failures.lockedUntil() == null
                || !failures.lockedUntil().isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, failures.lockedUntil());
    }

    private Cache<String, Failures> newCounter() {
        return Caffeine.newBuilder()
                .maximumSize(settings.maxTracked())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.<String, Failures>writing((key, failures) -> {
                    // kept while locked, then forgotten after a quiet spell
                    Duration locked = remaining(failures, clock.instant());
                    return locked.plus(settings.forgetAfter());
                }))
                .build();
    }

    private static String accountKey(String userName) {
        String name = userName == null ? "" : userName.strip().toLowerCase(Locale.ROOT);
        return name.length() <= MAX_KEY ? name : name.substring(0, MAX_KEY);
    }

    private static String addressKey(String address) {
        return address == null ? "unknown" : address;
    }

    /** @param lockedUntil null while under the threshold */
    private record Failures(int count, Instant lockedUntil) {}
}
