package dev.warden.web.access;

import dev.warden.core.access.Introspection;
import dev.warden.web.metrics.DecisionMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Counts introspection and forward-authentication calls by result, in Micrometer when a registry is present (Actuator
 * brings one): {@code warden.introspection.requests} and {@code warden.forward_auth.requests}, tagged {@code result}
 * ({@code active}, {@code inactive}, {@code invalid_request}, {@code invalid_client}) and {@code reason} (the denial
 * reason code, or {@code none}). They are counted rather than audited one by one: a busy resource server asks many
 * times a second, and the audit log is for changes. Both tags have a fixed, small set of values. An answer about a
 * token is also one decision of the chain ({@link DecisionMetrics}).
 */
@Component
public class ServiceAccessMetrics {
    public static final String INTROSPECTION = "warden.introspection.requests";
    public static final String FORWARD_AUTH = "warden.forward_auth.requests";
    public static final String ACTIVE = "active";
    public static final String INACTIVE = "inactive";
    public static final String INVALID_REQUEST = "invalid_request";
    public static final String INVALID_CLIENT = "invalid_client";
    private static final String NONE = "none";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final DecisionMetrics decisions;

    public ServiceAccessMetrics(ObjectProvider<MeterRegistry> registry, DecisionMetrics decisions) {
        this.registry = registry.getIfAvailable();
        this.decisions = decisions;
    }

    /** An introspection answer about a token, decided since {@code startedNanos} ({@link System#nanoTime()}). */
    public void introspection(Introspection.Answer answer, long startedNanos) {
        decisions.decided(answer.active() ? null : answer.reason(), startedNanos);
        count(INTROSPECTION, answer);
    }

    public void introspection(String result) {
        count(INTROSPECTION, result, NONE);
    }

    /** A forward-authentication answer, decided since {@code startedNanos} ({@link System#nanoTime()}). */
    public void forwardAuth(Introspection.Answer answer, long startedNanos) {
        decisions.decided(answer.active() ? null : answer.reason(), startedNanos);
        count(FORWARD_AUTH, answer);
    }

    public void forwardAuth(String result) {
        count(FORWARD_AUTH, result, NONE);
    }

    private void count(String name, Introspection.Answer answer) {
        count(
                name,
                answer.active() ? ACTIVE : INACTIVE,
                answer.active() ? NONE : answer.reason().name());
    }

    private void count(String name, String result, String reason) {
        if (registry == null) {
            return;
        }
        counters.computeIfAbsent(
                        name + '|' + result + '|' + reason,
                        key -> Counter.builder(name)
                                .description("Calls by registered services and reverse proxies asking about a token")
                                .tag("result", result)
                                .tag("reason", reason)
                                .register(registry))
                .increment();
    }
}
