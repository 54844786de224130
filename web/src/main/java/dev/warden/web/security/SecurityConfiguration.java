package dev.warden.web.security;

import dev.warden.core.access.DecisionChain;
import dev.warden.core.shared.Validation;
import dev.warden.core.token.TokenUseRecorder;
import dev.warden.web.metrics.DecisionMetrics;
import dev.warden.web.shared.ApiError;
import dev.warden.web.shared.ApiErrorWriter;
import dev.warden.web.shared.OAuthErrorBody;
import dev.warden.web.shared.RefusalLog;
import io.github.wimdeblauwe.htmx.spring.boot.security.HxRefreshHeaderAuthenticationEntryPoint;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * Three chains (and forward authentication's own, {@code dev.warden.web.access.ForwardAuthSecurity}, and
 * Actuator's, {@link ActuatorSecurity}):
 * {@code /oidc/**} and {@code /oauth2/**} (OAuth discovery, token and introspection endpoints) are public and stateless; {@code /api/**} is
 * stateless and authenticated by bearer tokens through the decision chain (no session, no CSRF); everything else is
 * the console, with form login, a session and CSRF.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * Spring Security's observations off at the source. The property {@code management.observations.enable
     * .spring.security=false} only stops recording: the filter chain is still wrapped, an observation object per filter
     * per request, a few per cent of an authenticated API request's CPU in a flight recording. Warden's own meters
     * (decisions, tokens, last use) are what {@code /actuator/prometheus} shows.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The firewall's refusal of a URL it finds dangerous (an encoded slash, a {@code ;}, a {@code ..} segment…): the
     * API's JSON error under {@code /api/}, the console's error page elsewhere.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ApiErrorWriter errors) {
        RequestRejectedHandler console = new HttpStatusRequestRejectedHandler();
        return (request, response, rejected) -> {
            if (ApiErrorWriter.isOAuthPath(request.getRequestURI())) {
                errors.writeOAuth(
                        response,
                        400,
                        OAuthErrorBody.of(
                                OAuthErrorBody.INVALID_REQUEST,
                                "Warden rejected the URL: " + Validation.shorten(rejected.getMessage())));
                return;
            }
            if (!ApiErrorWriter.isApiPath(request.getRequestURI())) {
                console.handle(request, response, rejected);
                return;
            }
            errors.write(
                    response,
                    400,
                    ApiError.withReason(
                            ApiError.INVALID_PARAMETER_VALUE,
                            "Warden rejected the URL: " + Validation.shorten(rejected.getMessage()),
                            "URL_REJECTED",
                            null));
        };
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(
            HttpSecurity http,
            DecisionChain chain,
            TokenUseRecorder usage,
            ApiErrorWriter errors,
            Clock clock,
            RefusalLog refusals,
            DecisionMetrics metrics)
            throws Exception {
        return http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                // No session: the context lives in the request alone, as STATELESS would keep it, without the
                // session filter STATELESS still adds. No anonymous user and no servlet-API wrapper either: the
                // bearer filter authenticates every request that goes on or answers it itself, and no API handler
                // asks the servlet request who is calling (the Actor comes from the security context).
                .sessionManagement(session -> session.disable())
                .securityContext(
                        context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(servletApi -> servletApi.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .headers(SecurityConfiguration::sameOriginReferrer)
                .addFilterBefore(
                        new BearerTokenFilter(chain, usage, errors, clock, refusals, metrics, null),
                        ExceptionTranslationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, e) -> errors.write(
                                response, 401, ApiError.of(ApiError.UNAUTHENTICATED, "Authentication is required.")))
                        .accessDeniedHandler((request, response, e) -> errors.write(
                                response, 403, ApiError.of(ApiError.PERMISSION_DENIED, "Access is denied."))))
                .build();
    }

    /**
     * The OAuth endpoints ({@code /oidc/**}: discovery and the token endpoint; {@code /oauth2/**}: introspection):
     * public, stateless, no CSRF (a token or introspection request authenticates with its client credentials, which
     * the endpoint checks itself), no session, no login page.
     */
    @Bean
    @Order(0)
    SecurityFilterChain oauth(HttpSecurity http) throws Exception {
        return http.securityMatcher("/oidc/**", "/oauth2/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .headers(SecurityConfiguration::sameOriginReferrer)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, ConsoleSessions sessions) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(
                                "/login",
                                "/error",
                                "/webjars/**",
                                "/css/**",
                                "/js/**",
                                "/favicon.ico",
                                "/.well-known/**")
                        .permitAll()
                        // the API description and its viewer: public, like the API's own error answers
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/", false)
                        .failureHandler(new SignInFailureHandler())
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                // sessions are registered per user, so a password change or reset can end the others
                .sessionManagement(session -> session.sessionConcurrency(sessions::track))
                .exceptionHandling(exceptions -> exceptions
                        // An htmx request whose session ended gets a full page refresh (to the login page),
                        // not a login form swapped into a table cell.
                        .defaultAuthenticationEntryPointFor(
                                new HxRefreshHeaderAuthenticationEntryPoint(),
                                new RequestHeaderRequestMatcher("HX-Request"))
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/login"), request -> true))
                .headers(SecurityConfiguration::sameOriginReferrer)
                .headers(headers -> headers.contentSecurityPolicy(csp ->
                        csp.policyDirectives("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                                + " img-src 'self' data:; frame-ancestors 'none'; form-action 'self'")))
                .build();
    }

    /**
     * Warden's URLs (token ids, filters, user and group names) are nobody else's business, so no other origin gets
     * a Referer. {@code same-origin} rather than {@code no-referrer}: under {@code no-referrer} browsers send
     * {@code Origin: null} on the console's own form posts, which would blind any origin check. HSTS needs nothing
     * here: Spring Security sends it on every secure request, and behind a trusted proxy Tomcat's RemoteIpValve
     * ({@code server.forward-headers-strategy: native}) makes a request secure from {@code X-Forwarded-Proto}.
     */
    private static void sameOriginReferrer(HeadersConfigurer<HttpSecurity> headers) {
        headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN));
    }
}
