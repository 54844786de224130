package dev.warden.web.audit;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditCursor;
import dev.warden.core.audit.AuditLogService;
import dev.warden.core.audit.AuditQuery;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the audit log's filters from a query, for the API's list and export and for the console: each bad value is
 * refused naming its field (an empty value counts as absent). The API takes times in epoch milliseconds; the console
 * takes dates (UTC days, {@code until} included).
 */
final class AuditFilters {
    static final String ACTOR_ID = "actor_id";
    static final String ACTION = "action";
    static final String TARGET_TYPE = "target_type";
    static final String TARGET_ID = "target_id";
    static final String SINCE = "since";
    static final String UNTIL = "until";

    private static final Pattern DECIMAL_ID = Pattern.compile("\\d{1,18}");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z_]{1,64}");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{1,15}");
    /** 9999-12-31T23:59:59.999Z: the last millisecond a DATETIME column holds. */
    private static final long MAX_MILLIS = 253_402_300_799_999L;
    /** The days a DATETIME column holds, with room for the day after {@code until}. */
    private static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);

    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 30);
    private static final int MAX_TARGET_ID = 255;

    private AuditFilters() {}

    /** The API's filters and page token. */
    static AuditQuery fromApi(Map<String, String> query) {
        String token = value(query, AuditCursor.FIELD);
        return new AuditQuery(
                actorId(value(query, ACTOR_ID)),
                action(value(query, ACTION)),
                targetType(value(query, TARGET_TYPE)),
                targetId(value(query, TARGET_ID)),
                millis(value(query, SINCE), SINCE),
                millis(value(query, UNTIL), UNTIL),
                token == null ? null : AuditCursor.parse(token));
    }

    /** The value as sent, or null when absent or empty. */
    static String value(Map<String, String> query, String name) {
        String value = query.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    static PrincipalId actorId(String raw) {
        if (raw == null) {
            return null;
        }
        if (!DECIMAL_ID.matcher(raw).matches()) {
            throw new InvalidParameterException(
                    ACTOR_ID, "actor_id must be a principal's numeric id; got " + Validation.echo(raw) + ".");
        }
        return new PrincipalId(Long.parseLong(raw));
    }

    static AuditAction action(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return AuditAction.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    ACTION,
                    "action must be an audit action such as TOKEN_CREATED or ROLE_ASSIGNED; got " + Validation.echo(raw)
                            + ".");
        }
    }

    /** Spelled as stored (lower case; SETTINGS is stored as workspace). */
    static String targetType(String raw) {
        if (raw == null) {
            return null;
        }
        if (!TYPE.matcher(raw).matches()) {
            throw new InvalidParameterException(
                    TARGET_TYPE,
                    "target_type must be a word such as TOKEN, PRINCIPAL, GROUP or ROLE; got " + Validation.echo(raw)
                            + ".");
        }
        return AuditEventsResponse.AuditTargetType.fromApi(raw);
    }

    static String targetId(String raw) {
        if (raw != null && raw.length() > MAX_TARGET_ID) {
            throw new InvalidParameterException(
                    TARGET_ID, "target_id must be at most " + MAX_TARGET_ID + " characters long.");
        }
        return raw;
    }

    static Instant millis(String raw, String field) {
        if (raw == null) {
            return null;
        }
        if (!EPOCH_MILLIS.matcher(raw).matches() || Long.parseLong(raw) > MAX_MILLIS) {
            throw new InvalidParameterException(
                    field,
                    field + " must be a time in epoch milliseconds, such as 1767225600000; got " + Validation.echo(raw)
                            + ".");
        }
        return Instant.ofEpochMilli(Long.parseLong(raw));
    }

    /**
     * A console date (a UTC day, as an {@code <input type="date">} sends it): the start of that day, or for
     * {@code until} (which includes its day) the start of the next.
     */
    static Instant day(String raw, String field) {
        if (raw == null) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(raw.strip());
            if (!day.isBefore(FIRST_DAY) && !day.isAfter(LAST_DAY)) {
                LocalDate start = field.equals(UNTIL) ? day.plusDays(1) : day;
                return start.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw new InvalidParameterException(
                field, "Choose a date such as 2026-12-31 (UTC); got " + Validation.echo(raw) + ".");
    }

    static Integer pageSize(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Integer.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(
                    AuditLogService.PAGE_SIZE_FIELD,
                    "page_size must be a whole number from 1 to " + AuditLogService.MAX_PAGE + "; got "
                            + Validation.echo(raw) + ".");
        }
    }
}
