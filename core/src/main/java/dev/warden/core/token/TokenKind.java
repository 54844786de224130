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
    GROUP;

    /** Organisation and group tokens are owned by a technical user created for them and deleted with them. */
    public boolean backedByTechnicalUser() {
        return this == ORGANISATION || this == GROUP;
    }
}
