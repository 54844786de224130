package dev.warden.web.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.core.oauth.CreatedSecret;
import dev.warden.core.oauth.ServicePrincipalSecret;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Bodies of the service principal secrets API, spelled as the Databricks dialect spells them. */
final class SecretApiModels {
    private SecretApiModels() {}

    /** @param lifetime seconds as a duration string, {@code "7776000s"} (also {@code "7776000"}); absent: the longest */
    record CreateSecretRequest(
            @Schema(example = "7776000s", description = "Lifetime in seconds, as a duration string")
            String lifetime) {}

    /**
     * A new secret; {@code secret} is in this response only. Times are RFC 3339 (UTC); {@code secret_hash} is the
     * SHA-256 of the value in hex, what Warden keeps; status is ACTIVE or EXPIRED.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreatedSecretResponse(
            String id,
            String secret,
            @JsonProperty("secret_hash") String secretHash,
            String status,
            @JsonProperty("create_time") String createTime,
            @JsonProperty("update_time") String updateTime,
            @JsonProperty("expire_time") String expireTime) {
        static CreatedSecretResponse of(CreatedSecret created, Instant now) {
            SecretInfo info = SecretInfo.of(created.secret(), now);
            return new CreatedSecretResponse(
                    info.id(),
                    created.value().reveal(),
                    info.secretHash(),
                    info.status(),
                    info.createTime(),
                    info.updateTime(),
                    info.expireTime());
        }

        /** Spring logs response bodies at DEBUG; the secret must not go with them. */
        @Override
        public String toString() {
            return "CreatedSecretResponse[id=" + id + ", secret=(redacted), expireTime=" + expireTime + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SecretInfo(
            String id,
            @JsonProperty("secret_hash") String secretHash,
            String status,
            @JsonProperty("create_time") String createTime,
            @JsonProperty("update_time") String updateTime,
            @JsonProperty("expire_time") String expireTime) {
        static SecretInfo of(ServicePrincipalSecret secret, Instant now) {
            String created = time(secret.createdAt());
            return new SecretInfo(
                    secret.id().value(),
                    secret.digest().hex(),
                    secret.statusAt(now).name(),
                    created,
                    created,
                    time(secret.expiresAt()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListSecretsResponse(
            List<SecretInfo> secrets,
            @JsonProperty("next_page_token") String nextPageToken) {}

    /** RFC 3339 in UTC to the second, as Databricks answers ({@code 2026-01-01T19:30:41Z}). */
    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
