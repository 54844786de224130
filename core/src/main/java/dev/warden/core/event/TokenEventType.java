package dev.warden.core.event;

/** The kinds of token event, with the {@code type} string a webhook carries (Standard Webhooks style). */
public enum TokenEventType {
    CREATED("token.created", false),
    REVOKED("token.revoked", false),
    RESTORED("token.restored", false),
    DELETED("token.deleted", false),
    /** A new secret for the same token; the old one may still work for its grace period. */
    ROTATED("token.rotated", false),
    /** A policy (owner deactivated, token usage lost, tokens switched off) stopped a token that a person did not. */
    SUSPENDED("token.suspended", false),
    /** Reported as leaked and revoked; the owner and the admins are also told by e-mail. */
    LEAKED("token.leaked", true),
    /** Someone presented a canary token; the owner and the admins are also told by e-mail. */
    CANARY_TRIGGERED("token.canary_triggered", true),
    /** The token expires within a lead time of the workspace's notices. */
    EXPIRING("token.expiring", false),
    /**
     * The workspace's inactivity policy revokes the token within a lead time of its notices unless it is used (a
     * {@code Notice} of kind {@code INACTIVITY}; {@code data.due_at} says when).
     */
    UNUSED("token.unused", false);

    private final String type;
    private final boolean alertsByMail;

    TokenEventType(String type, boolean alertsByMail) {
        this.type = type;
        this.alertsByMail = alertsByMail;
    }

    /** The {@code type} field of the webhook payload, e.g. {@code token.revoked}. */
    public String type() {
        return type;
    }

    /** Whether the event also goes out as an e-mail alert to the people who answer for the token. */
    public boolean alertsByMail() {
        return alertsByMail;
    }
}
