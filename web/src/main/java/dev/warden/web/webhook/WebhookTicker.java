package dev.warden.web.webhook;

import dev.warden.core.webhook.WebhookDispatcher;
import dev.warden.web.config.WebhookProperties;
import dev.warden.web.shared.LeasedTicker;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Runs the webhook dispatcher (deliveries and e-mail alerts) every {@code warden.webhooks.tick}, on the lease holder. */
@Component
class WebhookTicker extends LeasedTicker {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookTicker.class);

    private final WebhookDispatcher dispatcher;

    WebhookTicker(WebhookDispatcher dispatcher, WebhookProperties properties) {
        super(
                "Webhook delivery",
                "warden-webhooks",
                properties.enabled(),
                "warden.webhooks.enabled",
                properties.tick());
        this.dispatcher = dispatcher;
    }

    @Override
    public synchronized Optional<WebhookDispatcher.RunResult> runOnce() {
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
    protected void release() {
        dispatcher.release();
    }
}
