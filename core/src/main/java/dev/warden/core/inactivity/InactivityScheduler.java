package dev.warden.core.inactivity;

import dev.warden.core.shared.WorkLeases;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The periodic run of the inactivity policy, on one node at a time: a node runs it only while it holds the {@value
 * #WORK} lease (see {@link WorkLeases}). Each revocation is a compare-and-set anyway; the lease spares the other nodes
 * the work and the races.
 */
public final class InactivityScheduler {
    public static final String WORK = "inactivity-policy";

    private final InactivityPolicy policy;
    private final WorkLeases leases;
    private final String node;
    private final Duration lease;
    private final Clock clock;

    public InactivityScheduler(InactivityPolicy policy, WorkLeases leases, String node, Duration lease, Clock clock) {
        this.policy = policy;
        this.leases = leases;
        this.node = node;
        this.lease = lease;
        this.clock = clock;
    }

    /** Runs the policy if this node holds the lease; empty when another node does. */
    public Optional<InactivityPolicy.RunResult> tick() {
        if (!leases.tryHold(WORK, node, clock.instant(), lease)) {
            return Optional.empty();
        }
        return Optional.of(policy.runOnce());
    }

    /** At shutdown, so another node need not wait for the lease to run out. */
    public void release() {
        leases.release(WORK, node);
    }
}
