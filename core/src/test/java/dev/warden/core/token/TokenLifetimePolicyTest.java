package dev.warden.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.shared.InvalidParameterException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
                .isInstanceOfSatisfying(
                        InvalidParameterException.class,
                        e -> assertThat(e.field()).isEqualTo("lifetime_seconds"))
                .hasMessageContaining("at most " + MAX.getSeconds())
                .hasMessageContaining("90 days")
                .hasMessageContaining("got " + MAX.plusSeconds(1).getSeconds());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -86_400})
    void refusesLifetimesThatAreNotPositive(long seconds) {
        assertThatThrownBy(() -> policy.expiryFor(Duration.ofSeconds(seconds), now))
                .isInstanceOfSatisfying(
                        InvalidParameterException.class,
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

    @Test
    void anExpirationDateLastsWholeDaysFromNowUpToTheMaximum() {
        Instant afternoon = Instant.parse("2025-01-01T15:30:00Z");
        assertThat(policy.lifetimeUntil(LocalDate.parse("2025-01-02"), afternoon))
                .isEqualTo(Duration.ofDays(1));
        assertThat(policy.lifetimeUntil(LocalDate.parse("2025-04-01"), afternoon))
                .isEqualTo(MAX);
        assertThat(policy.defaultExpiryDate(afternoon)).isEqualTo(LocalDate.parse("2025-01-31"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-01-01", "2024-12-31", "2025-04-02"})
    void refusesAnExpirationDateOutsideTomorrowToTheMaximumNamingTheRange(String date) {
        assertThatThrownBy(() -> policy.lifetimeUntil(LocalDate.parse(date), now))
                .isInstanceOfSatisfying(
                        InvalidParameterException.class,
                        e -> assertThat(e.field()).isEqualTo("lifetime_seconds"))
                .hasMessage(
                        "Choose a date from 2025-01-02 to 2025-04-01 (the longest token lifetime here is 90 days).");
    }

    @Test
    void refusesAMissingExpirationDate() {
        assertThatThrownBy(() -> policy.lifetimeUntil(null, now))
                .hasMessageStartingWith("Choose when the token expires. Choose a date from 2025-01-02");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 90})
    void aLifetimeInDaysRunsFromOneToTheMaximum(int days) {
        assertThat(policy.lifetimeOfDays(days)).isEqualTo(Duration.ofDays(days));
    }

    @Test
    void refusesALifetimeInDaysOutsideOneToTheMaximum() {
        for (Integer days : new Integer[] {null, 0, -1, 91}) {
            assertThatThrownBy(() -> policy.lifetimeOfDays(days))
                    .isInstanceOfSatisfying(
                            InvalidParameterException.class,
                            e -> assertThat(e.field()).isEqualTo("lifetime_seconds"))
                    .hasMessage("Enter a lifetime from 1 to 90 days.");
        }
    }
}
