package dev.warden.web.token;

import dev.warden.core.token.LeakReports;
import dev.warden.web.shared.ApiErrorWriter;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * The security chain of leak reports ({@link LeakReportFilter}), ahead of the API's: no credentials, no CSRF (an API
 * for machines, with no cookie to ride on), no session. Its filter answers every request, so the bearer filter and the
 * required-permission check never see it.
 */
@Configuration(proxyBeanMethods = false)
class LeakReportSecurity {

    @Bean
    @Order(-2)
    SecurityFilterChain leakReportChain(
            HttpSecurity http,
            LeakReports reports,
            LeakReportProperties settings,
            Clock clock,
            ApiErrorWriter errors,
            ObjectMapper json)
            throws Exception {
        GitHubSignatures signatures = settings.githubPublicKeys() == null
                ? GitHubSignatures.none()
                : GitHubSignatures.read(settings.githubPublicKeys(), json);
        LeakReportFilter filter =
                new LeakReportFilter(reports, new LeakReportThrottle(settings, clock), signatures, errors, json);
        return http.securityMatcher(LeakReportFilter.PATH)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .anonymous(anonymous -> anonymous.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(filter, AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
