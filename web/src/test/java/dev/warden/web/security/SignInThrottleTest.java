package dev.warden.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.shared.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final SignInThrottle throttle = new SignInThrottle(
            new SignInProperties(5, 20, Duration.ofMinutes(1), Duration.ofMinutes(15), Duration.ofMinutes(15), 1000),
            clock);

    private void fail(String name, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(name, address);
        }
    }

    @Test
    void fourFailuresLockNothingAndTheFifthLocksTheNameForAMinute() {
        fail("alice", "10.0.0.1", 4);
        assertThat(throttle.lockedFor("alice", "10.0.0.1")).isEmpty();

        fail("alice", "10.0.0.1", 1);

        assertThat(throttle.lockedFor("alice", "10.0.0.2")).hasValue(Duration.ofMinutes(1));
        assertThat(throttle.lockedFor("ALICE ", "10.0.0.2"))
                .as("names are compared as the directory compares them")
                .hasValue(Duration.ofMinutes(1));
        assertThat(throttle.lockedFor("bob", "10.0.0.1"))
                .as("the address is under its limit")
                .isEmpty();
    }

    @Test
    void eachFurtherFailureDoublesTheLockUpToTheMaximum() {
        fail("alice", "10.0.0.1", 5);
        throttle.failed("alice", "10.0.0.2");
        assertThat(throttle.lockedFor("alice", null)).hasValue(Duration.ofMinutes(2));
        throttle.failed("alice", "10.0.0.3");
        assertThat(throttle.lockedFor("alice", null)).hasValue(Duration.ofMinutes(4));

        fail("alice", "10.0.0.4", 10);

        assertThat(throttle.lockedFor("alice", null)).hasValue(Duration.ofMinutes(15));
    }

    @Test
    void theLockEndsAndTheCountIsForgottenAfterAQuietSpell() {
        fail("alice", "10.0.0.1", 5);

        clock.advance(Duration.ofSeconds(60));
        assertThat(throttle.lockedFor("alice", "10.0.0.1")).isEmpty();
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.lockedFor("alice", "10.0.0.1"))
                .as("still remembered: the next failure doubles")
                .hasValue(Duration.ofMinutes(2));

        clock.advance(Duration.ofMinutes(2 + 15).plusSeconds(1));
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.lockedFor("alice", "10.0.0.1"))
                .as("forgotten: counting from one")
                .isEmpty();
    }

    @Test
    void twentyFailuresFromOneAddressLockItForEveryName() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("name-" + i, "10.0.0.9");
        }

        assertThat(throttle.lockedFor("someone-else", "10.0.0.9")).hasValue(Duration.ofMinutes(1));
        assertThat(throttle.lockedFor("someone-else", "10.0.0.8")).isEmpty();
    }

    @Test
    void forgettingANameLiftsItsLockButNotItsAddresses() {
        fail("alice", "10.0.0.1", 5);
        for (int i = 0; i < 15; i++) {
            throttle.failed("name-" + i, "10.0.0.1");
        }

        throttle.forget("alice");

        assertThat(throttle.lockedFor("alice", "10.0.0.2")).isEmpty();
        assertThat(throttle.lockedFor("alice", "10.0.0.1")).hasValue(Duration.ofMinutes(1));
    }

    @Test
    void aHugeNameIsKeptAsItsStart() {
        String huge = "a".repeat(100_000);
        fail(huge, "10.0.0.1", 5);

        assertThat(throttle.lockedFor(huge, "10.0.0.2")).hasValue(Duration.ofMinutes(1));
    }

    @Test
    void theWaitIsToldInWholeMinutesRoundedUp() {
        assertThat(SignInThrottledException.waitText(Duration.ofSeconds(1))).isEqualTo("1 minute");
        assertThat(SignInThrottledException.waitText(Duration.ofSeconds(61))).isEqualTo("2 minutes");
        assertThat(SignInThrottledException.waitText(Duration.ofMinutes(15))).isEqualTo("15 minutes");
    }
}
