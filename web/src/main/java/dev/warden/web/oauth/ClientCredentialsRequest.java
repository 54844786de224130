package dev.warden.web.oauth;

import dev.warden.core.oauth.OAuthError;
import dev.warden.core.oauth.OAuthException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * A token request read by the rules of RFC 6749 (§3.2, §2.3.1, §4.4.2): POST, a form body and no query, each
 * parameter at most once, and the client authenticated by exactly one method, HTTP Basic
 * ({@code client_secret_basic}) or {@code client_id}/{@code client_secret} in the body ({@code client_secret_post}).
 * Reading refuses with the RFC's error code; the secret is never part of a message.
 * @param basic whether the client authenticated with HTTP Basic (then a refusal carries that challenge)
 */
record ClientCredentialsRequest(String grantType, String clientId, String clientSecret, String scope, boolean basic) {
    static final String GRANT_TYPE = "grant_type";
    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";
    static final String SCOPE = "scope";

    static ClientCredentialsRequest read(HttpServletRequest request) {
        if (!isForm(request.getContentType())) {
            throw invalidRequest("Send the token request as a form: 'Content-Type: application/x-www-form-urlencoded'"
                    + " with grant_type=client_credentials in the body (RFC 6749 section 4.4.2).");
        }
        if (request.getQueryString() != null && !request.getQueryString().isEmpty()) {
            throw invalidRequest("The token endpoint takes its parameters in the form body only, never in the URL"
                    + " (a secret in a URL ends up in logs).");
        }
        Map<String, String[]> parameters = request.getParameterMap();
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (parameter.getValue().length > 1) {
                throw invalidRequest("The parameter " + printable(parameter.getKey()) + " is sent more than once.");
            }
        }
        String grantType = single(parameters, GRANT_TYPE);
        String formId = single(parameters, CLIENT_ID);
        String formSecret = single(parameters, CLIENT_SECRET);
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && !authorization.isBlank()) {
            String[] basic = basic(authorization);
            if (formSecret != null) {
                throw invalidRequest("The client authenticated twice, with HTTP Basic and with client_secret in the"
                        + " body; use one method (RFC 6749 section 2.3).");
            }
            if (formId != null && !formId.equals(basic[0])) {
                throw invalidRequest("client_id in the body is not the client id of the Authorization header.");
            }
            return new ClientCredentialsRequest(grantType, basic[0], basic[1], single(parameters, SCOPE), true);
        }
        return new ClientCredentialsRequest(grantType, formId, formSecret, single(parameters, SCOPE), false);
    }

    /** RFC 6749 §2.3.1: Basic credentials are each form-encoded before they are joined with ':' and base64-encoded. */
    static String[] basic(String authorization) {
        String stripped = authorization.strip();
        int space = stripped.indexOf(' ');
        String scheme = space < 0 ? stripped : stripped.substring(0, space);
        if (!scheme.equalsIgnoreCase("Basic") || space < 0) {
            throw new OAuthException(
                    OAuthError.INVALID_CLIENT,
                    "The token endpoint authenticates clients with HTTP Basic (client id and secret) or with"
                            + " client_id and client_secret in the form body, not with this Authorization header.");
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(stripped.substring(space + 1).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformedBasic();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw malformedBasic();
        }
        try {
            return new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
            };
        } catch (IllegalArgumentException e) {
            throw malformedBasic();
        }
    }

    private static OAuthException malformedBasic() {
        return new OAuthException(
                OAuthError.INVALID_CLIENT,
                "The HTTP Basic credentials are malformed: send base64 of 'client_id:client_secret'.");
    }

    static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static String single(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 || values[0].isEmpty() ? null : values[0];
    }

    private static OAuthException invalidRequest(String description) {
        return new OAuthException(OAuthError.INVALID_REQUEST, description);
    }

    /** A parameter name as the caller sent it, cut short and reduced to printable ASCII. */
    private static String printable(String name) {
        String cut = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        return "'" + cut.replaceAll("[^\\x20-\\x7E]", "?") + "'";
    }

    /** Spring may log handler arguments at DEBUG; the secret must not go with them. */
    @Override
    public String toString() {
        return "ClientCredentialsRequest[grantType=" + grantType + ", clientId=" + clientId
                + ", clientSecret=(redacted), scope=" + scope + ", basic=" + basic + "]";
    }
}
