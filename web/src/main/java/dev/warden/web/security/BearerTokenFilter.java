package dev.warden.web.security;

import dev.warden.core.access.Decision;
import dev.warden.core.access.DecisionChain;
import dev.warden.core.access.Denial;
import dev.warden.core.permission.Permission;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.DenialReason;
import dev.warden.core.token.TokenUse;
import dev.warden.core.token.TokenUseRecorder;
import dev.warden.web.metrics.DecisionMetrics;
import dev.warden.web.shared.ApiError;
import dev.warden.web.shared.ApiErrorWriter;
import dev.warden.web.shared.RefusalLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /api/**} requests by their bearer token through the decision chain. A refusal is
 * answered here, in the Databricks error shape with the chain's reason code; nothing downstream runs.
 * Created with {@code new} inside the API filter chain, so Boot does not also register it for every request. For
 * {@code /actuator/prometheus} it also walks the permission steps for {@code metrics:read} (an Actuator endpoint has
 * no {@code @RequiresPermission} route for {@link RequiredPermissionInterceptor} to read).
 */
final class BearerTokenFilter extends OncePerRequestFilter {
    private static final String BEARER = "Bearer";

    private final DecisionChain chain;
    private final TokenUseRecorder usage;
    private final ApiErrorWriter errors;
    private final Clock clock;
    private final RefusalLog refusals;
    private final DecisionMetrics metrics;
    /** The permission every request through this filter needs; null: the route declares it (the API). */
    private final Permission required;

    BearerTokenFilter(
            DecisionChain chain,
            TokenUseRecorder usage,
            ApiErrorWriter errors,
            Clock clock,
            RefusalLog refusals,
            DecisionMetrics metrics,
            Permission required) {
        this.chain = chain;
        this.usage = usage;
        this.errors = errors;
        this.clock = clock;
        this.refusals = refusals;
        this.metrics = metrics;
        this.required = required;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain filters)
            throws ServletException, IOException {
        long started = System.nanoTime();
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String scheme = schemeOf(authorization);
        Decision decision = scheme == null || scheme.equalsIgnoreCase(BEARER)
                ? chain.evaluate(bearerValue(authorization))
                : chain.refuseScheme(scheme);
        if (decision.allowed() && required != null) {
            decision = chain.authorize(decision, required);
        }
        if (!decision.allowed() || required != null) {
            metrics.decided(decision, started);
        }
        if (!decision.allowed()) {
            Denial denial = decision.denial();
            refusals.refused(decision, request);
            String code = denial.reason().isUnauthenticated() ? ApiError.UNAUTHENTICATED : ApiError.PERMISSION_DENIED;
            if (denial.reason().isUnauthenticated()) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge(denial));
            } else if (denial.reason() == DenialReason.SCOPE_MISSING) {
                response.setHeader(
                        HttpHeaders.WWW_AUTHENTICATE,
                        RequiredPermissionInterceptor.insufficientScope(
                                String.join(" ", denial.fact(Denial.REQUIRED_SCOPE)),
                                String.join(" ", denial.fact(Denial.TOKEN_SCOPES))));
            }
            errors.write(
                    response,
                    denial.reason().httpStatus(),
                    ApiError.withReason(code, denial.message(), denial.reason().name(), null));
            return;
        }
        AccessToken token = decision.token();
        usage.record(new TokenUse(
                token.workspace(),
                token.id(),
                clock.instant(),
                request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT)));
        long authenticated = System.nanoTime();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TokenAuthentication(decision));
        SecurityContextHolder.setContext(context);
        try {
            filters.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
            if (required == null) {
                metrics.requestDone(request, started, authenticated);
            }
        }
    }

    /**
     * RFC 6750 §3.1: a request that carried no bearer token (none at all, or credentials of another scheme) gets
     * the bare challenge, without an error code; a token that was sent and failed gets {@code invalid_token}.
     */
    static String challenge(Denial denial) {
        return denial.reason() == DenialReason.TOKEN_MISSING
                ? "Bearer realm=\"warden\""
                : "Bearer realm=\"warden\", error=\"invalid_token\"";
    }

    /** The authentication scheme of an Authorization header (its first word); null when there is no header. */
    static String schemeOf(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        String stripped = authorization.strip();
        int space = stripped.indexOf(' ');
        return space < 0 ? stripped : stripped.substring(0, space);
    }

    private static String bearerValue(String authorization) {
        if (authorization == null || schemeOf(authorization) == null) {
            return null;
        }
        String stripped = authorization.strip();
        return stripped.length() <= BEARER.length()
                ? null
                : stripped.substring(BEARER.length()).strip();
    }
}
