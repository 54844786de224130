package dev.warden.persistence.token;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenCursor;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenFilter;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenNotFoundException;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenRevision;
import dev.warden.core.token.TokenSort;
import dev.warden.core.token.TokenUse;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Times;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.stereotype.Repository;

@Repository
class JdbcTokenRepository implements TokenRepository {
    /** Last use only moves forward, and a usage write never touches anything but the last-use columns. */
    private static final String RECORD_USAGE = """
            UPDATE access_token
               SET last_used_at = :at, last_used_address = :address, last_used_agent = :agent
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
                   previous_valid_until = :previousUntil, rotated_at = :rotatedAt
             WHERE workspace_id = :workspace AND token_id = :token AND secret_hash = :readHash""";

    /**
     * A token with its scopes in one query on one connection: Spring Data JDBC would load the scopes with a
     * query per token while the token query still holds its connection, which starves the pool under load.
     */
    private static final String SELECT = """
            SELECT t.token_id, t.workspace_id, t.secret_hash, t.display_hint, t.owner_id, t.created_by_id, t.comment,
                   t.created_at, t.expires_at, t.revoked_at, t.revoked_by_id, t.revocation_authority,
                   t.last_used_at, t.last_used_address, t.last_used_agent, t.kind, t.group_id, t.previous_secret_hash,
                   t.previous_valid_until, t.rotated_at, s.scope
              FROM access_token t
              LEFT JOIN access_token_scope s ON s.token_id = t.token_id
            """;

    /** The column each order sorts by; every one is indexed after the workspace. */
    private static final Map<TokenSort, String> COLUMN = new EnumMap<>(Map.of(
            TokenSort.NEWEST, "created_at",
            TokenSort.OLDEST, "created_at",
            TokenSort.EXPIRING_SOONEST, "expires_at",
            TokenSort.LEAST_RECENTLY_USED, "last_used_at",
            TokenSort.MOST_RECENTLY_USED, "last_used_at"));

    private final JdbcAggregateOperations aggregates;
    private final NamedParameterJdbcOperations jdbc;

    JdbcTokenRepository(JdbcAggregateOperations aggregates, NamedParameterJdbcOperations jdbc) {
        this.aggregates = aggregates;
        this.jdbc = jdbc;
    }

    @Override
    public void add(AccessToken token) {
        aggregates.insert(TokenRows.toRow(token));
    }

    @Override
    public boolean update(AccessToken token) {
        TokenRevision read = token.readRevision();
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("revokedAt", Times.toDatabase(token.revokedAt()))
                .addValue("revokedBy", token.revokedBy() == null ? null : token.revokedBy().value())
                .addValue("authority", token.revocationAuthority() == null ? null : token.revocationAuthority().name())
                .addValue("readHash", read.digest().hex())
                .addValue("readRevokedAt", Times.toDatabase(read.revokedAt()))
                .addValue("readAuthority", read.authority() == null ? null : read.authority().name())
                .addValue("hash", token.digest().hex())
                .addValue("hint", token.displayHint())
                .addValue("previousHash", token.previousDigest() == null ? null : token.previousDigest().hex())
                .addValue("previousUntil", Times.toDatabase(token.previousValidUntil()))
                .addValue("rotatedAt", Times.toDatabase(token.rotatedAt()))
                .addValue("workspace", token.workspace().value())
                .addValue("token", token.id().value());
        String sql = UPDATE_REVOCATION + (read.revokedAt() == null ? " AND revoked_at IS NULL"
                : " AND revoked_at = :readRevokedAt AND revocation_authority = :readAuthority");
        if (jdbc.update(sql, params) == 1) {
            return true;
        }
        if (findById(token.workspace(), token.id()).isEmpty()) {
            throw new TokenNotFoundException(token.id());
        }
        return false;
    }

    @Override
    public Optional<AccessToken> findByIdForUpdate(WorkspaceId workspace, TokenId id) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("workspace", workspace.value())
                .addValue("token", id.value());
        // Lock the row alone (H2 refuses FOR UPDATE on a join), then read it with its scopes.
        List<String> locked = jdbc.queryForList("SELECT token_id FROM access_token"
                + " WHERE workspace_id = :workspace AND token_id = :token FOR UPDATE", params, String.class);
        return locked.isEmpty() ? Optional.empty() : findById(workspace, id);
    }

    @Override
    public void lockOwner(WorkspaceId workspace, PrincipalId owner) {
        jdbc.queryForList("SELECT id FROM principal WHERE workspace_id = :workspace AND id = :owner FOR UPDATE",
                new MapSqlParameterSource().addValue("workspace", workspace.value()).addValue("owner", owner.value()),
                Long.class);
    }

    @Override
    public void updateScopes(AccessToken token) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("workspace", token.workspace().value())
                .addValue("token", token.id().value());
        if (jdbc.queryForObject("SELECT COUNT(*) FROM access_token WHERE workspace_id = :workspace AND token_id = :token",
                params, Integer.class) != 1) {
            throw new TokenNotFoundException(token.id());
        }
        jdbc.update("DELETE FROM access_token_scope WHERE workspace_id = :workspace AND token_id = :token", params);
        jdbc.batchUpdate("INSERT INTO access_token_scope (token_id, workspace_id, scope) VALUES (:token, :workspace, :scope)",
                token.scopes().stream().map(scope -> new MapSqlParameterSource()
                        .addValue("token", token.id().value())
                        .addValue("workspace", token.workspace().value())
                        .addValue("scope", scope.key())).toArray(MapSqlParameterSource[]::new));
    }

    @Override
    public Optional<AccessToken> findById(WorkspaceId workspace, TokenId id) {
        return single(select("WHERE t.workspace_id = :workspace AND t.token_id = :token", new MapSqlParameterSource()
                .addValue("workspace", workspace.value())
                .addValue("token", id.value())));
    }

    @Override
    public Optional<AccessToken> findByDigest(TokenDigest digest) {
        return single(select("WHERE t.secret_hash = :hash OR t.previous_secret_hash = :hash",
                new MapSqlParameterSource("hash", digest.hex())));
    }

    @Override
    public List<AccessToken> listByOwner(WorkspaceId workspace, PrincipalId owner) {
        return select("""
                        WHERE t.workspace_id = :workspace AND t.owner_id = :owner
                        ORDER BY t.created_at DESC, t.token_id DESC""",
                new MapSqlParameterSource().addValue("workspace", workspace.value()).addValue("owner", owner.value()));
    }

    /**
     * Two steps, so paging counts tokens and not joined scope rows: the ids of one page by keyset, then those tokens
     * with their scopes. A time a token may lack (expiry, last use) is paged in two runs, tokens with it and
     * tokens without, each along its own index, in the order {@link TokenSort} gives them.
     */
    @Override
    public List<AccessToken> search(WorkspaceId workspace, TokenFilter filter, TokenSort sort, TokenCursor after,
                                    int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("workspace", workspace.value())
                .addValue("now", Times.toDatabase(filter.now()));
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
            StringBuilder run = new StringBuilder(where).append(" AND t.").append(column)
                    .append(withTime ? " IS NOT NULL" : " IS NULL");
            if (!started) {
                if (withTime != (after.key() != null)) {
                    continue;
                }
                started = true;
                run.append(withTime
                        ? " AND (t." + column + " " + beyond + " :afterKey OR (t." + column + " = :afterKey AND t.token_id "
                                + beyond + " :afterId))"
                        : " AND t.token_id " + beyond + " :afterId");
                params.addValue("afterKey", Times.toDatabase(after.key())).addValue("afterId", after.id().value());
            }
            params.addValue("limit", limit - ids.size());
            ids.addAll(jdbc.queryForList("SELECT t.token_id FROM access_token t " + run + " ORDER BY "
                    + (withTime ? "t." + column + " " + direction + ", " : "") + "t.token_id " + direction
                    + " LIMIT :limit", params, String.class));
            if (ids.size() >= limit) {
                break;
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        return select("WHERE t.workspace_id = :workspace AND t.token_id IN (:ids)",
                new MapSqlParameterSource().addValue("workspace", workspace.value()).addValue("ids", ids))
                .stream().sorted(sort.comparator()).toList();
    }

    private static String filtered(TokenFilter filter, MapSqlParameterSource params) {
        StringBuilder where = new StringBuilder("WHERE t.workspace_id = :workspace");
        if (filter.owner() != null) {
            where.append(" AND t.owner_id = :owner");
            params.addValue("owner", filter.owner().value());
        }
        if (filter.createdBy() != null) {
            where.append(" AND t.created_by_id = :createdBy");
            params.addValue("createdBy", filter.createdBy().value());
        }
        if (filter.status() != null) {
            where.append(switch (filter.status()) {
                case ACTIVE -> " AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > :now)";
                case REVOKED -> " AND t.revoked_at IS NOT NULL";
                case EXPIRED -> " AND t.revoked_at IS NULL AND t.expires_at <= :now";
            });
        }
        if (filter.kind() != null) {
            where.append(" AND t.kind = :kind");
            params.addValue("kind", filter.kind().name());
        }
        if (filter.group() != null) {
            where.append(" AND t.group_id = :group");
            params.addValue("group", filter.group().value());
        }
        if (filter.scope() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM access_token_scope ts WHERE ts.token_id = t.token_id"
                    + " AND ts.scope = :scope)");
            params.addValue("scope", filter.scope());
        }
        if (filter.expiringBefore() != null) {
            where.append(" AND t.expires_at > :now AND t.expires_at < :expiringBefore");
            params.addValue("expiringBefore", Times.toDatabase(filter.expiringBefore()));
        }
        if (filter.unusedSince() != null) {
            where.append(" AND (t.last_used_at IS NULL OR t.last_used_at < :unusedSince)");
            params.addValue("unusedSince", Times.toDatabase(filter.unusedSince()));
        }
        if (filter.neverUsed()) {
            where.append(" AND t.last_used_at IS NULL");
        }
        return where.toString();
    }

    @Override
    public boolean delete(WorkspaceId workspace, TokenId id) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("workspace", workspace.value())
                .addValue("token", id.value());
        jdbc.update("DELETE FROM access_token_scope WHERE workspace_id = :workspace AND token_id = :token", params);
        return jdbc.update("DELETE FROM access_token WHERE workspace_id = :workspace AND token_id = :token", params) == 1;
    }

    @Override
    public void recordUses(Collection<TokenUse> usages) {
        MapSqlParameterSource[] batch = usages.stream()
                .map(usage -> new MapSqlParameterSource()
                        .addValue("at", Times.toDatabase(usage.at()))
                        .addValue("address", usage.clientAddress())
                        .addValue("agent", usage.userAgent())
                        .addValue("workspace", usage.workspace().value())
                        .addValue("token", usage.token().value()))
                .toArray(MapSqlParameterSource[]::new);
        jdbc.batchUpdate(RECORD_USAGE, batch);
    }

    /** Rows of one token are adjacent (ordered or unique by token), so they fold into one aggregate each. */
    private List<AccessToken> select(String where, MapSqlParameterSource params) {
        Map<String, TokenRows.Accumulator> tokens = new LinkedHashMap<>();
        jdbc.query(SELECT + where, params, (RowCallbackHandler) rs -> {
            TokenRows.Accumulator token = tokens.get(rs.getString("token_id"));
            if (token == null) {
                token = TokenRows.accumulate(rs);
                tokens.put(rs.getString("token_id"), token);
            }
            token.addScope(rs.getString("scope"));
        });
        return tokens.values().stream().map(TokenRows.Accumulator::build).toList();
    }

    private static Optional<AccessToken> single(List<AccessToken> tokens) {
        return tokens.stream().findFirst();
    }
}
