package dev.warden.core.notice;

/** Why a notice warns that a token will stop working. */
public enum NoticeKind {
    /** The token reaches its expiry date. */
    EXPIRY,
    /** The workspace's inactivity policy revokes the token unless it is used before the due date. */
    INACTIVITY
}
