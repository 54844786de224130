package dev.warden.core.settings;

/**
 * Runtime settings an admin edits, per workspace. Passed into the rules that need them, never read from a global.
 * @param tokensEnabled off: no token authenticates or can be created; nothing is deleted
 * @param maxTokenLifetimeDays 1–730, or null for no workspace cap (the installation's maximum still applies)
 * @param defaultTokenLifetimeDays lifetime of a token whose request names none, or null for the installation's
 * @param tokenQuota most tokens one principal may own
 */
public record WorkspaceSettings(
        boolean tokensEnabled, Integer maxTokenLifetimeDays, Integer defaultTokenLifetimeDays, int tokenQuota) {
    public static final int MAX_LIFETIME_DAYS_LIMIT = 730;
    public static final int DEFAULT_QUOTA = 600;
    public static final WorkspaceSettings DEFAULTS = new WorkspaceSettings(true, null, null, DEFAULT_QUOTA);
}
