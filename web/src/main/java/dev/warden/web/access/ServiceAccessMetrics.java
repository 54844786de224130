package dev.warden.web.access;

import dev.warden.core.access.Introspection;
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
 * times a second, and the audit log is for changes. Both tags have a fixed, small set of values.
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

    public ServiceAccessMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry.getIfAvailable();
    }

    public void introspection(Introspection.Answer answer) {
        count(INTROSPECTION, answer);
    }

    public void introspection(String result) {
        count(INTROSPECTION, result, NONE);
    }

    public void forwardAuth(Introspection.Answer answer) {
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
