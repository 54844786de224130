package dev.warden.web.webhook;

import dev.warden.core.webhook.WebhookDispatcher;
import dev.warden.web.config.WebhookProperties;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the webhook dispatcher every {@code warden.webhooks.tick} on the node that holds its lease (the pattern of
 * {@code notice.NoticeTicker}). A failed run is logged and never ends the schedule. {@link #runOnce()} is the hook for
 * tests.
 */
@Component
class WebhookTicker implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookTicker.class);

    private final WebhookDispatcher dispatcher;
    private final WebhookProperties properties;
    private ScheduledExecutorService executor;

    WebhookTicker(WebhookDispatcher dispatcher, WebhookProperties properties) {
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled()) {
            LOG.info("Webhook delivery is off on this node (warden.webhooks.enabled=false)");
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "warden-webhooks");
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
            LOG.warn("The webhook dispatch run failed; the next tick tries again", e);
        }
    }

    /** One run now, if this node holds the lease; empty otherwise. */
    synchronized Optional<WebhookDispatcher.RunResult> runOnce() {
        Optional<WebhookDispatcher.RunResult> result = dispatcher.tick();
        result.filter(r -> r.failedAttempts() + r.alertsFailed() > 0)
                .ifPresent(r -> LOG.info(
                        "Webhooks: {} delivered, {} tries failed (retried with back-off); alerts: {} sent, {} failed",
                        r.delivered(),
                        r.failedAttempts(),
                        r.alertsSent(),
                        r.alertsFailed()));
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
            dispatcher.release();
        } catch (RuntimeException e) {
            LOG.info("Could not give up the webhook-dispatch lease at shutdown; it runs out by itself");
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
