package dev.warden.web.metrics;

import dev.warden.core.token.TokenCensus;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code warden_tokens{kind,status}}: how many tokens there are, every workspace together, one gauge per kind and
 * status (zero included, so every series exists). The counts come from one grouped query ({@link TokenCensus}), run
 * by a scrape at most once per {@code warden.metrics.token-count-max-age} and never by a request; while the database
 * does not answer the last counts stay (NaN before the first), and the next attempt waits as long.
 */
@Component
class TokenGauges implements MeterBinder {
    static final String TOKENS = "warden.tokens";
    private static final Logger LOG = LoggerFactory.getLogger(TokenGauges.class);

    private final TokenCensus census;
    private final Clock clock;
    private final long maxAgeNanos;
    private Map<String, Long> counts;
    private long countedAt;
    private boolean attempted;

    TokenGauges(TokenCensus census, Clock clock, MetricsProperties properties) {
        this.census = census;
        this.clock = clock;
        this.maxAgeNanos = properties.tokenCountMaxAge().toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (TokenKind kind : TokenKind.values()) {
            for (TokenStatus status : TokenStatus.values()) {
                Gauge.builder(TOKENS, this, gauges -> gauges.count(kind, status))
                        .description("Tokens by kind and status, in every workspace (recounted at most every"
                                + " warden.metrics.token-count-max-age)")
                        .tag("kind", kind.name())
                        .tag("status", status.name())
                        .register(registry);
            }
        }
    }

    private double count(TokenKind kind, TokenStatus status) {
        Map<String, Long> current = current();
        return current == null ? Double.NaN : current.getOrDefault(key(kind, status), 0L);
    }

    private synchronized Map<String, Long> current() {
        long now = System.nanoTime();
        if (!attempted || now - countedAt >= maxAgeNanos) {
            attempted = true;
            countedAt = now;
            try {
                Map<String, Long> fresh = new HashMap<>();
                census.count(clock.instant()).forEach(c -> fresh.put(key(c.kind(), c.status()), c.tokens()));
                counts = fresh;
            } catch (RuntimeException e) {
                LOG.warn("Counting tokens for the metrics failed; keeping the last counts: {}", e.toString());
            }
        }
        return counts;
    }

    private static String key(TokenKind kind, TokenStatus status) {
        return kind.name() + '|' + status.name();
    }
}
