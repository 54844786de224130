package dev.warden.web.metrics;

import dev.warden.core.canary.CanaryAlarm;
import dev.warden.core.token.TokenRefusalRecorder;
import dev.warden.core.token.TokenUseRecorder;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * What waits in memory to be written off the request thread: last use ({@code warden_last_use_pending}, and
 * {@code warden_last_use_lag_seconds}, how old the oldest unwritten use is, which stays near the write interval
 * while the flush keeps up and grows while the database does not take the writes) and recent refusals
 * ({@code warden_refusals_pending}, and {@code warden_refusals_dropped_total}, dropped because the queue was full),
 * and the alerts of canary tokens ({@code warden_canary_alerts_pending}, {@code warden_canary_alerts_dropped_total}).
 */
@Component
class RecorderGauges implements MeterBinder {
    private final TokenUseRecorder uses;
    private final TokenRefusalRecorder refusals;
    private final CanaryAlarm canaries;
    private final Clock clock;

    RecorderGauges(TokenUseRecorder uses, TokenRefusalRecorder refusals, CanaryAlarm canaries, Clock clock) {
        this.uses = uses;
        this.refusals = refusals;
        this.canaries = canaries;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("warden.last_use.pending", uses, TokenUseRecorder::pendingCount)
                .description("Tokens whose last use waits to be written")
                .register(registry);
        Gauge.builder("warden.last_use.lag", this, RecorderGauges::lagSeconds)
                .description("Age of the oldest last use not yet written (0 when none waits)")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("warden.refusals.pending", refusals, TokenRefusalRecorder::pendingCount)
                .description("Refusals of tokens waiting to be written to their recent refusals")
                .register(registry);
        FunctionCounter.builder("warden.refusals.dropped", refusals, TokenRefusalRecorder::droppedCount)
                .description("Refusals not kept because the queue was full, since start")
                .register(registry);
        Gauge.builder("warden.canary_alerts.pending", canaries, CanaryAlarm::pendingCount)
                .description("Alerts of canary tokens waiting to be written")
                .register(registry);
        FunctionCounter.builder("warden.canary_alerts.dropped", canaries, CanaryAlarm::droppedCount)
                .description("Alerts of canary tokens not raised because the queue was full, since start")
                .register(registry);
    }

    private double lagSeconds() {
        Instant now = clock.instant();
        return uses.oldestPending()
                .map(oldest -> Math.max(0, Duration.between(oldest, now).toNanos()) / 1e9)
                .orElse(0.0);
    }
}
