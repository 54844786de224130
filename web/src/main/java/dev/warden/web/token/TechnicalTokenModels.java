package dev.warden.web.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.warden.core.principal.Principal;
import dev.warden.web.token.TokenManagementModels.TokenInfo;
import java.util.List;

/** Request and response bodies of the organisation- and group-token API (Warden extensions, Databricks style). */
final class TechnicalTokenModels {
    private TechnicalTokenModels() {}

    /** {@code role}: {@code workspace-admin} or {@code user} for an organisation token, {@code group-admin} or {@code group-member} for a group token. */
    record CreateTechnicalTokenRequest(
            String comment,
            @JsonProperty("lifetime_seconds") Long lifetimeSeconds,
            List<String> scopes,
            String role) {}

    /** A new organisation or group token; the secret is in this response only. */
    record IssuedTechnicalTokenResponse(
            @JsonProperty("token_value") String tokenValue,
            @JsonProperty("token_info") TechnicalTokenInfo tokenInfo) {
        /** Spring logs response bodies at DEBUG; the secret must not go with them. */
        @Override
        public String toString() {
            return "IssuedTechnicalTokenResponse[tokenValue=(redacted), tokenInfo=" + tokenInfo + "]";
        }
    }

    record GetTechnicalTokenResponse(
            @JsonProperty("token_info") TechnicalTokenInfo tokenInfo) {}

    record ListTechnicalTokensResponse(
            @JsonProperty("token_infos") List<TechnicalTokenInfo> tokenInfos) {}

    /** The system-managed principal that owns the token; deleted with it. */
    record TechnicalUser(
            long id, @JsonProperty("display_name") String displayName) {
        static TechnicalUser of(Principal principal) {
            return new TechnicalUser(principal.id().value(), principal.displayName());
        }
    }

    /**
     * The token-management TokenInfo (status, kind {@code ORGANISATION} or {@code GROUP}, owner_id = the technical
     * user), plus the technical user, the role it holds (null when an admin took the role away) and, for a group
     * token, its group.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TechnicalTokenInfo(
            @JsonUnwrapped TokenInfo token,
            @JsonProperty("group_id") Long groupId,
            @JsonProperty("technical_user") TechnicalUser technicalUser,
            String role) {}
}
