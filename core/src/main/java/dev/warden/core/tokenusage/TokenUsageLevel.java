package dev.warden.core.tokenusage;

/**
 * Levels on the object {@code authorization/tokens}. An entry of the token usage list grants {@code CAN_USE};
 * {@code CAN_MANAGE} is reserved for workspace admins, who hold it through the workspace-admin role, as Databricks
 * reserves it for its admins. Managing other people's tokens or this list comes from roles (workspace-admin, or a
 * role with {@code token-management:*} or {@code permissions:write}), never from an entry.
 */
public enum TokenUsageLevel {
    /** Create, use and revoke one's own tokens: what an entry of the list grants. */
    CAN_USE("Can create, use and revoke their own tokens"),
    /** A workspace admin's level, shown in the list; not an entry, so it cannot be granted or removed there. */
    CAN_MANAGE("Workspace admins only, through the workspace-admin role: can also manage everyone's tokens and this"
            + " permission list; cannot be granted here");

    private final String description;

    TokenUsageLevel(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Whether an entry of the list may carry this level. */
    public boolean grantable() {
        return this == CAN_USE;
    }
}
