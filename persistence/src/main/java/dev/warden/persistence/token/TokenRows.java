package dev.warden.persistence.token;

import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.RevocationAuthority;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenLastUse;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** Builds token aggregates from the joined rows of a token query. */
final class TokenRows {
    private TokenRows() {}

    /** Starts a token from the first of its joined rows (one row per scope). */
    static Accumulator accumulate(ResultSet rs) throws SQLException {
        long revokedBy = rs.getLong("revoked_by_id");
        boolean notRevoked = rs.wasNull();
        Instant lastUsedAt = Times.read(rs, "last_used_at");
        AccessToken.Builder token = AccessToken.builder()
                .id(new TokenId(rs.getString("token_id")))
                .workspace(new WorkspaceId(rs.getLong("workspace_id")))
                .owner(new PrincipalId(rs.getLong("owner_id")))
                .createdBy(new PrincipalId(rs.getLong("created_by_id")))
                .comment(rs.getString("comment"))
                .digest(new TokenDigest(rs.getString("secret_hash")))
                .displayHint(rs.getString("display_hint"))
                .kind(TokenKind.valueOf(rs.getString("kind")))
                .group(group(rs))
                .oauthSecret(rs.getString("oauth_secret_id"))
                .previous(
                        rs.getString("previous_secret_hash") == null
                                ? null
                                : new TokenDigest(rs.getString("previous_secret_hash")),
                        Times.read(rs, "previous_valid_until"))
                .rotatedAt(Times.read(rs, "rotated_at"))
                .createdAt(Times.read(rs, "created_at"))
                .expiresAt(Times.read(rs, "expires_at"))
                .revoked(
                        Times.read(rs, "revoked_at"),
                        notRevoked ? null : new PrincipalId(revokedBy),
                        rs.getString("revocation_authority") == null
                                ? null
                                : RevocationAuthority.valueOf(rs.getString("revocation_authority")))
                .lastUse(
                        lastUsedAt == null
                                ? null
                                : new TokenLastUse(
                                        lastUsedAt,
                                        rs.getString("last_used_address"),
                                        rs.getString("last_used_agent"),
                                        rs.getString("last_used_service")));
        return new Accumulator(token);
    }

    private static GroupId group(ResultSet rs) throws SQLException {
        long id = rs.getLong("group_id");
        return rs.wasNull() ? null : new GroupId(id);
    }

    static final class Accumulator {
        private final AccessToken.Builder token;
        private final Set<Scope> scopes = new TreeSet<>();

        private Accumulator(AccessToken.Builder token) {
            this.token = token;
        }

        void addScope(String key) {
            if (key != null) {
                scopes.add(new Scope(key));
            }
        }

        AccessToken build() {
            return token.scopes(scopes).build();
        }
    }
}
