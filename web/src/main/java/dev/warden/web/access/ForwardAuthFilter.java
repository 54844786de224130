package dev.warden.web.access;

import dev.warden.core.access.Introspection;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import dev.warden.core.token.DenialReason;
import dev.warden.web.shared.ApiError;
import dev.warden.web.shared.ApiErrorWriter;
import dev.warden.web.shared.RefusalLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Forward authentication for reverse proxies (nginx {@code auth_request}, Traefik ForwardAuth, Envoy ext_authz over
 * HTTP): {@code GET} or {@code HEAD /api/2.0/forward-auth?scope=wiki:read} with the original request's
 * {@code Authorization} header. 200 with {@code X-Warden-Principal} (user name or application id),
 * {@code X-Warden-Principal-Id} and {@code X-Warden-Scopes} (the token's effective scopes of that scope's service);
 * 401 or 403 with the RFC 6750 challenge and {@code X-Warden-Reason}; 400 for a missing, malformed or unknown scope.
 * <p>
 * It is the last filter of a security chain of its own and answers every request itself: the call carries no
 * credentials of its own (the token it reads is the one being judged, not the caller's), so there is no permission to
 * declare, and no MVC handler exists for the path. That keeps "every API route declares its permission" true for
 * every handler, with this one path as the documented exemption. Created with {@code new} in that chain, so Boot does
 * not register it for every request.
 */
final class ForwardAuthFilter extends OncePerRequestFilter {
    static final String PATH = "/api/2.0/forward-auth";
    static final String PRINCIPAL = "X-Warden-Principal";
    static final String PRINCIPAL_ID = "X-Warden-Principal-Id";
    static final String SCOPES = "X-Warden-Scopes";
    static final String REASON = "X-Warden-Reason";
    private static final String BEARER = "Bearer";

    private final Introspection introspection;
    private final ServiceAccessMetrics metrics;
    private final ApiErrorWriter errors;
    private final RefusalLog refusals;

    ForwardAuthFilter(
            Introspection introspection, ServiceAccessMetrics metrics, ApiErrorWriter errors, RefusalLog refusals) {
        this.introspection = introspection;
        this.metrics = metrics;
        this.errors = errors;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain filters)
            throws IOException {
        boolean head = "HEAD".equals(request.getMethod());
        if (!head && !"GET".equals(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, "GET, HEAD");
            metrics.forwardAuth(ServiceAccessMetrics.INVALID_REQUEST);
            errors.write(
                    response,
                    405,
                    ApiError.of(
                            ApiError.METHOD_NOT_ALLOWED,
                            "The endpoint " + PATH + " does not accept " + Validation.shorten(request.getMethod())
                                    + "; forward authentication takes GET or HEAD only."));
            return;
        }
        Introspection.Answer answer;
        long started = System.nanoTime();
        try {
            String[] scopes = request.getParameterValues("scope");
            if (scopes != null && scopes.length > 1) {
                throw new InvalidParameterException(
                        "scope", "scope is sent more than once; forward authentication checks one scope per call.");
            }
            answer = introspection.forward(
                    bearer(request.getHeader(HttpHeaders.AUTHORIZATION)),
                    scopes == null ? null : scopes[0],
                    new Introspection.Origin(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT)));
        } catch (InvalidParameterException e) {
            metrics.forwardAuth(ServiceAccessMetrics.INVALID_REQUEST);
            errors.write(response, 400, ApiError.invalidParameter(e.field(), e.getMessage()));
            return;
        }
        metrics.forwardAuth(answer, started);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (answer.active()) {
            response.setStatus(200);
            response.setHeader(PRINCIPAL, answer.owner().name());
            response.setHeader(PRINCIPAL_ID, String.valueOf(answer.owner().id()));
            response.setHeader(SCOPES, answer.scopeList());
            return; // no body: the proxy reads the status and the headers
        }
        DenialReason reason = answer.reason();
        refusals.refused(answer.decision(), reason, originalMethod(request), originalPath(request), request);
        response.setHeader(REASON, reason.name());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge(reason, request.getParameter("scope")));
        String message = answer.decision().denial().message();
        String code = reason.isUnauthenticated() ? ApiError.UNAUTHENTICATED : ApiError.PERMISSION_DENIED;
        if (head) {
            response.setStatus(reason.httpStatus());
            return;
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        if (answer.service() != null) {
            metadata.put("service", answer.service().name());
        }
        errors.write(response, reason.httpStatus(), ApiError.withReason(code, message, reason.name(), metadata));
    }

    /**
     * RFC 6750 §3.1: no token gets the bare challenge, a token that failed gets {@code invalid_token}, and a token
     * that authenticated but may not use the scope gets {@code insufficient_scope} naming it. The scope was checked
     * to be well formed before any 403, so it stays within the header grammar.
     */
    static String challenge(DenialReason reason, String scope) {
        if (reason == DenialReason.TOKEN_MISSING) {
            return "Bearer realm=\"warden\"";
        }
        if (reason.isUnauthenticated()) {
            return "Bearer realm=\"warden\", error=\"invalid_token\"";
        }
        return "Bearer realm=\"warden\", error=\"insufficient_scope\", scope=\"" + scope.strip() + "\"";
    }

    /**
     * The method of the request the proxy guards, as the proxy forwarded it (Traefik's {@code X-Forwarded-Method},
     * nginx's conventional {@code X-Original-Method}); else this call's own.
     */
    static String originalMethod(HttpServletRequest request) {
        String forwarded = firstOf(request, "X-Forwarded-Method", "X-Original-Method");
        return forwarded != null ? forwarded : request.getMethod();
    }

    /**
     * The path of the request the proxy guards ({@code X-Forwarded-Uri}, {@code X-Original-URI}; the recorded refusal
     * drops its query string); else this call's own path.
     */
    static String originalPath(HttpServletRequest request) {
        String forwarded = firstOf(request, "X-Forwarded-Uri", "X-Original-URI");
        return forwarded != null ? forwarded : request.getRequestURI();
    }

    private static String firstOf(HttpServletRequest request, String... headers) {
        for (String header : headers) {
            String value = request.getHeader(header);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    /** The bearer value of the original request; null for none, or for credentials of another scheme. */
    private static String bearer(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        String stripped = authorization.strip();
        int space = stripped.indexOf(' ');
        if (space < 0 || !stripped.substring(0, space).equalsIgnoreCase(BEARER)) {
            return null;
        }
        return stripped.substring(space + 1).strip();
    }
}
