package dev.warden.web.metrics;

import dev.warden.core.access.Decision;
import dev.warden.core.token.DenialReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Every decision of the chain that answers a request, counted by its reason code ({@code warden_decisions_total}
 * tagged {@code reason}: {@code ALLOWED} or a {@link DenialReason}) and timed ({@code warden_decision_seconds}, a
 * histogram with fixed buckets). One request counts once, with its final answer: Warden's own API (bearer filter,
 * then the route's permission), {@code /actuator/prometheus}, introspection and forward authentication. Both only
 * touch memory, so the decision costs no more statements; the counters exist from the start (at zero), so a rate
 * over a reason that has not happened yet is 0 rather than absent.
 */
@Component
public class DecisionMetrics {
    public static final String DECISIONS = "warden.decisions";
    public static final String LATENCY = "warden.decision";
    public static final String ALLOWED = "ALLOWED";

    /** Where the API's permission step leaves its answer for the bearer filter, which counts the request. */
    private static final String CONCLUDED = DecisionMetrics.class.getName() + ".concluded";

    private final Counter allowed;
    private final Map<DenialReason, Counter> refused = new EnumMap<>(DenialReason.class);
    private final Timer latency;

    public DecisionMetrics(MeterRegistry registry) {
        allowed = counter(registry, ALLOWED);
        for (DenialReason reason : DenialReason.values()) {
            refused.put(reason, counter(registry, reason.name()));
        }
        latency = Timer.builder(LATENCY)
                .description("Time the decision chain took to answer a request (authentication and permission)")
                // a warm decision is one indexed read; the upper buckets show a slow database or a cold cache
                .serviceLevelObjectives(
                        Duration.ofNanos(250_000),
                        Duration.ofNanos(500_000),
                        Duration.ofMillis(1),
                        Duration.ofMillis(2),
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2))
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String reason) {
        return Counter.builder(DECISIONS)
                .description("Decisions of the decision chain by reason code (ALLOWED or the refusal's reason)")
                .tag("reason", reason)
                .register(registry);
    }

    /** A decision that answered its request, taken since {@code startedNanos} ({@link System#nanoTime()}). */
    public void decided(Decision decision, long startedNanos) {
        decided(decision.allowed() ? null : decision.denial().reason(), startedNanos, System.nanoTime());
    }

    /** As {@link #decided(Decision, long)} by the answer's reason; {@code reason} null: allowed. */
    public void decided(DenialReason reason, long startedNanos) {
        decided(reason, startedNanos, System.nanoTime());
    }

    private void decided(DenialReason reason, long startedNanos, long endedNanos) {
        (reason == null ? allowed : refused.get(reason)).increment();
        latency.record(endedNanos - startedNanos, TimeUnit.NANOSECONDS);
    }

    /** The final answer of an API request's permission step, to be counted by {@link #requestDone}. */
    public static void concluded(HttpServletRequest request, Decision decision) {
        request.setAttribute(
                CONCLUDED,
                new Concluded(decision.allowed() ? null : decision.denial().reason(), System.nanoTime()));
    }

    /**
     * Counts an API request whose token authenticated: with the permission step's answer when the route asked one,
     * else as allowed when authentication ended (a path with no route, a request refused before its handler).
     */
    public void requestDone(HttpServletRequest request, long startedNanos, long authenticatedNanos) {
        Concluded concluded = request.getAttribute(CONCLUDED) instanceof Concluded c ? c : null;
        if (concluded == null) {
            decided(null, startedNanos, authenticatedNanos);
        } else {
            decided(concluded.reason(), startedNanos, concluded.atNanos());
        }
    }

    private record Concluded(DenialReason reason, long atNanos) {}
}
