package dev.warden.core.audit;

public enum AuditAction {
    TOKEN_CREATED,
    TOKEN_REVOKED,
    TOKEN_RESTORED,
    TOKEN_DELETED,
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    WORKSPACE_BOOTSTRAPPED
}
