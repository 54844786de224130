package dev.warden.web.security;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * Actuator's handler mappings asked after the application's. Boot orders them first (-100), so every API request was
 * matched against Actuator's endpoints before its own handler was looked up: three mappings, each parsing the
 * {@code Accept} header for the endpoints' media types and, finding no match, searching its endpoints again for a
 * partial one (README, "Request cost and caching"). No path of the application lies under {@code /actuator}, so the
 * order decides nothing else; the probes and {@code /actuator/prometheus} now pass the application's mapping first,
 * a few microseconds each.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorMappingsLast {
    /** After Spring MVC's request mappings (0), before the welcome page and bean name mappings (2). */
    static final int ORDER = 1;

    @Bean
    static BeanPostProcessor actuatorMappingsAfterTheApplications() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof AbstractHandlerMapping mapping && isActuators(mapping)) {
                    mapping.setOrder(ORDER);
                }
                return bean;
            }
        };
    }

    private static boolean isActuators(AbstractHandlerMapping mapping) {
        return mapping.getClass().getPackageName().startsWith("org.springframework.boot.webmvc.actuate");
    }
}
