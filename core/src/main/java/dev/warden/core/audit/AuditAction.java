package dev.warden.core.audit;

public enum AuditAction {
    TOKEN_CREATED,
    TOKEN_REVOKED,
    TOKEN_RESTORED,
    TOKEN_DELETED,
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    /** A console sign-in refused without checking the password: too many recent failures for the name or address. */
    LOGIN_THROTTLED,
    /** A user changed its own console password. */
    PASSWORD_CHANGED,
    /** A workspace admin set another user's console password. */
    PASSWORD_RESET,
    /** The start-up recovery setting set a workspace admin's password (actor {@code system}). */
    ADMIN_RECOVERED,
    WORKSPACE_BOOTSTRAPPED,
    PRINCIPAL_CREATED,
    PRINCIPAL_UPDATED,
    PRINCIPAL_ACTIVATED,
    PRINCIPAL_DEACTIVATED,
    PRINCIPAL_DELETED,
    /** The entitlements of a user, service principal or group were replaced; the details hold before and after. */
    ENTITLEMENTS_CHANGED,
    GROUP_CREATED,
    GROUP_UPDATED,
    GROUP_DELETED,
    GROUP_MEMBER_ADDED,
    GROUP_MEMBER_REMOVED,
    ROLE_CREATED,
    ROLE_UPDATED,
    ROLE_DELETED,
    ROLE_ASSIGNED,
    ROLE_UNASSIGNED,
    TOKEN_ACL_CHANGED,
    TOKEN_ROTATED,
    TOKEN_SCOPES_NARROWED,
    /** A token's comment (its name) was changed; the details hold before and after. */
    TOKEN_COMMENT_CHANGED,
    TOKENS_BULK_REVOKED,
    /**
     * A token reported as leaked (by a secret scanner or in a plain text report) was revoked with authority
     * {@code INCIDENT}; the details say where it was found and from which address the report came.
     */
    TOKEN_LEAK_REPORTED,
    /**
     * Someone presented a canary token (or reported it as leaked): refused as unknown, alerted; the details say from
     * which address, with which user agent, on which endpoint, and how many further uses the alert stood for.
     */
    CANARY_TRIGGERED,
    WORKSPACE_SETTINGS_CHANGED,
    /** An OAuth secret of a service principal was created (its value shown once to the actor). */
    SERVICE_PRINCIPAL_SECRET_CREATED,
    /** An OAuth secret of a service principal was deleted; the tokens it obtained were revoked with it. */
    SERVICE_PRINCIPAL_SECRET_DELETED,
    /** A service was registered with its scopes (target type {@code service}, id its name). */
    SERVICE_REGISTERED,
    /** A registered service's display name or scopes changed; the details list the scopes added and removed. */
    SERVICE_UPDATED,
    /** A registered service was removed, and its scopes with it. */
    SERVICE_DELETED,
    /** A webhook was added (target type {@code webhook}); the details hold its URL and event types, never its secret. */
    WEBHOOK_CREATED,
    /** A webhook's URL, event types or enabled flag changed; the details hold before and after. */
    WEBHOOK_UPDATED,
    /** A webhook was deleted, with its delivery log. */
    WEBHOOK_DELETED,
    /** A webhook got a new signing secret (shown once to the actor, never recorded). */
    WEBHOOK_SECRET_ROTATED,
    /** A {@code webhook.test} event was sent to a webhook. */
    WEBHOOK_TESTED
}
