package dev.warden.core.token;

/** Why the decision chain refused a request: a stable code with the HTTP status it answers with. */
public enum DenialReason {
    TOKEN_MISSING(401, "No access token was presented"),
    TOKEN_MALFORMED(401, "The access token is malformed"),
    TOKEN_UNKNOWN(401, "The access token is not known to Warden"),
    TOKEN_REVOKED(401, "The access token was revoked"),
    TOKEN_EXPIRED(401, "The access token expired"),
    TOKENS_DISABLED(403, "Tokens are disabled in this workspace"),
    OWNER_INACTIVE(401, "The owner of the access token is deactivated"),
    NO_TOKEN_USAGE_PERMISSION(403, "The owner does not have permission to use tokens"),
    ROLE_LACKS_PERMISSION(403, "The owner of this token lacks the permission that this endpoint needs"),
    SCOPE_MISSING(403, "This endpoint needs a scope the token does not hold");

    private final int httpStatus;
    private final String words;

    DenialReason(int httpStatus, String words) {
        this.httpStatus = httpStatus;
        this.words = words;
    }

    /**
     * The reason in words, as the opening of the decision chain's refusal message puts it (without the particulars:
     * the token, the owner, the scope), for lists such as a token's recent refusals.
     */
    public String words() {
        return words;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** 401-class: the caller is not (or no longer) authenticated, as opposed to authenticated but not allowed. */
    public boolean isUnauthenticated() {
        return httpStatus == 401;
    }
}
