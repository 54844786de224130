package dev.warden.web.inactivity;

import dev.warden.core.inactivity.InactivityPolicy;
import dev.warden.core.inactivity.InactivityScheduler;
import dev.warden.web.config.InactivityProperties;
import dev.warden.web.shared.LeasedTicker;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tries the inactivity policy's run every {@code warden.inactivity.tick}, on the node that holds its lease, whether or
 * not e-mail is configured: the policy is a workspace's decision, the notices only warn of it.
 */
@Component
public class InactivityTicker extends LeasedTicker {
    private static final Logger LOG = LoggerFactory.getLogger(InactivityTicker.class);

    private final InactivityScheduler scheduler;

    InactivityTicker(InactivityScheduler scheduler, InactivityProperties properties) {
        super(
                "The inactivity policy's run",
                "warden-inactivity",
                properties.enabled(),
                "warden.inactivity.enabled",
                properties.tick());
        this.scheduler = scheduler;
    }

    @Override
    public synchronized Optional<InactivityPolicy.RunResult> runOnce() {
        Optional<InactivityPolicy.RunResult> result = scheduler.tick();
        result.filter(r -> r.revoked() + r.spared() > 0)
                .ifPresent(r -> LOG.info(
                        "Inactivity policy: {} tokens revoked, {} spared (used or changed since they were read)",
                        r.revoked(),
                        r.spared()));
        return result;
    }

    @Override
    protected void release() {
        scheduler.release();
    }
}
