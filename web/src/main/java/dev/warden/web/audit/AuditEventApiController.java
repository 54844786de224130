package dev.warden.web.audit;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditCursor;
import dev.warden.core.audit.AuditLogService;
import dev.warden.core.audit.AuditQuery;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The workspace's audit log, newest first, filtered and paged by keyset. Every parameter is read by hand from the
 * query so that any bad value is refused naming its field (an empty value counts as absent).
 */
@ApiController
@Tag(name = "Audit log", description = "Who changed what, when, from where")
@RequestMapping(path = "/api/2.0/audit-events", produces = "application/json")
class AuditEventApiController {
    private static final Pattern DECIMAL_ID = Pattern.compile("\\d{1,18}");
    private static final Pattern TARGET_TYPE = Pattern.compile("[A-Za-z_]{1,64}");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{1,15}");
    /** 9999-12-31T23:59:59.999Z: the last millisecond a DATETIME column holds. */
    private static final long MAX_MILLIS = 253_402_300_799_999L;

    private static final int MAX_TARGET_ID = 255;

    private final AuditLogService audit;

    AuditEventApiController(AuditLogService audit) {
        this.audit = audit;
    }

    @GetMapping
    @RequiresPermission("audit:read")
    @Operation(
            summary = "List audit events",
            description = "Newest first. since is inclusive and until exclusive (epoch milliseconds); target_id also"
                    + " finds events that list the target among several (a bulk revoke). Pass next_page_token as"
                    + " page_token for the next page, with the same filters.")
    @Parameter(name = "actor_id", in = ParameterIn.QUERY, schema = @Schema(type = "integer", format = "int64"))
    @Parameter(name = "action", in = ParameterIn.QUERY, schema = @Schema(implementation = AuditAction.class))
    @Parameter(name = "target_type", in = ParameterIn.QUERY, schema = @Schema(type = "string", example = "TOKEN"))
    @Parameter(name = "target_id", in = ParameterIn.QUERY, schema = @Schema(type = "string"))
    @Parameter(name = "since", in = ParameterIn.QUERY, schema = @Schema(type = "integer", format = "int64"))
    @Parameter(name = "until", in = ParameterIn.QUERY, schema = @Schema(type = "integer", format = "int64"))
    @Parameter(
            name = "page_size",
            in = ParameterIn.QUERY,
            schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "100"))
    @Parameter(name = "page_token", in = ParameterIn.QUERY, schema = @Schema(type = "string"))
    AuditEventsResponse list(Actor actor, @Parameter(hidden = true) @RequestParam Map<String, String> query) {
        String token = value(query, AuditCursor.FIELD);
        AuditQuery filters = new AuditQuery(
                actorId(value(query, "actor_id")),
                action(value(query, "action")),
                targetType(value(query, "target_type")),
                targetId(value(query, "target_id")),
                time(value(query, "since"), "since"),
                time(value(query, "until"), "until"),
                token == null ? null : AuditCursor.parse(token));
        return AuditEventsResponse.of(audit.search(actor, filters, pageSize(value(query, "page_size"))));
    }

    /** The value as sent, or null when absent or empty. */
    private static String value(Map<String, String> query, String name) {
        String value = query.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static PrincipalId actorId(String raw) {
        if (raw == null) {
            return null;
        }
        if (!DECIMAL_ID.matcher(raw).matches()) {
            throw new InvalidParameterException(
                    "actor_id", "actor_id must be a principal's numeric id; got " + Validation.echo(raw) + ".");
        }
        return new PrincipalId(Long.parseLong(raw));
    }

    private static AuditAction action(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return AuditAction.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    "action",
                    "action must be an audit action such as TOKEN_CREATED or ROLE_ASSIGNED; got " + Validation.echo(raw)
                            + ".");
        }
    }

    private static String targetType(String raw) {
        if (raw == null) {
            return null;
        }
        if (!TARGET_TYPE.matcher(raw).matches()) {
            throw new InvalidParameterException(
                    "target_type",
                    "target_type must be a word such as TOKEN, PRINCIPAL, GROUP or ROLE; got " + Validation.echo(raw)
                            + ".");
        }
        return AuditEventsResponse.AuditTargetType.fromApi(raw);
    }

    private static String targetId(String raw) {
        if (raw != null && raw.length() > MAX_TARGET_ID) {
            throw new InvalidParameterException(
                    "target_id", "target_id must be at most " + MAX_TARGET_ID + " characters long.");
        }
        return raw;
    }

    private static Instant time(String raw, String field) {
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

    private static Integer pageSize(String raw) {
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
