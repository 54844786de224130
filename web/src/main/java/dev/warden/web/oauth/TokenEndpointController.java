package dev.warden.web.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.core.oauth.AccessTokenGrant;
import dev.warden.core.oauth.AuthenticatedClient;
import dev.warden.core.oauth.ClientCredentialsService;
import dev.warden.core.oauth.OAuthError;
import dev.warden.core.oauth.OAuthException;
import dev.warden.web.shared.OAuthErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth token endpoint, {@code POST /oidc/v1/token}: the client credentials grant (RFC 6749 §4.4) as the
 * Databricks SDK's {@code oauth-m2m} uses it. A small controller over core's {@link ClientCredentialsService}
 * rather than Spring Authorization Server (README, "Service principals and OAuth", says why): the access token is a
 * Warden token issued through the one token lifecycle. Every answer is JSON with {@code Cache-Control: no-store};
 * errors are RFC 6749 §5.2's, {@code invalid_client} with 401 and a Basic challenge. Failed client authentications
 * are throttled per client id and per address, as console sign-ins are.
 */
@RestController
class TokenEndpointController {
    static final String PATH = "/oidc/v1/token";
    private static final String CHALLENGE = "Basic realm=\"warden\", charset=\"UTF-8\"";

    private final ClientCredentialsService clients;
    private final ClientThrottle throttle;

    TokenEndpointController(ClientCredentialsService clients, ClientThrottle throttle) {
        this.clients = clients;
        this.throttle = throttle;
    }

    /** Every method, so that a GET is answered here as the RFC's error rather than by the console. */
    @RequestMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> token(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                    .header(HttpHeaders.ALLOW, "POST")
                    .cacheControl(CacheControl.noStore())
                    .header(HttpHeaders.PRAGMA, "no-cache")
                    .body(OAuthErrorBody.of(
                            OAuthErrorBody.INVALID_REQUEST,
                            "The token endpoint takes POST only, with a form body (RFC 6749 section 3.2)."));
        }
        String address = request.getRemoteAddr();
        ClientCredentialsRequest token;
        try {
            token = ClientCredentialsRequest.read(request);
        } catch (OAuthException e) {
            return refusal(e, request.getHeader(HttpHeaders.AUTHORIZATION) != null, null);
        }
        try {
            if (token.grantType() == null) {
                throw new OAuthException(
                        OAuthError.INVALID_REQUEST, "grant_type is missing; send grant_type=client_credentials.");
            }
            if (!ClientCredentialsService.GRANT_TYPE.equals(token.grantType())) {
                throw new OAuthException(
                        OAuthError.UNSUPPORTED_GRANT_TYPE,
                        "Warden supports the client_credentials grant only, for service principals with a secret.");
            }
            if (token.clientId() == null || token.clientSecret() == null) {
                throw new OAuthException(
                        OAuthError.INVALID_CLIENT,
                        "No client authentication: send the service principal's application id and secret as HTTP"
                                + " Basic credentials, or as client_id and client_secret in the form body.");
            }
            AuthenticatedClient client = authenticate(token, address);
            AccessTokenGrant grant = clients.grant(client, token.scope(), address);
            return ResponseEntity.ok()
                    .cacheControl(CacheControl.noStore())
                    .header(HttpHeaders.PRAGMA, "no-cache")
                    .body(new TokenResponse(
                            grant.issued().secret().reveal(), "Bearer", grant.expiresIn(), grant.scope()));
        } catch (ThrottledException e) {
            return refusal(e.refusal, token.basic(), e.retryAfter);
        } catch (OAuthException e) {
            return refusal(e, token.basic(), null);
        }
    }

    /** Refuses at once while the client id or the address is locked; counts each failure; a success clears the id. */
    private AuthenticatedClient authenticate(ClientCredentialsRequest token, String address) {
        Optional<Duration> locked = throttle.lockedFor(token.clientId(), address);
        if (locked.isPresent()) {
            long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
            throw new ThrottledException(
                    new OAuthException(
                            OAuthError.INVALID_CLIENT,
                            "Too many failed client authentications for this client id or from this address: try"
                                    + " again in " + seconds + " seconds."),
                    seconds);
        }
        try {
            AuthenticatedClient client = clients.authenticate(token.clientId(), token.clientSecret());
            throttle.succeeded(token.clientId());
            return client;
        } catch (OAuthException e) {
            throttle.failed(token.clientId(), address);
            throw e;
        }
    }

    private static ResponseEntity<Object> refusal(OAuthException e, boolean basic, Long retryAfter) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.error().httpStatus())
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache");
        if (e.error() == OAuthError.INVALID_CLIENT) {
            // RFC 6749 §5.2: a 401 names the scheme the client may authenticate with
            answer.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        if (retryAfter != null) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
        }
        return answer.body(OAuthErrorBody.of(e.error().code(), e.getMessage()));
    }

    /** RFC 6749 §5.1, with the scope granted (always sent: it may differ from what was asked for). */
    record TokenResponse(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("token_type") String tokenType,
            @JsonProperty("expires_in") long expiresIn,
            String scope) {
        /** Spring logs response bodies at DEBUG; the token must not go with them. */
        @Override
        public String toString() {
            return "TokenResponse[accessToken=(redacted), expiresIn=" + expiresIn + ", scope=" + scope + "]";
        }
    }

    /** A refusal while locked, with how long the lock lasts. */
    private static final class ThrottledException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient OAuthException refusal;
        private final long retryAfter;

        ThrottledException(OAuthException refusal, long retryAfter) {
            super(refusal.getMessage(), null, false, false);
            this.refusal = refusal;
            this.retryAfter = retryAfter;
        }
    }
}
