package dev.warden.core.token;

/** What someone may do to a token; the token access policy decides each one. */
public enum TokenAction {
    READ,
    NARROW,
    ROTATE,
    REVOKE,
    RESTORE,
    DELETE;

    /** Everything but reading changes the token. */
    public boolean changes() {
        return this != READ;
    }
}
