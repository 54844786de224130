package dev.warden.core.token;

/**
 * Who revoked a token, as a rank: restoring it needs at least the same authority, so an owner never undoes an
 * admin's revocation and a group admin never undoes an incident response. Weakest first.
 */
public enum RevocationAuthority {
    /** The owner, for their own token. */
    OWNER("its owner"),
    /** Warden itself, by a policy (e.g. inactivity). */
    POLICY("a Warden policy"),
    /** Someone acting through token management on that token (a workspace or group admin). */
    ADMIN("token management"),
    /** A bulk revoke with a reason: an incident response. */
    INCIDENT("an incident response (bulk revoke)");

    private final String description;

    RevocationAuthority(String description) {
        this.description = description;
    }

    /** True when this authority may undo a revocation made with {@code other}. */
    public boolean covers(RevocationAuthority other) {
        return compareTo(other) >= 0;
    }

    public String description() {
        return description;
    }
}
