package dev.warden.web.oauth;

import dev.warden.core.access.Introspection;
import dev.warden.core.oauth.AuthenticatedClient;
import dev.warden.core.oauth.ClientCredentialsService;
import dev.warden.core.oauth.OAuthError;
import dev.warden.core.oauth.OAuthException;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.service.RegisteredService;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.token.AccessToken;
import dev.warden.web.access.ServiceAccessMetrics;
import dev.warden.web.shared.OAuthErrorBody;
import dev.warden.web.shared.RefusalLog;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Token introspection (RFC 7662), {@code POST /oauth2/introspect}, for registered services: form {@code token}, the
 * optional {@code token_type_hint} (read and ignored: Warden has one kind of token value) and Warden's extension
 * {@code scope} (one scope of the calling service). The caller authenticates as its service principal, with HTTP Basic
 * (application id and an OAuth secret; failures throttled as at the token endpoint) or with a bearer token of that
 * service principal; anyone else gets 401 {@code invalid_client}. The decision is core's {@link Introspection}.
 * <p>
 * An active answer carries {@code scope} (the token's effective scopes of the calling service only), {@code client_id}
 * (the application id when a service principal owns the token, absent for a user's), {@code username} (user name or
 * application id), {@code sub} (the owner's principal id, stable across renames), {@code token_type}, {@code exp}
 * (absent for a token that never expires), {@code iat}, {@code warden_principal_id} and {@code warden_token_id}; an
 * inactive one only {@code active: false} and {@code warden_reason}. Every answer is JSON with
 * {@code Cache-Control: no-store}; errors are RFC 6749 §5.2's, a {@code scope} that is not the caller's own is
 * {@code invalid_request} (400).
 */
@RestController
class IntrospectionEndpointController {
    static final String PATH = "/oauth2/introspect";
    private static final String CHALLENGE = "Basic realm=\"warden\", charset=\"UTF-8\"";

    private final ClientCredentialsService clients;
    private final ClientThrottle throttle;
    private final Introspection introspection;
    private final ServiceAccessMetrics metrics;
    private final RefusalLog refusals;

    IntrospectionEndpointController(
            ClientCredentialsService clients,
            ClientThrottle throttle,
            Introspection introspection,
            ServiceAccessMetrics metrics,
            RefusalLog refusals) {
        this.refusals = refusals;
        this.clients = clients;
        this.throttle = throttle;
        this.introspection = introspection;
        this.metrics = metrics;
    }

    /** Every method, so that a GET is answered here as the RFC's error rather than by the console. */
    @RequestMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> introspect(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            metrics.introspection(ServiceAccessMetrics.INVALID_REQUEST);
            return answer(HttpStatus.METHOD_NOT_ALLOWED)
                    .header(HttpHeaders.ALLOW, "POST")
                    .body(OAuthErrorBody.of(
                            OAuthErrorBody.INVALID_REQUEST,
                            "The introspection endpoint takes POST only, with a form body (RFC 7662 section 2.1)."));
        }
        Introspection.Origin origin =
                new Introspection.Origin(request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT));
        RegisteredService caller;
        try {
            caller = caller(request, origin);
        } catch (Refusal e) {
            metrics.introspection(ServiceAccessMetrics.INVALID_CLIENT);
            ResponseEntity.BodyBuilder answer =
                    answer(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
            if (e.retryAfter != null) {
                answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter));
            }
            return answer.body(OAuthErrorBody.of(OAuthError.INVALID_CLIENT.code(), e.getMessage()));
        }
        try {
            Map<String, String> form = form(request);
            String token = form.get("token");
            if (token == null) {
                throw new InvalidParameterException("token", "token is required: the token to introspect.");
            }
            long started = System.nanoTime();
            Introspection.Answer answer = introspection.introspect(caller, token, form.get("scope"), origin);
            metrics.introspection(answer, started);
            if (!answer.active()) {
                // the service was told "inactive": a refusal of the token, kept with this call's method and path
                refusals.refused(
                        answer.decision(), answer.reason(), request.getMethod(), request.getRequestURI(), request);
            }
            return answer(HttpStatus.OK).body(body(answer));
        } catch (InvalidParameterException e) {
            metrics.introspection(ServiceAccessMetrics.INVALID_REQUEST);
            return answer(HttpStatus.BAD_REQUEST)
                    .body(OAuthErrorBody.of(OAuthErrorBody.INVALID_REQUEST, e.getMessage()));
        }
    }

    /** The calling service, by HTTP Basic (client id and secret) or by a bearer token of its service principal. */
    private RegisteredService caller(HttpServletRequest request, Introspection.Origin origin) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String stripped = authorization == null ? "" : authorization.strip();
        int space = stripped.indexOf(' ');
        String scheme = space < 0 ? stripped : stripped.substring(0, space);
        if (scheme.equalsIgnoreCase("Bearer") && space > 0) {
            return introspection
                    .serviceOfBearer(
                            stripped.substring(space + 1).strip(), origin, refused -> refusals.canary(refused, request))
                    .orElseThrow(() -> new Refusal(
                            "The bearer token is not a working token of a registered service's service principal."
                                    + " Introspect with the service principal's client id and secret (HTTP Basic),"
                                    + " or with one of its tokens.",
                            null));
        }
        if (!scheme.equalsIgnoreCase("Basic")) {
            throw new Refusal(
                    "Introspection is for registered services: authenticate with the service principal's client id"
                            + " and secret (HTTP Basic), or with a bearer token of that service principal.",
                    null);
        }
        String[] credentials;
        try {
            credentials = ClientCredentialsRequest.basic(stripped);
        } catch (OAuthException e) {
            throw new Refusal(e.getMessage(), null);
        }
        String clientId = credentials[0];
        String address = request.getRemoteAddr();
        Optional<Duration> locked = throttle.lockedFor(clientId, address);
        if (locked.isPresent()) {
            long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
            throw new Refusal(
                    "Too many failed client authentications for this client id or from this address: try again in "
                            + seconds + " seconds.",
                    seconds);
        }
        AuthenticatedClient client;
        try {
            client = clients.authenticate(clientId, credentials[1]);
        } catch (OAuthException e) {
            throttle.failed(clientId, address);
            throw new Refusal(e.getMessage(), null);
        }
        throttle.succeeded(clientId);
        Principal principal = client.servicePrincipal();
        return introspection
                .serviceOf(principal)
                .orElseThrow(() -> new Refusal(
                        "Service principal " + principal.displayName() + " (" + principal.applicationId() + ") "
                                + (principal.active()
                                        ? "authenticates for no registered service; only registered services may"
                                                + " introspect tokens. A workspace admin registers the service in"
                                                + " Admin Console > Services."
                                        : "is deactivated."),
                        null));
    }

    /** RFC 7662 §2.1: a form body; RFC 6749 §3.2's rules as the token endpoint reads them (no query, no repeats). */
    private static Map<String, String> form(HttpServletRequest request) {
        if (!ClientCredentialsRequest.isForm(request.getContentType())) {
            throw new InvalidParameterException(
                    "Content-Type",
                    "Send the introspection request as a form: 'Content-Type: application/x-www-form-urlencoded'"
                            + " with token=<the token> in the body (RFC 7662 section 2.1).");
        }
        if (request.getQueryString() != null && !request.getQueryString().isEmpty()) {
            throw new InvalidParameterException(
                    "query",
                    "The introspection endpoint takes its parameters in the form body only, never in the URL (a"
                            + " token in a URL ends up in logs).");
        }
        Map<String, String> form = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (parameter.getValue().length > 1) {
                throw new InvalidParameterException(
                        parameter.getKey(), "A parameter of the introspection request is sent more than once.");
            }
            String value = parameter.getValue().length == 0 ? "" : parameter.getValue()[0];
            if (!value.isEmpty()) {
                form.put(parameter.getKey(), value);
            }
        }
        return form;
    }

    private static Map<String, Object> body(Introspection.Answer answer) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", answer.active());
        if (!answer.active()) {
            body.put("warden_reason", answer.reason().name());
            return body;
        }
        AccessToken token = answer.token();
        Principal owner = answer.owner();
        body.put("scope", answer.scopeList());
        if (owner.kind() == PrincipalKind.SERVICE_PRINCIPAL) {
            body.put("client_id", owner.applicationId());
        }
        body.put("username", owner.name());
        body.put("sub", String.valueOf(owner.id()));
        body.put("token_type", "Bearer");
        if (token.expiresAt() != null) {
            body.put("exp", token.expiresAt().getEpochSecond());
        }
        body.put("iat", token.createdAt().getEpochSecond());
        body.put("warden_principal_id", String.valueOf(owner.id()));
        body.put("warden_token_id", token.id().value());
        return body;
    }

    private static ResponseEntity.BodyBuilder answer(HttpStatus status) {
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache");
    }

    /** A caller that is not a registered service: 401 {@code invalid_client}. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Long retryAfter;

        Refusal(String message, Long retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }
    }
}
