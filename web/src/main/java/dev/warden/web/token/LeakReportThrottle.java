package dev.warden.web.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Leak reports per client address: at most {@code reports-per-minute} in a fixed one-minute window that starts with
 * the address's first report. The endpoint needs no credentials, so this keeps anyone from using it to try token
 * values by the million or to load the database. A Caffeine cache like the sign-in throttle's: bounded, and an
 * address is forgotten when its window ends.
 */
final class LeakReportThrottle {
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final int limit;
    private final Clock clock;
    private final Cache<String, Window> windows;

    LeakReportThrottle(LeakReportProperties settings, Clock clock) {
        this.limit = settings.reportsPerMinute();
        this.clock = clock;
        this.windows = Caffeine.newBuilder()
                .maximumSize(settings.maxTracked())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(WINDOW)
                .build();
    }

    /** Counts one report from the address; how long it must wait when it is over the limit, else empty. */
    synchronized Optional<Duration> take(String address) {
        Instant now = clock.instant();
        String key = address == null ? "unknown" : address;
        Window window = windows.getIfPresent(key);
        if (window == null || !now.isBefore(window.started().plus(WINDOW))) {
            window = new Window(now, 0);
        }
        window = new Window(window.started(), window.count() + 1);
        if (window.count() == 1) {
            windows.put(key, window); // the entry expires with its window
        } else {
            windows.asMap().replace(key, window);
        }
        if (window.count() <= limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, window.started().plus(WINDOW)));
    }

    private record Window(Instant started, int count) {}
}
