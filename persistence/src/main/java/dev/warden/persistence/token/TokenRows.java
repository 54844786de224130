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

/**
 * Builds token aggregates from the joined rows of a token query, which selects {@link #COLUMNS} first. The columns
 * are read by position: by label, each result set would first map every label to its position (H2 upper-cases and
 * hashes all of them, per result set), a tenth of the CPU of an accepted request's two statements.
 */
final class TokenRows {
    /** The columns every token query selects first, in the positions below; one row per scope. */
    static final String COLUMNS = """
            t.token_id, t.workspace_id, t.secret_hash, t.display_hint, t.owner_id, t.created_by_id, t.comment,
            t.created_at, t.expires_at, t.revoked_at, t.revoked_by_id, t.revocation_authority,
            t.last_used_at, t.last_used_address, t.last_used_agent, t.kind, t.group_id, t.previous_secret_hash,
            t.previous_valid_until, t.rotated_at, t.oauth_secret_id, t.last_used_service, t.restored_at, s.scope""";

    static final int TOKEN_ID = 1;
    private static final int WORKSPACE_ID = 2;
    private static final int SECRET_HASH = 3;
    private static final int DISPLAY_HINT = 4;
    private static final int OWNER_ID = 5;
    private static final int CREATED_BY_ID = 6;
    private static final int COMMENT = 7;
    private static final int CREATED_AT = 8;
    private static final int EXPIRES_AT = 9;
    private static final int REVOKED_AT = 10;
    private static final int REVOKED_BY_ID = 11;
    private static final int REVOCATION_AUTHORITY = 12;
    private static final int LAST_USED_AT = 13;
    private static final int LAST_USED_ADDRESS = 14;
    private static final int LAST_USED_AGENT = 15;
    private static final int KIND = 16;
    private static final int GROUP_ID = 17;
    private static final int PREVIOUS_SECRET_HASH = 18;
    private static final int PREVIOUS_VALID_UNTIL = 19;
    private static final int ROTATED_AT = 20;
    private static final int OAUTH_SECRET_ID = 21;
    private static final int LAST_USED_SERVICE = 22;
    private static final int RESTORED_AT = 23;
    static final int SCOPE = 24;
    /** The position of the first column a query selects after {@link #COLUMNS}. */
    static final int NEXT = 25;

    private TokenRows() {}

    /** Starts a token from the first of its joined rows (one row per scope). */
    static Accumulator accumulate(ResultSet rs) throws SQLException {
        long revokedBy = rs.getLong(REVOKED_BY_ID);
        boolean notRevoked = rs.wasNull();
        Instant lastUsedAt = Times.read(rs, LAST_USED_AT);
        String previousHash = rs.getString(PREVIOUS_SECRET_HASH);
        String authority = rs.getString(REVOCATION_AUTHORITY);
        AccessToken.Builder token = AccessToken.builder()
                .id(new TokenId(rs.getString(TOKEN_ID)))
                .workspace(new WorkspaceId(rs.getLong(WORKSPACE_ID)))
                .owner(new PrincipalId(rs.getLong(OWNER_ID)))
                .createdBy(new PrincipalId(rs.getLong(CREATED_BY_ID)))
                .comment(rs.getString(COMMENT))
                .digest(new TokenDigest(rs.getString(SECRET_HASH)))
                .displayHint(rs.getString(DISPLAY_HINT))
                .kind(TokenKind.valueOf(rs.getString(KIND)))
                .group(group(rs))
                .oauthSecret(rs.getString(OAUTH_SECRET_ID))
                .previous(
                        previousHash == null ? null : new TokenDigest(previousHash),
                        Times.read(rs, PREVIOUS_VALID_UNTIL))
                .rotatedAt(Times.read(rs, ROTATED_AT))
                .restoredAt(Times.read(rs, RESTORED_AT))
                .createdAt(Times.read(rs, CREATED_AT))
                .expiresAt(Times.read(rs, EXPIRES_AT))
                .revoked(
                        Times.read(rs, REVOKED_AT),
                        notRevoked ? null : new PrincipalId(revokedBy),
                        authority == null ? null : RevocationAuthority.valueOf(authority))
                .lastUse(
                        lastUsedAt == null
                                ? null
                                : new TokenLastUse(
                                        lastUsedAt,
                                        rs.getString(LAST_USED_ADDRESS),
                                        rs.getString(LAST_USED_AGENT),
                                        rs.getString(LAST_USED_SERVICE)));
        return new Accumulator(token);
    }

    private static GroupId group(ResultSet rs) throws SQLException {
        long id = rs.getLong(GROUP_ID);
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
