package dev.warden.web.access;

import dev.warden.core.access.Introspection;
import dev.warden.web.shared.ApiErrorWriter;
import dev.warden.web.shared.RefusalLog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The security chain of forward authentication, ahead of the API's ({@code /api/**}): stateless, no CSRF, no
 * session, nothing to log in with. Its {@link ForwardAuthFilter} answers every request, so the API's bearer filter
 * (which would refuse the token being judged as if it were the caller's) and the required-permission check never see
 * it. See {@link ForwardAuthFilter} for why this one API path declares no permission.
 */
@Configuration(proxyBeanMethods = false)
class ForwardAuthSecurity {

    @Bean
    @Order(-1)
    SecurityFilterChain forwardAuth(
            HttpSecurity http,
            Introspection introspection,
            ServiceAccessMetrics metrics,
            ApiErrorWriter errors,
            RefusalLog refusals)
            throws Exception {
        return http.securityMatcher(ForwardAuthFilter.PATH)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .anonymous(anonymous -> anonymous.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(
                        new ForwardAuthFilter(introspection, metrics, errors, refusals), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
