package dev.warden.web.inactivity;

import dev.warden.core.inactivity.InactivityPolicy;
import dev.warden.core.inactivity.InactivityScheduler;
import dev.warden.web.config.InactivityProperties;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tries the inactivity policy's run every {@code warden.inactivity.tick} (the first a tick after start), whether or not
 * e-mail is configured: the policy is a workspace's decision, the notices only warn of it. A failed run is logged and
 * never ends the schedule. {@link #runOnce()} is the hook for tests and operators' scripts.
 */
@Component
public class InactivityTicker implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(InactivityTicker.class);

    private final InactivityScheduler scheduler;
    private final InactivityProperties properties;
    private ScheduledExecutorService executor;

    InactivityTicker(InactivityScheduler scheduler, InactivityProperties properties) {
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled()) {
            LOG.info("The inactivity policy does not run on this node (warden.inactivity.enabled=false)");
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "warden-inactivity");
            thread.setDaemon(true);
            return thread;
        });
        long millis = properties.tick().toMillis();
        executor.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("The inactivity policy run failed; the next tick tries again", e);
        }
    }

    /** One run now, if this node holds the lease; empty otherwise. */
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
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        executor = null;
        try {
            scheduler.release();
        } catch (RuntimeException e) { // the database gone at shutdown: the lease simply runs out
            LOG.info("Could not give up the inactivity-policy lease at shutdown; it runs out by itself");
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
