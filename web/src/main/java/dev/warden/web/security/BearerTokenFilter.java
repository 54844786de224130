package dev.warden.web.security;

import dev.warden.core.access.Decision;
import dev.warden.core.access.DecisionChain;
import dev.warden.core.access.Denial;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenUse;
import dev.warden.core.token.TokenUseRecorder;
import dev.warden.web.shared.ApiError;
import dev.warden.web.shared.ApiErrorWriter;
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
 * Created with {@code new} inside the API filter chain, so Boot does not also register it for every request.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
    private static final String BEARER = "Bearer ";

    private final DecisionChain chain;
    private final TokenUseRecorder usage;
    private final ApiErrorWriter errors;
    private final Clock clock;

    BearerTokenFilter(DecisionChain chain, TokenUseRecorder usage, ApiErrorWriter errors, Clock clock) {
        this.chain = chain;
        this.usage = usage;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain filters)
            throws ServletException, IOException {
        Decision decision = chain.evaluate(bearerValue(request));
        if (!decision.allowed()) {
            Denial denial = decision.denial();
            String code = denial.reason().isUnauthenticated() ? ApiError.UNAUTHENTICATED : ApiError.PERMISSION_DENIED;
            if (denial.reason().isUnauthenticated()) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"warden\", error=\"invalid_token\"");
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
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TokenAuthentication(decision));
        SecurityContextHolder.setContext(context);
        try {
            filters.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static String bearerValue(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).strip();
    }
}
