package dev.warden.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.shared.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How far the stored last use lags: the oldest use still waiting, which the metrics endpoint shows. */
class TokenUseRecorderLagTest {
    private final MutableClock clock = MutableClock.at("2025-03-01T10:00:00Z");
    private final InMemoryTokenRepository tokens = new InMemoryTokenRepository();
    private final TokenUseRecorder recorder = new TokenUseRecorder(tokens, clock, Duration.ofMinutes(1));
    private final AccessToken first = Tokens.aToken().build();
    private final AccessToken second = Tokens.aToken().build();

    TokenUseRecorderLagTest() {
        tokens.add(first);
        tokens.add(second);
    }

    @Test
    void theOldestPendingUseUntilItIsWritten() {
        assertThat(recorder.oldestPending()).isEmpty();
        Instant early = clock.instant();
        recorder.record(use(second, early.plusSeconds(3)));
        recorder.record(use(first, early));
        // a newer use of the same token replaces the older one
        recorder.record(use(first, early.plusSeconds(5)));

        assertThat(recorder.oldestPending()).contains(early.plusSeconds(3));

        recorder.flushAll();
        assertThat(recorder.oldestPending()).isEmpty();
    }

    private static TokenUse use(AccessToken token, Instant at) {
        return new TokenUse(token.workspace(), token.id(), at, "10.0.0.7", "curl/8.5");
    }
}
