package dev.warden.core.token;

/** How a token came to be, for the inventory and lineage. */
public enum TokenKind {
    /** Created by its owner for itself. */
    PERSONAL,
    /** Created by an admin for a service principal, which owns it. */
    ON_BEHALF_OF,
    /** Backed by a technical user holding a workspace role. */
    ORGANISATION,
    /** Backed by a technical user holding a role on one group. */
    GROUP,
    /**
     * An OAuth access token a service principal obtained with one of its secrets (client credentials): short-lived,
     * owned by the service principal and linked to the secret, which revokes it when deleted.
     */
    OAUTH,
    /**
     * A tripwire: it never authenticates, and any use is refused exactly like an unknown token while it raises an
     * alert. Owned by the admin who created it (so alerts reach them and the admins), without scopes, outside the
     * quota and outside its owner's own token list.
     */
    CANARY;

    /** Organisation and group tokens are owned by a technical user created for them and deleted with them. */
    public boolean backedByTechnicalUser() {
        return this == ORGANISATION || this == GROUP;
    }

    /**
     * Whether the per-principal quota counts tokens of this kind. OAuth access tokens live an hour and a client gets
     * a new one whenever it needs one, so they are bounded by their lifetime and their secret instead (and removed
     * once expired), and issuing one takes no lock on the owner.
     */
    public boolean countsTowardQuota() {
        return this != OAUTH && this != CANARY;
    }

    /**
     * Whether the workspace's inactivity policy ("revoke tokens unused for N days") revokes tokens of this kind. Not
     * OAuth access tokens: they live an hour and a client fetches a new one whenever it needs one. A kind that must
     * never be revoked by the policy (a canary, which is meant to lie unused) answers false.
     */
    public boolean revokedWhenUnused() {
        return this != OAUTH && this != CANARY;
    }

    /**
     * Whether the token is gone within the hour by design (OAuth access tokens): nobody is warned that it expires
     * soon, and "Expiring soon" ({@link ExpiringSoon}) never counts it, since a new one is a request away.
     */
    public boolean shortLived() {
        return this == OAUTH;
    }
}
