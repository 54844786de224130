package dev.warden.web.security;

import dev.warden.core.access.DecisionChain;
import dev.warden.core.permission.Permission;
import dev.warden.core.token.TokenUseRecorder;
import dev.warden.web.metrics.DecisionMetrics;
import dev.warden.web.shared.ApiError;
import dev.warden.web.shared.ApiErrorWriter;
import dev.warden.web.shared.RefusalLog;
import java.time.Clock;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Who reaches Actuator (README "Metrics"). Only {@code health} and {@code prometheus} are exposed.
 * <ul>
 *   <li>On the application's port (no {@code management.server.port}): {@code /actuator/health} and its probe groups
 *       are open and say UP or DOWN and nothing more; everything else under {@code /actuator} needs a Warden bearer
 *       token whose owner holds {@code metrics:read} (and whose scopes cover it), walked through the decision chain
 *       like an API call: 401 without a working token, 403 without the permission, in the API's error shape.</li>
 *   <li>With {@code management.server.port} set (a port of its own, bound to loopback by default): Actuator answers
 *       there only, without a token (whoever reaches that address is trusted), and {@code /actuator/**} on the
 *       application's port finds nothing (404). Boot applies these same chains to the management port.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurity {
    private static final String ACTUATOR = "/actuator/**";

    /** The probes, before the chain below: no token needed, no session, no details. */
    @Bean
    @Order(0)
    SecurityFilterChain actuatorHealth(HttpSecurity http, Environment environment) throws Exception {
        return stateless(http.securityMatcher(
                        separatePort(environment)
                                ? new String[] {ACTUATOR}
                                : new String[] {"/actuator/health", "/actuator/health/**"}))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain actuator(
            HttpSecurity http,
            DecisionChain chain,
            TokenUseRecorder usage,
            ApiErrorWriter errors,
            Clock clock,
            RefusalLog refusals,
            DecisionMetrics metrics)
            throws Exception {
        return stateless(http.securityMatcher(ACTUATOR))
                .addFilterBefore(
                        new BearerTokenFilter(chain, usage, errors, clock, refusals, metrics, Permission.METRICS_READ),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> errors.write(
                                response, 401, ApiError.of(ApiError.UNAUTHENTICATED, "Authentication is required.")))
                        .accessDeniedHandler((request, response, e) -> errors.write(
                                response, 403, ApiError.of(ApiError.PERMISSION_DENIED, "Access is denied."))))
                .build();
    }

    private static boolean separatePort(Environment environment) {
        return ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable());
    }
}
