package dev.warden.core.token;

/** What someone may do to a token; the token access policy decides each one. */
public enum TokenAction {
    READ,
    NARROW,
    /** Changing the comment (the token's name). */
    COMMENT,
    ROTATE,
    REVOKE,
    RESTORE,
    DELETE;

    /** Everything but reading changes the token. */
    public boolean changes() {
        return this != READ;
    }
}
