package dev.warden.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.shared.InvalidParameterException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenLifetimePolicyTest {
    private static final Duration DEFAULT = Duration.ofDays(30);
    private static final Duration MAX = Duration.ofDays(90);

    private final TokenLifetimePolicy policy = new TokenLifetimePolicy(DEFAULT, MAX);
    private final Instant now = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void usesTheDefaultWhenNoLifetimeIsRequested() {
        assertThat(policy.expiryFor(null, now)).isEqualTo(now.plus(DEFAULT));
    }

    @Test
    void usesTheRequestedLifetime() {
        assertThat(policy.expiryFor(Duration.ofSeconds(3600), now)).isEqualTo(now.plusSeconds(3600));
    }

    @Test
    void allowsExactlyTheMaximum() {
        assertThat(policy.expiryFor(MAX, now)).isEqualTo(now.plus(MAX));
    }

    @Test
    void refusesOneSecondMoreThanTheMaximumNamingTheFieldAndTheLimit() {
        assertThatThrownBy(() -> policy.expiryFor(MAX.plusSeconds(1), now))
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.field()).isEqualTo("lifetime_seconds"))
                .hasMessageContaining("at most " + MAX.getSeconds())
                .hasMessageContaining("90 days")
                .hasMessageContaining("got " + MAX.plusSeconds(1).getSeconds());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -86_400})
    void refusesLifetimesThatAreNotPositive(long seconds) {
        assertThatThrownBy(() -> policy.expiryFor(Duration.ofSeconds(seconds), now))
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.field()).isEqualTo("lifetime_seconds"))
                .hasMessageContaining("positive")
                .hasMessageContaining("default of 30 days");
    }

    @Test
    void refusesADefaultLongerThanTheMaximumOrNotPositive() {
        assertThatThrownBy(() -> new TokenLifetimePolicy(MAX.plusSeconds(1), MAX))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenLifetimePolicy(Duration.ZERO, MAX))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenLifetimePolicy(Duration.ofDays(-1), MAX))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportsItsLimitsInDays() {
        assertThat(policy.defaultDays()).isEqualTo(30);
        assertThat(policy.maxDays()).isEqualTo(90);
    }
}
