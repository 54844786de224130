package dev.warden.core.oauth;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth client secret of one service principal (RFC 6749 §2.3.1, the Databricks "service principal secret"):
 * with the service principal's application id as client id it obtains access tokens at the token endpoint. Only
 * the digest of its value is kept, as for tokens; it expires and cannot be changed, only deleted.
 * @param displayHint the value's prefix and last four characters, to recognise it in a list
 * @param createdBy who created it (and saw its value once)
 */
public record ServicePrincipalSecret(
        SecretId id,
        WorkspaceId workspace,
        PrincipalId servicePrincipal,
        TokenDigest digest,
        String displayHint,
        PrincipalId createdBy,
        Instant createdAt,
        Instant expiresAt) {

    public ServicePrincipalSecret {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(servicePrincipal, "servicePrincipal");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(displayHint, "displayHint");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public SecretStatus statusAt(Instant now) {
        return now.isBefore(expiresAt) ? SecretStatus.ACTIVE : SecretStatus.EXPIRED;
    }

    @Override
    public String toString() {
        return "ServicePrincipalSecret[" + id + ", service principal " + servicePrincipal + ", " + displayHint + "]";
    }
}
