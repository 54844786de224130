package dev.warden.web.audit;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditLogService;
import dev.warden.core.principal.Actor;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The workspace's audit log, newest first, filtered and paged by keyset. Every parameter is read by hand from the
 * query ({@link AuditFilters}) so that any bad value is refused naming its field (an empty value counts as absent).
 */
@ApiController
@Tag(name = "Audit log", description = "Who changed what, when, from where")
@RequestMapping(path = "/api/2.0/audit-events", produces = "application/json")
class AuditEventApiController {
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
                    + " page_token for the next page, with the same filters. target.name is the target's name now (a"
                    + " token's comment, a principal's user name or display name, a group's, role's or service's"
                    + " name), absent when the target no longer exists.")
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
        return AuditEventsResponse.of(audit.search(
                actor,
                AuditFilters.fromApi(query),
                AuditFilters.pageSize(AuditFilters.value(query, AuditLogService.PAGE_SIZE_FIELD))));
    }
}
