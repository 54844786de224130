package dev.warden.core.token;

public enum TokenStatus {
    ACTIVE,
    /** Disabled by a person; can be restored. */
    REVOKED,
    /** Past its expiry; final. */
    EXPIRED
}
