package dev.warden.core.settings;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.shared.Validation;
import dev.warden.core.workspace.AuthorizationVersions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workspace settings as the Databricks {@code workspace-conf} keys (string values). A change is validated in full
 * before anything is stored, and audited with before and after.
 */
public final class SettingsService {
    public static final String ENABLE_TOKENS = "enableTokensConfig";
    public static final String MAX_LIFETIME_DAYS = "maxTokenLifetimeDays";
    public static final String DEFAULT_LIFETIME_DAYS = "defaultTokenLifetimeDays";
    public static final String TOKEN_QUOTA = "tokenQuotaPerPrincipal";
    /** The longest lifetime of a service principal's OAuth secret, in days (empty: 730). */
    public static final String MAX_SECRET_LIFETIME_DAYS = "maxSecretLifetimeDays";

    /** The inactivity policy: revoke tokens unused for more than this many days (7–730; empty: off). */
    public static final String REVOKE_UNUSED_DAYS = "revokeUnusedTokensAfterDays";

    public static final List<String> KEYS = List.of(
            ENABLE_TOKENS,
            MAX_LIFETIME_DAYS,
            DEFAULT_LIFETIME_DAYS,
            TOKEN_QUOTA,
            MAX_SECRET_LIFETIME_DAYS,
            REVOKE_UNUSED_DAYS);
    private static final int QUOTA_LIMIT = 100_000;

    private final SettingsRepository settings;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final AuthorizationVersions versions;
    private final Clock clock;

    public SettingsService(
            SettingsRepository settings,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            Clock clock) {
        this.settings = settings;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.versions = versions;
        this.clock = clock;
    }

    public WorkspaceSettings get(Actor actor) {
        access.require(actor, Permission.SETTINGS_READ);
        return settings.get(actor.workspace());
    }

    /** All known keys with their current values; an unset number is {@code ""}. */
    public static Map<String, String> asConf(WorkspaceSettings current) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put(ENABLE_TOKENS, Boolean.toString(current.tokensEnabled()));
        conf.put(
                MAX_LIFETIME_DAYS,
                current.maxTokenLifetimeDays() == null
                        ? ""
                        : current.maxTokenLifetimeDays().toString());
        conf.put(
                DEFAULT_LIFETIME_DAYS,
                current.defaultTokenLifetimeDays() == null
                        ? ""
                        : current.defaultTokenLifetimeDays().toString());
        conf.put(TOKEN_QUOTA, Integer.toString(current.tokenQuota()));
        conf.put(
                MAX_SECRET_LIFETIME_DAYS,
                current.maxSecretLifetimeDays() == null
                        ? ""
                        : current.maxSecretLifetimeDays().toString());
        conf.put(
                REVOKE_UNUSED_DAYS,
                current.revokeUnusedAfterDays() == null
                        ? ""
                        : current.revokeUnusedAfterDays().toString());
        return conf;
    }

    /** Changes the given keys, keeps the rest. A null value clears an optional number. */
    public WorkspaceSettings update(Actor actor, Map<String, String> changes) {
        access.require(actor, Permission.SETTINGS_WRITE);
        return tx.inTransaction(() -> {
            versions.bump(actor.workspace());
            WorkspaceSettings before = settings.get(actor.workspace());
            WorkspaceSettings after = apply(before, changes, clock.instant().truncatedTo(ChronoUnit.MICROS));
            if (after.defaultTokenLifetimeDays() != null
                    && after.maxTokenLifetimeDays() != null
                    && after.defaultTokenLifetimeDays() > after.maxTokenLifetimeDays()) {
                throw new InvalidParameterException(
                        DEFAULT_LIFETIME_DAYS,
                        DEFAULT_LIFETIME_DAYS + " ("
                                + after.defaultTokenLifetimeDays() + ") must not exceed " + MAX_LIFETIME_DAYS + " ("
                                + after.maxTokenLifetimeDays() + ").");
            }
            if (!after.equals(before)) {
                settings.save(actor.workspace(), after);
                audit.record(AuditEvent.by(
                                actor,
                                AuditAction.WORKSPACE_SETTINGS_CHANGED,
                                clock.instant().truncatedTo(ChronoUnit.MICROS))
                        .target("workspace", actor.workspace().toString())
                        .detail("before", asConf(before).toString())
                        .detail("after", asConf(after).toString())
                        .build());
            }
            return after;
        });
    }

    private static WorkspaceSettings apply(WorkspaceSettings current, Map<String, String> changes, Instant now) {
        boolean enabled = current.tokensEnabled();
        Integer max = current.maxTokenLifetimeDays();
        Integer preferred = current.defaultTokenLifetimeDays();
        int quota = current.tokenQuota();
        Integer secretMax = current.maxSecretLifetimeDays();
        Integer unused = current.revokeUnusedAfterDays();
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String key = change.getKey();
            String value = change.getValue() == null ? "" : change.getValue().strip();
            switch (key) {
                case ENABLE_TOKENS -> enabled = bool(key, value);
                case MAX_LIFETIME_DAYS -> max = days(key, value);
                case DEFAULT_LIFETIME_DAYS -> preferred = days(key, value);
                case TOKEN_QUOTA -> quota = quota(value);
                case MAX_SECRET_LIFETIME_DAYS -> secretMax = days(key, value);
                case REVOKE_UNUSED_DAYS -> unused = unusedDays(value);
                default ->
                    throw new InvalidParameterException(
                            key,
                            "Unknown workspace-conf key " + Validation.echo(key) + ". Known keys: "
                                    + String.join(", ", KEYS) + ".");
            }
        }
        // a policy switched on or changed starts over: its warnings come first (WorkspaceSettings#revokeUnusedSince)
        Instant since = unused == null
                ? null
                : unused.equals(current.revokeUnusedAfterDays()) ? current.revokeUnusedSince() : now;
        return new WorkspaceSettings(enabled, max, preferred, quota, secretMax, unused, since);
    }

    private static boolean bool(String key, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new InvalidParameterException(
                key, key + " must be \"true\" or \"false\"; got " + Validation.echo(value) + ".");
    }

    private static Integer days(String key, String value) {
        if (value.isEmpty() || value.equals("null")) {
            return null;
        }
        int days = integer(key, value);
        if (days < 1 || days > WorkspaceSettings.MAX_LIFETIME_DAYS_LIMIT) {
            throw new InvalidParameterException(
                    key,
                    key + " must be a number of days from 1 to " + WorkspaceSettings.MAX_LIFETIME_DAYS_LIMIT
                            + ", or empty for none; got " + value + ".");
        }
        return days;
    }

    /** The inactivity policy's days, or null (off) for an empty value. */
    private static Integer unusedDays(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.equals("null")) {
            return null;
        }
        int days = integer(REVOKE_UNUSED_DAYS, v);
        if (days < WorkspaceSettings.MIN_UNUSED_DAYS || days > WorkspaceSettings.MAX_LIFETIME_DAYS_LIMIT) {
            throw new InvalidParameterException(
                    REVOKE_UNUSED_DAYS,
                    REVOKE_UNUSED_DAYS + " must be a number of days from " + WorkspaceSettings.MIN_UNUSED_DAYS
                            + " to " + WorkspaceSettings.MAX_LIFETIME_DAYS_LIMIT + ", or empty for off; got "
                            + Validation.echo(v) + ".");
        }
        return days;
    }

    private static int quota(String value) {
        int quota = integer(TOKEN_QUOTA, value);
        if (quota < 1 || quota > QUOTA_LIMIT) {
            throw new InvalidParameterException(
                    TOKEN_QUOTA, TOKEN_QUOTA + " must be from 1 to " + QUOTA_LIMIT + "; got " + value + ".");
        }
        return quota;
    }

    private static int integer(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(
                    key, key + " must be a whole number; got " + Validation.echo(value) + ".");
        }
    }
}
