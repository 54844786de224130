package dev.warden.web.shared;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Tries one piece of work that must run on one node at a time every tick (the first a tick after start); the work's
 * scheduler in core runs it only while this node holds its lease ({@code WorkLeases}). A failed run is logged and
 * never ends the schedule; at shutdown the lease is given up, so another node need not wait for it to run out (if the
 * database is gone by then, it runs out by itself). {@link #runOnce()} is the hook for tests and operators' scripts.
 */
public abstract class LeasedTicker implements SmartLifecycle {
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String work;
    private final String threadName;
    private final boolean enabled;
    private final String switchProperty;
    private final Duration tick;
    private ScheduledExecutorService executor;

    /**
     * @param work what runs, for the log ("the expiry notice run")
     * @param enabled false: this node never runs it (the others still do)
     * @param switchProperty the property that switched it off, for the log
     */
    protected LeasedTicker(String work, String threadName, boolean enabled, String switchProperty, Duration tick) {
        this.work = work;
        this.threadName = threadName;
        this.enabled = enabled;
        this.switchProperty = switchProperty;
        this.tick = tick;
    }

    /** One run now, if this node holds the lease (and the work can run at all); empty otherwise. */
    public abstract Optional<?> runOnce();

    /** Gives up the lease. */
    protected abstract void release();

    @Override
    public synchronized void start() {
        if (!enabled) {
            log.info("{} does not happen on this node ({}=false)", work, switchProperty);
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        long millis = tick.toMillis();
        executor.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("{} failed; the next tick tries again", work, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        executor = null;
        try {
            release();
        } catch (RuntimeException e) { // the database gone at shutdown
            log.info("Could not give up the lease of {} at shutdown; it runs out by itself", work);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
