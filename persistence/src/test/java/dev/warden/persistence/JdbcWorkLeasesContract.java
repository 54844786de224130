package dev.warden.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.shared.WorkLeases;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One node at a time holds the lease of a piece of work; each test is rolled back. */
@JdbcAdapterTest
abstract class JdbcWorkLeasesContract {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00.123456Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Autowired
    private WorkLeases leases;

    @Test
    void theFirstNodeTakesTheLeaseAndTheOtherIsRefusedWhileItRuns() {
        assertThat(leases.tryHold("notifications", "node-a", T0, MINUTE)).isTrue();

        assertThat(leases.tryHold("notifications", "node-b", T0.plusSeconds(59), MINUTE))
                .isFalse();
    }

    @Test
    void theHolderRenewsItAndKeepsOthersOutLonger() {
        leases.tryHold("notifications", "node-a", T0, MINUTE);

        assertThat(leases.tryHold("notifications", "node-a", T0.plusSeconds(50), MINUTE))
                .isTrue();

        assertThat(leases.tryHold("notifications", "node-b", T0.plusSeconds(70), MINUTE))
                .as("within the renewed lease")
                .isFalse();
    }

    @Test
    void anotherNodeTakesALeaseThatRanOut() {
        leases.tryHold("notifications", "node-a", T0, MINUTE);

        assertThat(leases.tryHold("notifications", "node-b", T0.plus(MINUTE), MINUTE))
                .isTrue();
        assertThat(leases.tryHold("notifications", "node-a", T0.plusSeconds(61), MINUTE))
                .as("the former holder, now that B holds it")
                .isFalse();
    }

    @Test
    void aReleasedLeaseIsFreeAtOnceAndOnlyItsHolderCanReleaseIt() {
        leases.tryHold("notifications", "node-a", T0, MINUTE);

        leases.release("notifications", "node-b");
        assertThat(leases.tryHold("notifications", "node-b", T0.plusSeconds(1), MINUTE))
                .isFalse();

        leases.release("notifications", "node-a");
        assertThat(leases.tryHold("notifications", "node-b", T0.plusSeconds(1), MINUTE))
                .isTrue();
    }

    @Test
    void leasesOfDifferentWorkAreIndependent() {
        assertThat(leases.tryHold("notifications", "node-a", T0, MINUTE)).isTrue();
        assertThat(leases.tryHold("reports", "node-b", T0, MINUTE)).isTrue();
    }
}
