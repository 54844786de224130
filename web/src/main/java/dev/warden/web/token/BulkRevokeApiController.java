package dev.warden.web.token;

import dev.warden.core.principal.Actor;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
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
import java.math.BigInteger;
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
    private static final Set<String> WHOLE_NUMBERS =
            Set.of("owner_id", "created_by_id", "expiring_within_days", "unused_for_days");
    private static final Set<String> BOOLEANS = Set.of("never_used", TokenListQuery.EXPIRING_SOON);
    private static final Set<String> STRINGS = Set.of("created_by_username", "status", "kind", "scope", "reason");

    private final TokenManagementService management;
    private final BulkRevokeFilters filters;
    private final Clock clock;

    BulkRevokeApiController(TokenManagementService management, BulkRevokeFilters filters, Clock clock) {
        this.management = management;
        this.filters = filters;
        this.clock = clock;
    }

    @PostMapping("/preview")
    @RequiresPermission("token-management:write")
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
    @RequiresPermission("token-management:write")
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

    /**
     * The JSON fields as the query strings {@link TokenListQuery} reads, each of the type the request declares: a
     * number is no reason, 1.5 is no owner id (a whole number may come as a string, as proto3 JSON allows). A field
     * no filter has is refused later, by name.
     */
    private static Map<String, String> fields(Map<String, Object> body) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body == null) {
            return fields;
        }
        body.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            String expected = mismatch(name, value);
            if (expected != null) {
                throw new InvalidParameterException(name, Validation.echo(name) + " must be " + expected + ".");
            }
            // the list's query reads a blank value as no filter at all: here that would revoke more than was named
            if (value instanceof String text && text.isBlank() && !REASON.contains(name)) {
                throw new InvalidParameterException(
                        name, Validation.echo(name) + " must not be empty; leave the field out to not filter by it.");
            }
            fields.put(name, String.valueOf(value));
        });
        return fields;
    }

    /** What the field should have been, or null when the value has the field's type. */
    private static String mismatch(String name, Object value) {
        if (WHOLE_NUMBERS.contains(name)) {
            // a string is read as the list's query reads it (and refused there unless it is a whole number)
            return value instanceof Integer
                            || value instanceof Long
                            || value instanceof BigInteger
                            || value instanceof String
                    ? null
                    : "a whole number";
        }
        if (BOOLEANS.contains(name)) {
            return value instanceof Boolean ? null : "true or false";
        }
        if (STRINGS.contains(name)) {
            return value instanceof String ? null : "a string";
        }
        return value instanceof String || value instanceof Number || value instanceof Boolean
                ? null
                : "a single value (a string, number or boolean)";
    }
}
