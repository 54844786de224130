package dev.warden.core.token;

/** Why the decision chain refused a request: a stable code with the HTTP status it answers with. */
public enum DenialReason {
    TOKEN_MISSING(401),
    TOKEN_MALFORMED(401),
    TOKEN_UNKNOWN(401),
    TOKEN_REVOKED(401),
    TOKEN_EXPIRED(401),
    TOKENS_DISABLED(403),
    OWNER_INACTIVE(401),
    NO_TOKEN_USAGE_PERMISSION(403),
    ROLE_LACKS_PERMISSION(403),
    SCOPE_MISSING(403);

    private final int httpStatus;

    DenialReason(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** 401-class: the caller is not (or no longer) authenticated, as opposed to authenticated but not allowed. */
    public boolean isUnauthenticated() {
        return httpStatus == 401;
    }
}
