package dev.warden.core.access;

/** The checks of the decision chain, in the order every request walks them (DESIGN, "The decision chain"). */
public enum Step {
    PRESENTED("a token was presented"),
    FORMAT("the value has Warden's format and its checksum matches"),
    KNOWN("a token with this hash exists"),
    NOT_REVOKED("the token is not revoked"),
    NOT_EXPIRED("the token is not expired"),
    TOKENS_ENABLED("tokens are enabled in the workspace"),
    OWNER_ACTIVE("the token's owner is active"),
    TOKEN_USAGE("the owner holds token usage permission, directly or through a group"),
    ROLE_GRANTS_PERMISSION("the owner's current roles grant the permission the endpoint needs"),
    SCOPE_GRANTS_PERMISSION("the token's scopes include the permission the endpoint needs");

    private final String description;

    Step(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
