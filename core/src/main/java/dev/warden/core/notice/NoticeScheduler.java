package dev.warden.core.notice;

import dev.warden.core.shared.WorkLeases;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The periodic notice run, on one node at a time: a node runs it only while it holds the {@value #WORK} lease (see
 * {@link WorkLeases}). The claims make each notice go out once anyway; the lease spares the other nodes the work.
 */
public final class NoticeScheduler {
    public static final String WORK = "expiry-notices";

    private final NoticeService notices;
    private final WorkLeases leases;
    private final String node;
    private final Duration lease;
    private final Clock clock;

    public NoticeScheduler(NoticeService notices, WorkLeases leases, String node, Duration lease, Clock clock) {
        this.notices = notices;
        this.leases = leases;
        this.node = node;
        this.lease = lease;
        this.clock = clock;
    }

    /** Runs the notices if this node holds the lease; empty when another node does. */
    public Optional<NoticeService.RunResult> tick() {
        if (!leases.tryHold(WORK, node, clock.instant(), lease)) {
            return Optional.empty();
        }
        return Optional.of(notices.runOnce());
    }

    /** At shutdown, so another node need not wait for the lease to run out. */
    public void release() {
        leases.release(WORK, node);
    }
}
