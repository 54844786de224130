package dev.warden.web.security;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With a management port of its own ({@code MANAGEMENT_SERVER_PORT}), Actuator answers there without a token
 * ({@link ActuatorSecurity}), so that port listens on loopback unless {@code management.server.address} says
 * otherwise. Set here rather than in application.yaml because Boot refuses the address while Actuator shares the
 * application's port.
 */
public final class ManagementPortDefaults implements EnvironmentPostProcessor, Ordered {
    static final String ADDRESS = "management.server.address";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (ManagementPortType.get(environment) == ManagementPortType.DIFFERENT
                && !environment.containsProperty(ADDRESS)) {
            environment
                    .getPropertySources()
                    .addLast(new MapPropertySource("wardenManagementDefaults", Map.of(ADDRESS, "127.0.0.1")));
        }
    }

    /** After the configuration files are read: the ports they set decide. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
