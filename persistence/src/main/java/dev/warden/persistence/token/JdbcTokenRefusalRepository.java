package dev.warden.persistence.token;

import dev.warden.core.token.DenialReason;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenRefusal;
import dev.warden.core.token.TokenRefusalRepository;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Times;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Recent refusals on {@link JdbcClient}; the inserts of one flush go as one JDBC batch (JdbcClient has no batch API,
 * docs/adr/0001-one-data-access-idiom.md). Each insert selects from {@code access_token}, so a refusal of a token
 * deleted since it was refused inserts nothing instead of failing the whole batch on the foreign key. Then each token
 * the batch named is trimmed to its newest rows: ids beyond them are read and deleted (portable to H2, MySQL and
 * MariaDB, none of which agree on deleting with a LIMIT subquery of the same table).
 */
@Repository
class JdbcTokenRefusalRepository implements TokenRefusalRepository {
    private static final String INSERT = """
            INSERT INTO token_refusal (workspace_id, token_id, refused_at, method, path, reason, client_address,
                                       user_agent)
            SELECT workspace_id, token_id, :at, :method, :path, :reason, :address, :agent
              FROM access_token
             WHERE workspace_id = :workspace AND token_id = :token""";

    private static final String BEYOND_NEWEST = """
            SELECT id FROM token_refusal
             WHERE workspace_id = :workspace AND token_id = :token
             ORDER BY refused_at DESC, id DESC
             LIMIT 1000 OFFSET :keep""";

    private static final String SELECT = """
            SELECT refused_at, method, path, reason, client_address, user_agent
              FROM token_refusal
             WHERE workspace_id = :workspace AND token_id = :token
             ORDER BY refused_at DESC, id DESC
             LIMIT :limit""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batch;

    JdbcTokenRefusalRepository(JdbcClient jdbc, NamedParameterJdbcOperations batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    @Override
    public void record(Collection<TokenRefusal> refusals, int keep) {
        if (refusals.isEmpty()) {
            return;
        }
        batch.batchUpdate(
                INSERT,
                refusals.stream()
                        .map(refusal -> new MapSqlParameterSource()
                                .addValue("at", Times.toDatabase(refusal.at()))
                                .addValue("method", refusal.method())
                                .addValue("path", refusal.path())
                                .addValue("reason", refusal.reason().name())
                                .addValue("address", refusal.clientAddress())
                                .addValue("agent", refusal.userAgent())
                                .addValue("workspace", refusal.workspace().value())
                                .addValue("token", refusal.token().value()))
                        .toArray(SqlParameterSource[]::new));
        Map<TokenId, WorkspaceId> named = new LinkedHashMap<>();
        refusals.forEach(refusal -> named.put(refusal.token(), refusal.workspace()));
        named.forEach((token, workspace) -> trim(workspace, token, keep));
    }

    private void trim(WorkspaceId workspace, TokenId token, int keep) {
        List<Long> beyond = jdbc.sql(BEYOND_NEWEST)
                .param("workspace", workspace.value())
                .param("token", token.value())
                .param("keep", keep)
                .query(Long.class)
                .list();
        if (!beyond.isEmpty()) {
            jdbc.sql("DELETE FROM token_refusal WHERE id IN (:ids)")
                    .param("ids", beyond)
                    .update();
        }
    }

    @Override
    public List<TokenRefusal> recent(WorkspaceId workspace, TokenId token, int limit) {
        return jdbc.sql(SELECT)
                .param("workspace", workspace.value())
                .param("token", token.value())
                .param("limit", limit)
                .query((rs, n) -> new TokenRefusal(
                        workspace,
                        token,
                        Times.read(rs, "refused_at"),
                        rs.getString("method"),
                        rs.getString("path"),
                        DenialReason.valueOf(rs.getString("reason")),
                        rs.getString("client_address"),
                        rs.getString("user_agent")))
                .list();
    }
}
