package dev.warden.web.config;

import dev.warden.core.token.TokenRefusalRecorder;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Writes the queued recent refusals of tokens off the request thread, in one batch per tick (the last-use tick,
 * {@code warden.tokens.last-use-flush-tick}); like {@link TokenUseFlusher} it stops after the web server, with a final
 * write. A failed round keeps the refusals queued (as far as the queue has room) and never ends the schedule.
 */
@Component
class TokenRefusalFlusher implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(TokenRefusalFlusher.class);

    private final TokenRefusalRecorder recorder;
    private final long tickMillis;
    private ScheduledExecutorService scheduler;
    private long droppedReported;

    TokenRefusalFlusher(TokenRefusalRecorder recorder, WardenProperties properties) {
        this.recorder = recorder;
        this.tickMillis = properties.tokens().lastUseFlushTick().toMillis();
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "warden-refusals");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::flush, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    private void flush() {
        try {
            recorder.flush();
            long dropped = recorder.droppedCount();
            if (dropped > droppedReported) {
                LOG.warn(
                        "Dropped {} token refusals since start: more arrived between writes than the queue holds",
                        dropped);
                droppedReported = dropped;
            }
        } catch (RuntimeException e) {
            LOG.warn("Writing token refusals failed; will retry", e);
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
        int written = recorder.flush();
        LOG.info("Wrote {} token refusals at shutdown", written);
        scheduler = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096; // after the web server, as TokenUseFlusher
    }
}
