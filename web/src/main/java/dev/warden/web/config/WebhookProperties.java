package dev.warden.web.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery ({@code warden.webhooks.*}; README, "Webhooks and token events").
 *
 * @param enabled whether this node runs the dispatcher at all (events are queued either way)
 * @param tick how often the dispatcher looks for due deliveries and alerts (one node at a time, under the {@code
 *     webhook-dispatch} lease)
 * @param connectTimeout how long a delivery waits for the receiver's connection
 * @param readTimeout how long a delivery waits for the receiver's answer
 * @param retention how long events, their deliveries and the delivery log are kept once nothing is left to do
 */
@ConfigurationProperties("warden.webhooks")
public record WebhookProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5s") Duration tick,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("30d") Duration retention) {

    /** The lease outlives a tick a little, and a whole run of slow receivers (a batch of 100 at the read timeout). */
    public Duration lease() {
        return tick.plus(tick.dividedBy(2)).plus(readTimeout.multipliedBy(100));
    }
}
