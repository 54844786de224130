package dev.warden.web.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.core.access.TokenSuspensions.Suspension;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Principal;
import dev.warden.core.token.AccessToken;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Request and response bodies of the token-management API, spelled as the Databricks dialect spells them. */
final class TokenManagementModels {
    private TokenManagementModels() {}

    record CreateOboTokenRequest(
            @JsonProperty("application_id") String applicationId,
            String comment,
            @JsonProperty("lifetime_seconds") Long lifetimeSeconds,
            List<String> scopes,
            @JsonProperty("autoscope_enabled") Boolean autoscopeEnabled) {}

    record RotateTokenRequest(
            @JsonProperty("grace_period_seconds") Long gracePeriodSeconds) {}

    /** A new secret with its token; the secret is in this response only. */
    record IssuedTokenResponse(
            @JsonProperty("token_value") String tokenValue,
            @JsonProperty("token_info") TokenInfo tokenInfo) {
        /** Spring logs response bodies at DEBUG; the secret must not go with them. */
        @Override
        public String toString() {
            return "IssuedTokenResponse[tokenValue=(redacted), tokenInfo=" + tokenInfo + "]";
        }
    }

    record GetTokenResponse(@JsonProperty("token_info") TokenInfo tokenInfo) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListTokensResponse(
            @JsonProperty("token_infos") List<TokenInfo> tokenInfos,
            @JsonProperty("next_page_token") String nextPageToken) {}

    /**
     * Databricks' TokenInfo plus Warden's status, kind (with the secret that obtained an OAuth token), last use (and
     * {@code last_used_service}, the registered service that asked about it last, by introspection or forward
     * authentication) and rotation, which the SDK ignores. Times are
     * epoch milliseconds; an expiry of -1 means never. Status is ACTIVE, REVOKED, EXPIRED, or SUSPENDED (active in
     * itself, but stopped by its owner or workspace: see {@code status_reason} and {@code status_message}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenInfo(
            @JsonProperty("token_id") String tokenId,
            String comment,
            @JsonProperty("creation_time") long creationTime,
            @JsonProperty("expiry_time") long expiryTime,
            @JsonProperty("owner_id") long ownerId,
            @JsonProperty("created_by_id") long createdById,
            @JsonProperty("created_by_username") String createdByUsername,
            @JsonProperty("workspace_id") long workspaceId,
            @JsonProperty("last_used_day") Long lastUsedDay,
            List<String> scopes,
            String status,
            String kind,
            @JsonProperty("last_used_time") Long lastUsedTime,
            @JsonProperty("last_used_address") String lastUsedAddress,
            @JsonProperty("last_used_service") String lastUsedService,
            @JsonProperty("rotated_time") Long rotatedTime,
            @JsonProperty("status_reason") String statusReason,
            @JsonProperty("status_message") String statusMessage,
            @JsonProperty("revoked_time") Long revokedTime,
            @JsonProperty("revoked_by") Long revokedBy,
            @JsonProperty("revocation_authority") String revocationAuthority,
            @JsonProperty("oauth_secret_id") String oauthSecretId) {
        static final String SUSPENDED = "SUSPENDED";

        /**
         * {@code creator} may be null when the creating principal is gone; {@code suspension} is null unless the
         * token is active but its owner or workspace stops it, and then the status is {@code SUSPENDED}, with the
         * decision chain's reason code and a sentence saying how to lift it.
         */
        static TokenInfo of(AccessToken token, Principal creator, Suspension suspension, Instant now) {
            Instant lastUsed = token.lastUse() == null ? null : token.lastUse().at();
            return new TokenInfo(
                    token.id().value(),
                    token.comment(),
                    token.createdAt().toEpochMilli(),
                    token.expiresAt() == null ? -1 : token.expiresAt().toEpochMilli(),
                    token.owner().value(),
                    token.createdBy().value(),
                    creator == null ? null : creator.name(),
                    token.workspace().value(),
                    lastUsed == null
                            ? null
                            : lastUsed.truncatedTo(ChronoUnit.DAYS).toEpochMilli(),
                    token.scopes().stream().map(Scope::key).toList(),
                    suspension == null ? token.statusAt(now).name() : SUSPENDED,
                    token.kind().name(),
                    lastUsed == null ? null : lastUsed.toEpochMilli(),
                    token.lastUse() == null ? null : token.lastUse().clientAddress(),
                    token.lastUse() == null ? null : token.lastUse().service(),
                    token.rotatedAt() == null ? null : token.rotatedAt().toEpochMilli(),
                    suspension == null ? null : suspension.reason().name(),
                    suspension == null ? null : suspension.message(),
                    token.revokedAt() == null ? null : token.revokedAt().toEpochMilli(),
                    token.revokedBy() == null ? null : token.revokedBy().value(),
                    token.revocationAuthority() == null
                            ? null
                            : token.revocationAuthority().name(),
                    token.oauthSecret());
        }
    }
}
