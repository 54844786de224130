package dev.warden.persistence.workspace;

import dev.warden.core.workspace.AuthorizationVersions;
import dev.warden.core.workspace.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The authorisation versions in {@code authorization_version}, one row per workspace, written when the workspace is
 * created ({@link JdbcWorkspaceRepository#create}) or, for a workspace without one, at its first change.
 */
@Repository
class JdbcAuthorizationVersions implements AuthorizationVersions {
    private final JdbcClient jdbc;

    JdbcAuthorizationVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bump(WorkspaceId workspace) {
        int updated = jdbc.sql("UPDATE authorization_version SET version = version + 1 WHERE workspace_id = :workspace")
                .param("workspace", workspace.value())
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO authorization_version (workspace_id, version) VALUES (:workspace, 1)")
                    .param("workspace", workspace.value())
                    .update();
        }
    }

    @Override
    public long current(WorkspaceId workspace) {
        return jdbc.sql("SELECT version FROM authorization_version WHERE workspace_id = :workspace")
                .param("workspace", workspace.value())
                .query(Long.class)
                .optional()
                .orElse(0L);
    }
}
