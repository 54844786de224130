package dev.warden.persistence.token;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenNotFoundException;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenUsage;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Times;
import java.util.Collection;
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
     * Revocation is the only state of a stored token that changes. Writing just those columns, scoped by
     * workspace, keeps a last use recorded since the token was loaded and cannot move a token between workspaces.
     */
    private static final String UPDATE_REVOCATION = """
            UPDATE access_token
               SET revoked_at = :revokedAt, revoked_by_id = :revokedBy
             WHERE workspace_id = :workspace AND token_id = :token""";

    /**
     * A token with its scopes in one query on one connection: Spring Data JDBC would load the scopes with a
     * query per token while the token query still holds its connection, which starves the pool under load.
     */
    private static final String SELECT = """
            SELECT t.token_id, t.workspace_id, t.secret_hash, t.display_hint, t.owner_id, t.created_by_id, t.comment,
                   t.created_at, t.expires_at, t.revoked_at, t.revoked_by_id,
                   t.last_used_at, t.last_used_address, t.last_used_agent, s.scope
              FROM access_token t
              LEFT JOIN access_token_scope s ON s.token_id = t.token_id
            """;

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
    public void update(AccessToken token) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("revokedAt", Times.toDatabase(token.revokedAt()))
                .addValue("revokedBy", token.revokedBy() == null ? null : token.revokedBy().value())
                .addValue("workspace", token.workspace().value())
                .addValue("token", token.id().value());
        if (jdbc.update(UPDATE_REVOCATION, params) != 1) {
            throw new TokenNotFoundException(token.id());
        }
    }

    @Override
    public Optional<AccessToken> findById(WorkspaceId workspace, TokenId id) {
        return single(select("WHERE t.workspace_id = :workspace AND t.token_id = :token", new MapSqlParameterSource()
                .addValue("workspace", workspace.value())
                .addValue("token", id.value())));
    }

    @Override
    public Optional<AccessToken> findByDigest(TokenDigest digest) {
        return single(select("WHERE t.secret_hash = :hash", new MapSqlParameterSource("hash", digest.hex())));
    }

    @Override
    public List<AccessToken> listByOwner(WorkspaceId workspace, PrincipalId owner) {
        return select("""
                        WHERE t.workspace_id = :workspace AND t.owner_id = :owner
                        ORDER BY t.created_at DESC, t.token_id DESC""",
                new MapSqlParameterSource().addValue("workspace", workspace.value()).addValue("owner", owner.value()));
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
    public void recordUsage(Collection<TokenUsage> usages) {
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
