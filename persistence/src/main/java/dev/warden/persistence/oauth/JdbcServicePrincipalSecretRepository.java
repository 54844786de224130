package dev.warden.persistence.oauth;

import dev.warden.core.oauth.SecretCursor;
import dev.warden.core.oauth.SecretId;
import dev.warden.core.oauth.ServicePrincipalSecret;
import dev.warden.core.oauth.ServicePrincipalSecretRepository;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Service principal secrets on {@link JdbcClient}; only each value's digest is stored. */
@Repository
class JdbcServicePrincipalSecretRepository implements ServicePrincipalSecretRepository {
    private static final String COLUMNS =
            "secret_id, workspace_id, principal_id, secret_hash, display_hint, created_by_id, created_at, expires_at";

    private final JdbcClient jdbc;

    JdbcServicePrincipalSecretRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(ServicePrincipalSecret secret) {
        jdbc.sql("INSERT INTO service_principal_secret (" + COLUMNS + ") VALUES (:id, :workspace, :principal, :hash,"
                        + " :hint, :createdBy, :createdAt, :expiresAt)")
                .param("id", secret.id().value())
                .param("workspace", secret.workspace().value())
                .param("principal", secret.servicePrincipal().value())
                .param("hash", secret.digest().hex())
                .param("hint", secret.displayHint())
                .param("createdBy", secret.createdBy().value())
                .param("createdAt", Times.toDatabase(secret.createdAt()))
                .param("expiresAt", Times.toDatabase(secret.expiresAt()))
                .update();
    }

    @Override
    public Optional<ServicePrincipalSecret> findByDigest(TokenDigest digest) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_principal_secret WHERE secret_hash = :hash")
                .param("hash", digest.hex())
                .query((rs, n) -> secret(rs))
                .optional();
    }

    @Override
    public Optional<ServicePrincipalSecret> findById(WorkspaceId workspace, SecretId id) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM service_principal_secret WHERE workspace_id = :workspace AND secret_id = :id")
                .param("workspace", workspace.value())
                .param("id", id.value())
                .query((rs, n) -> secret(rs))
                .optional();
    }

    /** By primary key, so only that row is locked (no gap), and a missing row locks nothing lasting. */
    @Override
    public boolean lock(WorkspaceId workspace, SecretId id) {
        return !jdbc.sql("SELECT secret_id FROM service_principal_secret"
                        + " WHERE secret_id = :id AND workspace_id = :workspace FOR UPDATE")
                .param("workspace", workspace.value())
                .param("id", id.value())
                .query(String.class)
                .list()
                .isEmpty();
    }

    @Override
    public void lockServicePrincipal(WorkspaceId workspace, PrincipalId servicePrincipal) {
        jdbc.sql("SELECT id FROM principal WHERE workspace_id = :workspace AND id = :principal FOR UPDATE")
                .param("workspace", workspace.value())
                .param("principal", servicePrincipal.value())
                .query(Long.class)
                .list();
    }

    @Override
    public List<ServicePrincipalSecret> list(
            WorkspaceId workspace, PrincipalId servicePrincipal, SecretCursor after, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("workspace", workspace.value());
        params.put("principal", servicePrincipal.value());
        params.put("limit", limit);
        String beyond = "";
        if (after != null) {
            beyond = " AND (created_at < :afterAt OR (created_at = :afterAt AND secret_id < :afterId))";
            params.put("afterAt", Times.toDatabase(after.createdAt()));
            params.put("afterId", after.id().value());
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM service_principal_secret"
                        + " WHERE workspace_id = :workspace AND principal_id = :principal" + beyond
                        + " ORDER BY created_at DESC, secret_id DESC LIMIT :limit")
                .params(params)
                .query((rs, n) -> secret(rs))
                .list();
    }

    @Override
    public int count(WorkspaceId workspace, PrincipalId servicePrincipal) {
        return jdbc.sql("SELECT COUNT(*) FROM service_principal_secret"
                        + " WHERE workspace_id = :workspace AND principal_id = :principal")
                .param("workspace", workspace.value())
                .param("principal", servicePrincipal.value())
                .query(Integer.class)
                .single();
    }

    @Override
    public boolean delete(WorkspaceId workspace, SecretId id) {
        return jdbc.sql("DELETE FROM service_principal_secret WHERE workspace_id = :workspace AND secret_id = :id")
                        .param("workspace", workspace.value())
                        .param("id", id.value())
                        .update()
                == 1;
    }

    private static ServicePrincipalSecret secret(ResultSet rs) throws SQLException {
        return new ServicePrincipalSecret(
                new SecretId(rs.getString("secret_id")),
                new WorkspaceId(rs.getLong("workspace_id")),
                new PrincipalId(rs.getLong("principal_id")),
                new TokenDigest(rs.getString("secret_hash")),
                rs.getString("display_hint"),
                new PrincipalId(rs.getLong("created_by_id")),
                Times.read(rs, "created_at"),
                Times.read(rs, "expires_at"));
    }
}
