package dev.warden.web.audit;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditQuery;
import dev.warden.core.principal.Actor;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code GET /api/2.0/audit-events/export}: the events the list's filters select, all of them (up to 100 000), as a
 * CSV or JSON Lines download. Its own controller, without the list's {@code produces}, since it answers CSV or JSON
 * Lines and its errors in JSON.
 */
@ApiController
@Tag(name = "Audit log")
class AuditExportApiController {
    private final AuditExport export;

    AuditExportApiController(AuditExport export) {
        this.export = export;
    }

    @GetMapping("/api/2.0/audit-events/export")
    @RequiresPermission("audit:read")
    @Operation(
            summary = "Export audit events",
            description = "Every event that matches the filters of GET /api/2.0/audit-events, newest first, as one"
                    + " download (Content-Disposition: attachment), streamed; at most the newest 100000 events, so"
                    + " narrow since and until for older ones. format=csv (the default): RFC 4180 with a header row (id, time,"
                    + " action, actor_id, actor_name, target_type, target_id, target_name, subject_ids,"
                    + " client_address, details as a JSON object); a cell starting with = + - @, tab or carriage"
                    + " return gets a leading ' so a spreadsheet does not run it. format=jsonl: one event per line in"
                    + " the list's event shape.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            content = {
                                @Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                                @Content(mediaType = "application/jsonl", schema = @Schema(type = "string"))
                            }))
    @Parameter(
            name = "format",
            in = ParameterIn.QUERY,
            required = true,
            schema =
                    @Schema(
                            type = "string",
                            allowableValues = {"csv", "jsonl"}))
    @Parameter(name = "actor_id", in = ParameterIn.QUERY, schema = @Schema(type = "integer", format = "int64"))
    @Parameter(name = "action", in = ParameterIn.QUERY, schema = @Schema(implementation = AuditAction.class))
    @Parameter(name = "target_type", in = ParameterIn.QUERY, schema = @Schema(type = "string", example = "TOKEN"))
    @Parameter(name = "target_id", in = ParameterIn.QUERY, schema = @Schema(type = "string"))
    @Parameter(name = "since", in = ParameterIn.QUERY, schema = @Schema(type = "integer", format = "int64"))
    @Parameter(name = "until", in = ParameterIn.QUERY, schema = @Schema(type = "integer", format = "int64"))
    void export(
            Actor actor,
            @Parameter(hidden = true) @RequestParam Map<String, String> query,
            HttpServletResponse response)
            throws IOException {
        AuditQuery filters = AuditFilters.fromApi(query);
        AuditExport.Format format = AuditExport.Format.parse(query.get(AuditExport.FORMAT));
        // an export is every match from the newest: a page token would silently drop the newer ones
        export.write(actor, filters.continuingAfter(null), format, response);
    }
}
