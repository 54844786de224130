package dev.warden.web.config;

import dev.warden.core.token.TokenUseRecorder;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Writes coalesced last-use data off the request thread. It stops after the web server (lower phase),
 * so at shutdown no request can add a use after the final {@link TokenUseRecorder#flushAll()}.
 * <p>
 * While the database is unreachable each round fails after the pool's connection timeout and the recorder keeps
 * the uses pending (at most one per token, the newest), to be written on the first round after it answers again;
 * a failed round is logged and never ends the schedule.
 */
@Component
class TokenUseFlusher implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(TokenUseFlusher.class);

    private final TokenUseRecorder recorder;
    private final long tickMillis;
    private ScheduledExecutorService scheduler;

    TokenUseFlusher(TokenUseRecorder recorder, WardenProperties properties) {
        this.recorder = recorder;
        this.tickMillis = properties.tokens().lastUseFlushTick().toMillis();
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "warden-last-use");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::flushDue, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    private void flushDue() {
        try {
            recorder.flushDue();
        } catch (RuntimeException e) {
            LOG.warn("Writing token last-use data failed; will retry", e);
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
        int written = recorder.flushAll();
        int unwritten = recorder.pendingCount(); // only when the database is unreachable at shutdown
        if (unwritten > 0) {
            LOG.warn(
                    "Wrote last use of {} tokens at shutdown; the database could not take {} more", written, unwritten);
        } else {
            LOG.info("Wrote last use of {} tokens at shutdown", written);
        }
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
