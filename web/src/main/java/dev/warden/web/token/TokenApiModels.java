package dev.warden.web.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.core.permission.Scope;
import dev.warden.core.token.AccessToken;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of the token API, spelled exactly as the Databricks dialect spells them. */
final class TokenApiModels {
    private TokenApiModels() {}

    record CreateTokenRequest(
            String comment,
            @JsonProperty("lifetime_seconds") Long lifetimeSeconds,
            List<String> scopes) {}

    record TokenIdRequest(@JsonProperty("token_id") String tokenId) {}

    /** Rotates one of the caller's own tokens; the old secret keeps working for the grace (default 0). */
    record RotateOwnTokenRequest(
            @JsonProperty("token_id") String tokenId,
            @JsonProperty("grace_period_seconds") Long gracePeriodSeconds) {}

    record CreateTokenResponse(
            @JsonProperty("token_value") String tokenValue,
            @JsonProperty("token_info") PublicTokenInfo tokenInfo) {
        /** Spring logs response bodies at DEBUG; the secret must not go with them. */
        @Override
        public String toString() {
            return "CreateTokenResponse[tokenValue=(redacted), tokenInfo=" + tokenInfo + "]";
        }
    }

    record ListTokensResponse(@JsonProperty("token_infos") List<PublicTokenInfo> tokenInfos) {}

    /**
     * Databricks' PublicTokenInfo plus Warden's {@code status}, {@code last_used_time} and, for a revoked token,
     * {@code revoked_time}, {@code revoked_by} (a principal id) and {@code revocation_authority}, which the SDK ignores.
     * Times are epoch milliseconds; an expiry of -1 means never.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PublicTokenInfo(
            @JsonProperty("token_id") String tokenId,
            String comment,
            @JsonProperty("creation_time") long creationTime,
            @JsonProperty("expiry_time") long expiryTime,
            List<String> scopes,
            String status,
            @JsonProperty("last_used_time") Long lastUsedTime,
            @JsonProperty("revoked_time") Long revokedTime,
            @JsonProperty("revoked_by") Long revokedBy,
            @JsonProperty("revocation_authority") String revocationAuthority) {

        static PublicTokenInfo of(AccessToken token, Instant now) {
            return new PublicTokenInfo(
                    token.id().value(),
                    token.comment(),
                    token.createdAt().toEpochMilli(),
                    token.expiresAt() == null ? -1 : token.expiresAt().toEpochMilli(),
                    token.scopes().stream().map(Scope::key).toList(),
                    token.statusAt(now).name(),
                    token.lastUse() == null ? null : token.lastUse().at().toEpochMilli(),
                    token.revokedAt() == null ? null : token.revokedAt().toEpochMilli(),
                    token.revokedBy() == null ? null : token.revokedBy().value(),
                    token.revocationAuthority() == null
                            ? null
                            : token.revocationAuthority().name());
        }
    }
}
