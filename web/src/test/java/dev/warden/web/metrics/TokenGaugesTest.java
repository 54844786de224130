package dev.warden.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.token.TokenCensus;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The token gauges ask the database at most once per max age, and keep the last counts while it fails. */
class TokenGaugesTest {
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final TokenCensus census = now -> {
        asked.incrementAndGet();
        if (failure.get() != null) {
            throw failure.get();
        }
        return List.of(new TokenCensus.Count(TokenKind.PERSONAL, TokenStatus.ACTIVE, 7));
    };
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double gauge(TokenKind kind, TokenStatus status) {
        return registry.get(TokenGauges.TOKENS)
                .tag("kind", kind.name())
                .tag("status", status.name())
                .gauge()
                .value();
    }

    @Test
    void oneCountServesEveryGaugeWithinTheMaxAge() {
        new TokenGauges(census, Clock.systemUTC(), new MetricsProperties(Duration.ofHours(1))).bindTo(registry);

        assertThat(gauge(TokenKind.PERSONAL, TokenStatus.ACTIVE)).isEqualTo(7);
        assertThat(gauge(TokenKind.OAUTH, TokenStatus.EXPIRED)).isZero();
        assertThat(gauge(TokenKind.PERSONAL, TokenStatus.ACTIVE)).isEqualTo(7);
        assertThat(registry.find(TokenGauges.TOKENS).gauges())
                .hasSize(TokenKind.values().length * TokenStatus.values().length);
        assertThat(asked).hasValue(1);
    }

    @Test
    void aFailedCountKeepsTheLastCountsAndIsNaNBeforeTheFirst() {
        new TokenGauges(census, Clock.systemUTC(), new MetricsProperties(Duration.ZERO)).bindTo(registry);
        failure.set(new IllegalStateException("database down"));
        assertThat(gauge(TokenKind.PERSONAL, TokenStatus.ACTIVE)).isNaN();

        failure.set(null);
        assertThat(gauge(TokenKind.PERSONAL, TokenStatus.ACTIVE)).isEqualTo(7);
        failure.set(new IllegalStateException("database down"));
        assertThat(gauge(TokenKind.PERSONAL, TokenStatus.ACTIVE)).isEqualTo(7);
    }
}
