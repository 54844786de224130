package dev.warden.persistence.token;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenCursor;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenFilter;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenLastUse;
import dev.warden.core.token.TokenNotFoundException;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenRevision;
import dev.warden.core.token.TokenSort;
import dev.warden.core.token.TokenUse;
import dev.warden.core.token.VersionedToken;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tokens on {@link JdbcClient}. The writes of many rows with one statement (a token's scopes, last uses) go as one
 * JDBC batch through {@link NamedParameterJdbcOperations#batchUpdate}, the template JdbcClient itself runs on:
 * JdbcClient has no batch API (docs/adr/0001-one-data-access-idiom.md).
 */
@Repository
class JdbcTokenRepository implements TokenRepository {
    private static final String INSERT = """
            INSERT INTO access_token (token_id, workspace_id, secret_hash, display_hint, owner_id, created_by_id,
                                      comment, created_at, expires_at, revoked_at, revoked_by_id, revocation_authority,
                                      last_used_at, last_used_address, last_used_agent, last_used_service, kind,
                                      group_id, previous_secret_hash, previous_valid_until, rotated_at, oauth_secret_id)
            VALUES (:token, :workspace, :hash, :hint, :owner, :createdBy, :comment,
                    :createdAt, :expiresAt, :revokedAt, :revokedBy, :authority,
                    :lastUsedAt, :lastUsedAddress, :lastUsedAgent, :lastUsedService, :kind, :group,
                    :previousHash, :previousUntil, :rotatedAt, :oauthSecret)""";

    private static final String INSERT_SCOPE =
            "INSERT INTO access_token_scope (token_id, workspace_id, scope) VALUES (:token, :workspace, :scope)";

    /** Last use only moves forward, and a usage write never touches anything but the last-use columns. */
    private static final String RECORD_USAGE = """
            UPDATE access_token
               SET last_used_at = :at, last_used_address = :address, last_used_agent = :agent,
                   last_used_service = :service
             WHERE workspace_id = :workspace AND token_id = :token
               AND (last_used_at IS NULL OR last_used_at < :at)""";

    /**
     * What changes on a stored token: revocation and its authority, and the secret after a rotation. Writing just
     * those columns, scoped by workspace, keeps a last use recorded since the token was loaded and cannot move a token
     * between workspaces. The write is a compare-and-set: it happens only while the row still holds the revocation
     * time and the secret the token was read with (the caller appends the revocation condition).
     */
    private static final String UPDATE_REVOCATION = """
            UPDATE access_token
               SET revoked_at = :revokedAt, revoked_by_id = :revokedBy, revocation_authority = :authority,
                   secret_hash = :hash, display_hint = :hint, previous_secret_hash = :previousHash,
                   previous_valid_until = :previousUntil, rotated_at = :rotatedAt, restored_at = :restoredAt
             WHERE workspace_id = :workspace AND token_id = :token AND secret_hash = :readHash""";

    /**
     * A token with its scopes in one query on one connection (rather than a query for the scopes of each token while
     * the token query still holds its connection, which starves the pool under load).
     */
    private static final String SELECT = "SELECT " + TokenRows.COLUMNS + """

              FROM access_token t
              LEFT JOIN access_token_scope s ON s.token_id = t.token_id
            """;

    /**
     * As {@link #SELECT}, with the version of the token's workspace (0 while it has no row), for the token whose
     * current or previous secret has the digest. One lookup per unique index, joined by UNION ALL: with {@code OR}
     * across the two columns H2 scans the whole table (MariaDB merges the two indexes by itself).
     * This and {@link #LIST_BY_OWNER} run on every accepted request, so their parameters are positional: the text
     * reaches the driver as this one constant string, which H2's statement cache finds by identity, instead of a new
     * string per request that named-parameter substitution builds and H2 hashes again (README, "Request cost and
     * caching").
     */
    private static final String SELECT_WITH_VERSION =
            "SELECT " + TokenRows.COLUMNS + ", COALESCE(v.version, 0) AS authorization_version" + """

              FROM (SELECT * FROM access_token WHERE secret_hash = ?
                    UNION ALL
                    SELECT * FROM access_token WHERE previous_secret_hash = ?) t
              LEFT JOIN access_token_scope s ON s.token_id = t.token_id
              LEFT JOIN authorization_version v ON v.workspace_id = t.workspace_id""";

    /** A principal's tokens, newest first (positional parameters: see {@link #SELECT_WITH_VERSION}). */
    private static final String LIST_BY_OWNER = SELECT + """
            WHERE t.workspace_id = ? AND t.owner_id = ?
            ORDER BY t.created_at DESC, t.token_id DESC""";

    /** The column each order sorts by; every one is indexed after the workspace. */
    private static final Map<TokenSort, String> COLUMN = new EnumMap<>(Map.of(
            TokenSort.NEWEST, "created_at",
            TokenSort.OLDEST, "created_at",
            TokenSort.EXPIRING_SOONEST, "expires_at",
            TokenSort.LEAST_RECENTLY_USED, "last_used_at",
            TokenSort.MOST_RECENTLY_USED, "last_used_at"));

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batch;

    JdbcTokenRepository(JdbcClient jdbc, NamedParameterJdbcOperations batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    @Override
    public void add(AccessToken token) {
        TokenLastUse lastUse = token.lastUse();
        Map<String, Object> params = new HashMap<>();
        params.put("token", token.id().value());
        params.put("workspace", token.workspace().value());
        params.put("hash", token.digest().hex());
        params.put("hint", token.displayHint());
        params.put("owner", token.owner().value());
        params.put("createdBy", token.createdBy().value());
        params.put("comment", token.comment());
        params.put("createdAt", Times.toDatabase(token.createdAt()));
        params.put("expiresAt", Times.toDatabase(token.expiresAt()));
        params.put("revokedAt", Times.toDatabase(token.revokedAt()));
        params.put(
                "revokedBy",
                token.revokedBy() == null ? null : token.revokedBy().value());
        params.put(
                "authority",
                token.revocationAuthority() == null
                        ? null
                        : token.revocationAuthority().name());
        params.put("lastUsedAt", lastUse == null ? null : Times.toDatabase(lastUse.at()));
        params.put("lastUsedAddress", lastUse == null ? null : lastUse.clientAddress());
        params.put("lastUsedAgent", lastUse == null ? null : lastUse.userAgent());
        params.put("lastUsedService", lastUse == null ? null : lastUse.service());
        params.put("kind", token.kind().name());
        params.put("group", token.group() == null ? null : token.group().value());
        params.put(
                "previousHash",
                token.previousDigest() == null ? null : token.previousDigest().hex());
        params.put("previousUntil", Times.toDatabase(token.previousValidUntil()));
        params.put("rotatedAt", Times.toDatabase(token.rotatedAt()));
        params.put("oauthSecret", token.oauthSecret());
        jdbc.sql(INSERT).params(params).update();
        insertScopes(token);
    }

    /** One batch of one row per scope; nothing for a token without scopes. */
    private void insertScopes(AccessToken token) {
        if (token.scopes().isEmpty()) {
            return;
        }
        batch.batchUpdate(
                INSERT_SCOPE,
                token.scopes().stream()
                        .map(scope -> new MapSqlParameterSource()
                                .addValue("token", token.id().value())
                                .addValue("workspace", token.workspace().value())
                                .addValue("scope", scope.key()))
                        .toArray(SqlParameterSource[]::new));
    }

    @Override
    public boolean update(AccessToken token) {
        TokenRevision read = token.readRevision();
        String sql = UPDATE_REVOCATION
                + (read.revokedAt() == null
                        ? " AND revoked_at IS NULL"
                        : " AND revoked_at = :readRevokedAt AND revocation_authority = :readAuthority");
        int updated = jdbc.sql(sql)
                .param("revokedAt", Times.toDatabase(token.revokedAt()))
                .param(
                        "revokedBy",
                        token.revokedBy() == null ? null : token.revokedBy().value())
                .param(
                        "authority",
                        token.revocationAuthority() == null
                                ? null
                                : token.revocationAuthority().name())
                .param("readHash", read.digest().hex())
                .param("readRevokedAt", Times.toDatabase(read.revokedAt()))
                .param(
                        "readAuthority",
                        read.authority() == null ? null : read.authority().name())
                .param("hash", token.digest().hex())
                .param("hint", token.displayHint())
                .param(
                        "previousHash",
                        token.previousDigest() == null
                                ? null
                                : token.previousDigest().hex())
                .param("previousUntil", Times.toDatabase(token.previousValidUntil()))
                .param("rotatedAt", Times.toDatabase(token.rotatedAt()))
                .param("restoredAt", Times.toDatabase(token.restoredAt()))
                .param("workspace", token.workspace().value())
                .param("token", token.id().value())
                .update();
        if (updated == 1) {
            return true;
        }
        if (findById(token.workspace(), token.id()).isEmpty()) {
            throw new TokenNotFoundException(token.id());
        }
        return false;
    }

    @Override
    public Optional<AccessToken> findByIdForUpdate(WorkspaceId workspace, TokenId id) {
        // Lock the row alone (H2 refuses FOR UPDATE on a join), then read it with its scopes.
        List<String> locked = jdbc.sql("SELECT token_id FROM access_token"
                        + " WHERE workspace_id = :workspace AND token_id = :token FOR UPDATE")
                .param("workspace", workspace.value())
                .param("token", id.value())
                .query(String.class)
                .list();
        return locked.isEmpty() ? Optional.empty() : findById(workspace, id);
    }

    @Override
    public void lockOwner(WorkspaceId workspace, PrincipalId owner) {
        jdbc.sql("SELECT id FROM principal WHERE workspace_id = :workspace AND id = :owner FOR UPDATE")
                .param("workspace", workspace.value())
                .param("owner", owner.value())
                .query(Long.class)
                .list();
    }

    @Override
    public void updateScopes(AccessToken token) {
        if (jdbc.sql("SELECT COUNT(*) FROM access_token WHERE workspace_id = :workspace AND token_id = :token")
                        .param("workspace", token.workspace().value())
                        .param("token", token.id().value())
                        .query(Integer.class)
                        .single()
                != 1) {
            throw new TokenNotFoundException(token.id());
        }
        jdbc.sql("DELETE FROM access_token_scope WHERE workspace_id = :workspace AND token_id = :token")
                .param("workspace", token.workspace().value())
                .param("token", token.id().value())
                .update();
        insertScopes(token);
    }

    @Override
    public void updateComment(AccessToken token) {
        int updated = jdbc.sql("UPDATE access_token SET comment = :comment"
                        + " WHERE workspace_id = :workspace AND token_id = :token")
                .param("comment", token.comment())
                .param("workspace", token.workspace().value())
                .param("token", token.id().value())
                .update();
        if (updated != 1) {
            throw new TokenNotFoundException(token.id());
        }
    }

    @Override
    public Optional<AccessToken> findById(WorkspaceId workspace, TokenId id) {
        return single(select(
                "WHERE t.workspace_id = :workspace AND t.token_id = :token",
                Map.of("workspace", workspace.value(), "token", id.value())));
    }

    /**
     * The one statement of a warm request (DESIGN, "Request cost"): the token with its scopes and its workspace's
     * authorisation version, found by either of its two unique digest indexes.
     */
    @Override
    public Optional<VersionedToken> findByDigestWithVersion(TokenDigest digest) {
        Map<String, TokenRows.Accumulator> tokens = new LinkedHashMap<>();
        long[] version = {0};
        jdbc.sql(SELECT_WITH_VERSION).param(digest.hex()).param(digest.hex()).query((RowCallbackHandler) rs -> {
            TokenRows.Accumulator token = tokens.get(rs.getString(TokenRows.TOKEN_ID));
            if (token == null) {
                token = TokenRows.accumulate(rs);
                tokens.put(rs.getString(TokenRows.TOKEN_ID), token);
                version[0] = rs.getLong(TokenRows.NEXT); // authorization_version
            }
            token.addScope(rs.getString(TokenRows.SCOPE));
        });
        return tokens.values().stream().findFirst().map(token -> new VersionedToken(token.build(), version[0]));
    }

    @Override
    public List<AccessToken> listByOwner(WorkspaceId workspace, PrincipalId owner) {
        return tokens(jdbc.sql(LIST_BY_OWNER).param(workspace.value()).param(owner.value()));
    }

    /**
     * Two steps, so paging counts tokens and not joined scope rows: the ids of one page by keyset, then those tokens
     * with their scopes. A time a token may lack (expiry, last use) is paged in two runs, tokens with it and
     * tokens without, each along its own index, in the order {@link TokenSort} gives them.
     */
    @Override
    public List<AccessToken> search(
            WorkspaceId workspace, TokenFilter filter, TokenSort sort, TokenCursor after, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace.value());
        params.put("now", Times.toDatabase(filter.now()));
        String where = filtered(filter, params);
        String column = COLUMN.get(sort);
        String direction = sort.descending() ? "DESC" : "ASC";
        String beyond = sort.descending() ? "<" : ">";
        List<Boolean> runs = sort.missingFirst() ? List.of(false, true) : List.of(true, false);
        List<String> ids = new ArrayList<>();
        boolean started = after == null;
        for (boolean withTime : runs) {
            if (!withTime && column.equals("created_at")) {
                continue;
            }
            StringBuilder run = new StringBuilder(where)
                    .append(" AND t.")
                    .append(column)
                    .append(withTime ? " IS NOT NULL" : " IS NULL");
            if (!started) {
                if (withTime != (after.key() != null)) {
                    continue;
                }
                started = true;
                run.append(
                        withTime
                                ? " AND (t." + column + " " + beyond + " :afterKey OR (t." + column
                                        + " = :afterKey AND t.token_id " + beyond + " :afterId))"
                                : " AND t.token_id " + beyond + " :afterId");
                params.put("afterKey", Times.toDatabase(after.key()));
                params.put("afterId", after.id().value());
            }
            params.put("limit", limit - ids.size());
            ids.addAll(jdbc.sql("SELECT t.token_id FROM access_token t " + run + " ORDER BY "
                            + (withTime ? "t." + column + " " + direction + ", " : "") + "t.token_id " + direction
                            + " LIMIT :limit")
                    .params(params)
                    .query(String.class)
                    .list());
            if (ids.size() >= limit) {
                break;
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        return select(
                        "WHERE t.workspace_id = :workspace AND t.token_id IN (:ids)",
                        Map.of("workspace", workspace.value(), "ids", ids))
                .stream()
                .sorted(sort.comparator())
                .toList();
    }

    @Override
    public int count(WorkspaceId workspace, TokenFilter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace.value());
        params.put("now", Times.toDatabase(filter.now()));
        return jdbc.sql("SELECT COUNT(*) FROM access_token t " + filtered(filter, params))
                .params(params)
                .query(Integer.class)
                .single();
    }

    private static String filtered(TokenFilter filter, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("WHERE t.workspace_id = :workspace");
        if (filter.owner() != null) {
            where.append(" AND t.owner_id = :owner");
            params.put("owner", filter.owner().value());
        }
        if (filter.createdBy() != null) {
            where.append(" AND t.created_by_id = :createdBy");
            params.put("createdBy", filter.createdBy().value());
        }
        if (filter.status() != null) {
            where.append(
                    switch (filter.status()) {
                        case ACTIVE -> " AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > :now)";
                        case REVOKED -> " AND t.revoked_at IS NOT NULL";
                        case EXPIRED -> " AND t.revoked_at IS NULL AND t.expires_at <= :now";
                    });
        }
        if (filter.kind() != null) {
            where.append(" AND t.kind = :kind");
            params.put("kind", filter.kind().name());
        }
        if (filter.group() != null) {
            where.append(" AND t.group_id = :group");
            params.put("group", filter.group().value());
        }
        if (filter.scope() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM access_token_scope ts WHERE ts.token_id = t.token_id"
                    + " AND ts.scope = :scope)");
            params.put("scope", filter.scope());
        }
        if (filter.expiringBefore() != null) {
            where.append(" AND t.expires_at > :now AND t.expires_at < :expiringBefore");
            params.put("expiringBefore", Times.toDatabase(filter.expiringBefore()));
        }
        if (filter.unusedSince() != null) {
            where.append(" AND (t.last_used_at IS NULL OR t.last_used_at < :unusedSince)");
            params.put("unusedSince", Times.toDatabase(filter.unusedSince()));
        }
        if (filter.neverUsed()) {
            where.append(" AND t.last_used_at IS NULL");
        }
        if (filter.expiringSoonKindsOnly()) {
            where.append(" AND t.kind IN (:soonKinds)");
            params.put("soonKinds", JdbcTokenCounts.expiringSoonKinds());
        }
        return where.toString();
    }

    @Override
    public boolean delete(WorkspaceId workspace, TokenId id) {
        jdbc.sql("DELETE FROM access_token_scope WHERE workspace_id = :workspace AND token_id = :token")
                .param("workspace", workspace.value())
                .param("token", id.value())
                .update();
        return jdbc.sql("DELETE FROM access_token WHERE workspace_id = :workspace AND token_id = :token")
                        .param("workspace", workspace.value())
                        .param("token", id.value())
                        .update()
                == 1;
    }

    @Override
    public List<AccessToken> listByOAuthSecret(WorkspaceId workspace, String secretId) {
        return select("""
                        WHERE t.workspace_id = :workspace AND t.oauth_secret_id = :secret
                        ORDER BY t.created_at DESC, t.token_id DESC""", Map.of("workspace", workspace.value(), "secret", secretId));
    }

    /**
     * The ids first (a plain read along the owner's index), then deletes by primary key in id order: no range of
     * rows or gaps is locked, so concurrent token requests of one owner do not block each other on it.
     */
    @Override
    public int deleteExpiredOAuth(WorkspaceId workspace, PrincipalId owner, Instant now) {
        List<String> expired = jdbc.sql("""
                        SELECT token_id FROM access_token
                         WHERE workspace_id = :workspace AND owner_id = :owner AND kind = 'OAUTH'
                           AND expires_at <= :now
                         ORDER BY token_id""")
                .param("workspace", workspace.value())
                .param("owner", owner.value())
                .param("now", Times.toDatabase(now))
                .query(String.class)
                .list();
        if (expired.isEmpty()) {
            return 0;
        }
        jdbc.sql("DELETE FROM access_token_scope WHERE workspace_id = :workspace AND token_id IN (:ids)")
                .param("workspace", workspace.value())
                .param("ids", expired)
                .update();
        return jdbc.sql("DELETE FROM access_token WHERE workspace_id = :workspace AND token_id IN (:ids)")
                .param("workspace", workspace.value())
                .param("ids", expired)
                .update();
    }

    @Override
    public void recordUses(Collection<TokenUse> usages) {
        batch.batchUpdate(
                RECORD_USAGE,
                usages.stream()
                        .map(usage -> new MapSqlParameterSource()
                                .addValue("at", Times.toDatabase(usage.at()))
                                .addValue("address", usage.clientAddress())
                                .addValue("agent", usage.userAgent())
                                .addValue("service", usage.service())
                                .addValue("workspace", usage.workspace().value())
                                .addValue("token", usage.token().value()))
                        .toArray(SqlParameterSource[]::new));
    }

    private List<AccessToken> select(String where, Map<String, ?> params) {
        return tokens(jdbc.sql(SELECT + where).params(params));
    }

    /** Rows of one token are adjacent (ordered or unique by token), so they fold into one aggregate each. */
    private static List<AccessToken> tokens(JdbcClient.StatementSpec statement) {
        Map<String, TokenRows.Accumulator> tokens = new LinkedHashMap<>();
        statement.query((RowCallbackHandler) rs -> {
            TokenRows.Accumulator token = tokens.get(rs.getString(TokenRows.TOKEN_ID));
            if (token == null) {
                token = TokenRows.accumulate(rs);
                tokens.put(rs.getString(TokenRows.TOKEN_ID), token);
            }
            token.addScope(rs.getString(TokenRows.SCOPE));
        });
        return tokens.values().stream().map(TokenRows.Accumulator::build).toList();
    }

    private static Optional<AccessToken> single(List<AccessToken> tokens) {
        return tokens.stream().findFirst();
    }
}
