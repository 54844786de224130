package dev.warden.core.oauth;

/** The error codes of RFC 6749 §5.2 the token endpoint answers with, and their HTTP status. */
public enum OAuthError {
    /** A parameter is missing, repeated, unsupported or malformed, or more than one authentication method was used. */
    INVALID_REQUEST("invalid_request", 400),
    /** Client authentication failed: no such client, a wrong or expired secret, or none presented. */
    INVALID_CLIENT("invalid_client", 401),
    /** The grant is not valid (not used by client credentials; listed for completeness). */
    INVALID_GRANT("invalid_grant", 400),
    /** The client authenticated, but may not get a token now: deactivated, tokens disabled, no token usage. */
    UNAUTHORIZED_CLIENT("unauthorized_client", 400),
    /** A grant type other than {@code client_credentials}. */
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
    /** An unknown scope, or one beyond what the service principal's roles grant now. */
    INVALID_SCOPE("invalid_scope", 400);

    private final String code;
    private final int httpStatus;

    OAuthError(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The value of the {@code error} member. */
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
