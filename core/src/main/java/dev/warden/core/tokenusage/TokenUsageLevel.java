package dev.warden.core.tokenusage;

/** Levels on the object {@code authorization/tokens}. */
public enum TokenUsageLevel {
    /** Create, use and revoke one's own tokens. */
    CAN_USE("Can create, use and revoke their own tokens"),
    /** Also manage everyone's tokens and the token usage list. */
    CAN_MANAGE("Can also manage everyone's tokens and this permission list");

    private final String description;

    TokenUsageLevel(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static TokenUsageLevel higher(TokenUsageLevel one, TokenUsageLevel other) {
        return one == CAN_MANAGE || other == CAN_MANAGE ? CAN_MANAGE : CAN_USE;
    }
}
