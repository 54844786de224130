package dev.warden.web.config;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Writes what a node buffers on the request path (last use, recent refusals) off the request thread: one round per
 * tick, and a last one at shutdown. It stops after the web server (a lower phase), so no request can add to the buffer
 * after the final write. A failed round is logged and never ends the schedule; the buffer keeps what it could not write
 * for the next round.
 */
abstract class BufferFlusher implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(BufferFlusher.class);

    private final String what;
    private final long tickMillis;
    private ScheduledExecutorService scheduler;

    /** @param what what is written, for the thread's name and the log ("last-use", "refusals") */
    BufferFlusher(String what, Duration tick) {
        this.what = what;
        this.tickMillis = tick.toMillis();
    }

    /** One round on the schedule. */
    abstract void writeDue();

    /** The last round, at shutdown: everything still buffered. */
    abstract void writeAll();

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "warden-" + what);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::round, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            writeDue();
        } catch (RuntimeException e) {
            LOG.warn("Writing {} data failed; will retry", what, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeAll();
        scheduler = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        // The web server stops in phases DEFAULT_PHASE - 1024 and - 2048; stop after it.
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
