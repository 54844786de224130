package dev.warden.web.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Request and response bodies of the bulk revoke API (Warden extension of token-management). */
final class BulkRevokeModels {
    private BulkRevokeModels() {}

    /**
     * The body as the OpenAPI description shows it. The handler reads it as a map so that a field it does not know
     * is refused (400 naming it) instead of ignored, which would revoke more than the caller meant.
     */
    @Schema(
            description = "The filters of GET /api/2.0/token-management/tokens (all optional: none means every token"
                    + " that works), and the reason, required to revoke (ignored by the preview).")
    record BulkRevokeRequest(
            @JsonProperty("owner_id") Long ownerId,
            @JsonProperty("created_by_id") Long createdById,
            @JsonProperty("created_by_username") String createdByUsername,

            @Schema(allowableValues = {"ACTIVE", "REVOKED", "EXPIRED"})
            String status,

            @Schema(allowableValues = {"PERSONAL", "ON_BEHALF_OF", "ORGANISATION", "GROUP", "OAUTH"})
            String kind,

            String scope,
            @JsonProperty("expiring_within_days") Integer expiringWithinDays,
            @JsonProperty("unused_for_days") Integer unusedForDays,
            @JsonProperty("never_used") Boolean neverUsed,

            @Schema(description = "true: active tokens that expire soon (README, Expiring soon)")
            @JsonProperty("expiring_soon")
            Boolean expiringSoon,

            @Schema(description = "Why; kept in the audit record (1 to 500 characters)")
            String reason) {}

    /** What a bulk revoke with the filter would take out of service. */
    record BulkRevokePreviewResponse(
            @JsonProperty("token_count") int tokenCount,
            @JsonProperty("owner_count") int ownerCount,
            @JsonProperty("more_than_limit") boolean moreThanLimit) {}

    record BulkRevokeResponse(
            @JsonProperty("revoked_token_ids") List<String> revokedTokenIds,
            @JsonProperty("token_count") int tokenCount,
            @JsonProperty("owner_count") int ownerCount) {}
}
