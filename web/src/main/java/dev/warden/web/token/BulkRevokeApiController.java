package dev.warden.web.token;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.token.TokenFilter;
import dev.warden.core.token.TokenManagementService;
import dev.warden.core.token.TokenManagementService.BulkRevocation;
import dev.warden.core.token.TokenManagementService.BulkRevokePreview;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import dev.warden.web.token.BulkRevokeModels.BulkRevokePreviewResponse;
import dev.warden.web.token.BulkRevokeModels.BulkRevokeRequest;
import dev.warden.web.token.BulkRevokeModels.BulkRevokeResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Bulk revoke by filter (Warden extension): the preview counts the tokens that work now and match, and their
 * owners; the revoke takes them out of service with a required reason, in one audit record that lists them.
 * The filters are those of {@code GET /token-management/tokens}, as JSON fields; none means every token that works.
 */
@ApiController
@Tag(name = "Token management")
@RequestMapping(path = "/api/2.0/token-management/tokens/bulk-revoke", produces = "application/json")
class BulkRevokeApiController {
    private static final Set<String> REASON = Set.of("reason");

    private final TokenManagementService management;
    private final BulkRevokeFilters filters;
    private final Clock clock;

    BulkRevokeApiController(TokenManagementService management, BulkRevokeFilters filters, Clock clock) {
        this.management = management;
        this.filters = filters;
        this.clock = clock;
    }

    @PostMapping("/preview")
    @RequiresPermission(Permission.TOKEN_MANAGEMENT_WRITE)
    @Operation(summary = "How many tokens, of how many owners, a bulk revoke with these filters would revoke")
    BulkRevokePreviewResponse preview(
            Actor actor,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = BulkRevokeRequest.class)))
                    @RequestBody(required = false)
                    Map<String, Object> body) {
        BulkRevokePreview preview = management.previewBulkRevoke(actor, filter(actor, fields(body)));
        return new BulkRevokePreviewResponse(preview.tokens(), preview.owners(), preview.more());
    }

    @PostMapping
    @RequiresPermission(Permission.TOKEN_MANAGEMENT_WRITE)
    @Operation(summary = "Revoke every token that works and matches the filters (at most 10 000), with a reason")
    BulkRevokeResponse revoke(
            Actor actor,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = BulkRevokeRequest.class)))
                    @RequestBody(required = false)
                    Map<String, Object> body) {
        Map<String, String> fields = fields(body);
        BulkRevocation done = management.bulkRevoke(actor, filter(actor, fields), fields.get("reason"));
        return new BulkRevokeResponse(done.tokenIds(), done.tokenIds().size(), done.owners());
    }

    private TokenFilter filter(Actor actor, Map<String, String> fields) {
        return filters.filter(actor, BulkRevokeFilters.select(fields, REASON), clock.instant());
    }

    /** The JSON fields as the query strings {@link TokenListQuery} reads; a list or an object is a 400. */
    private static Map<String, String> fields(Map<String, Object> body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body == null) {
            return fields;
        }
        body.forEach((name, value) -> {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                fields.put(name, String.valueOf(value));
            } else if (value != null) {
                throw new InvalidParameterException(
                        name, name + " must be a single value (a string, number or" + " boolean).");
            }
        });
        return fields;
    }
}
