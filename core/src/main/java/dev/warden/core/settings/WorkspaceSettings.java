package dev.warden.core.settings;

import java.time.Duration;
import java.time.Instant;

/**
 * Runtime settings an admin edits, per workspace. Passed into the rules that need them, never read from a global.
 * @param tokensEnabled off: no token authenticates or can be created; nothing is deleted
 * @param maxTokenLifetimeDays 1–730, or null for no workspace cap (the installation's maximum still applies)
 * @param defaultTokenLifetimeDays lifetime of a token whose request names none, or null for the installation's
 * @param tokenQuota most tokens one principal may own
 * @param maxSecretLifetimeDays 1–730: the longest lifetime of a service principal's OAuth secret, also the lifetime of
 *     a secret whose request names none; null for {@value #MAX_LIFETIME_DAYS_LIMIT} days (Databricks' default)
 * @param revokeUnusedAfterDays the inactivity policy: tokens unused for more than this many days
 *     ({@value #MIN_UNUSED_DAYS}–{@value #MAX_LIFETIME_DAYS_LIMIT}) are revoked with authority POLICY; null: off
 * @param revokeUnusedSince when the inactivity policy took its current value (switched on, or its days changed): it
 *     revokes nothing until the notices' longest lead time has passed since, so every token gets its warnings first;
 *     null when the policy is off
 */
public record WorkspaceSettings(
        boolean tokensEnabled,
        Integer maxTokenLifetimeDays,
        Integer defaultTokenLifetimeDays,
        int tokenQuota,
        Integer maxSecretLifetimeDays,
        Integer revokeUnusedAfterDays,
        Instant revokeUnusedSince) {
    public static final int MAX_LIFETIME_DAYS_LIMIT = 730;
    /** The shortest inactivity period the policy accepts: a week, so a token used weekly is never caught. */
    public static final int MIN_UNUSED_DAYS = 7;

    public static final int DEFAULT_QUOTA = 600;
    public static final WorkspaceSettings DEFAULTS =
            new WorkspaceSettings(true, null, null, DEFAULT_QUOTA, null, null, null);

    /** Settings whose inactivity policy (if on) holds from the start of time: no grace for warnings. */
    public WorkspaceSettings(
            boolean tokensEnabled,
            Integer maxTokenLifetimeDays,
            Integer defaultTokenLifetimeDays,
            int tokenQuota,
            Integer maxSecretLifetimeDays,
            Integer revokeUnusedAfterDays) {
        this(
                tokensEnabled,
                maxTokenLifetimeDays,
                defaultTokenLifetimeDays,
                tokenQuota,
                maxSecretLifetimeDays,
                revokeUnusedAfterDays,
                null);
    }

    /** Settings without the inactivity policy. */
    public WorkspaceSettings(
            boolean tokensEnabled,
            Integer maxTokenLifetimeDays,
            Integer defaultTokenLifetimeDays,
            int tokenQuota,
            Integer maxSecretLifetimeDays) {
        this(
                tokensEnabled,
                maxTokenLifetimeDays,
                defaultTokenLifetimeDays,
                tokenQuota,
                maxSecretLifetimeDays,
                null,
                null);
    }

    /** Settings with the default secret lifetime. */
    public WorkspaceSettings(
            boolean tokensEnabled, Integer maxTokenLifetimeDays, Integer defaultTokenLifetimeDays, int tokenQuota) {
        this(tokensEnabled, maxTokenLifetimeDays, defaultTokenLifetimeDays, tokenQuota, null, null, null);
    }

    /** The longest lifetime a new service principal secret may have here (and the one it gets by default). */
    public Duration maxSecretLifetime() {
        return Duration.ofDays(maxSecretLifetimeDays == null ? MAX_LIFETIME_DAYS_LIMIT : maxSecretLifetimeDays);
    }
}
