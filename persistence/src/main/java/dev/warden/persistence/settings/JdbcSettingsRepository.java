package dev.warden.persistence.settings;

import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Times;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcSettingsRepository implements SettingsRepository {
    private final JdbcClient jdbc;

    JdbcSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public WorkspaceSettings get(WorkspaceId workspace) {
        return jdbc.sql("SELECT tokens_enabled, max_token_lifetime_days, default_token_lifetime_days, token_quota,"
                        + " max_secret_lifetime_days, revoke_unused_after_days, revoke_unused_since"
                        + " FROM workspace_setting WHERE workspace_id = :workspace")
                .param("workspace", workspace.value())
                .query((rs, n) -> new WorkspaceSettings(
                        rs.getBoolean(1),
                        (Integer) rs.getObject(2, Integer.class),
                        (Integer) rs.getObject(3, Integer.class),
                        rs.getInt(4),
                        (Integer) rs.getObject(5, Integer.class),
                        (Integer) rs.getObject(6, Integer.class),
                        Times.read(rs, 7)))
                .optional()
                .orElse(WorkspaceSettings.DEFAULTS);
    }

    @Override
    public void save(WorkspaceId workspace, WorkspaceSettings settings) {
        int updated = jdbc.sql("UPDATE workspace_setting SET tokens_enabled = :enabled, max_token_lifetime_days = :max,"
                        + " default_token_lifetime_days = :preferred, token_quota = :quota,"
                        + " max_secret_lifetime_days = :secretMax, revoke_unused_after_days = :unused,"
                        + " revoke_unused_since = :unusedSince, updated_at = :now"
                        + " WHERE workspace_id = :workspace")
                .params(params(workspace, settings))
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO workspace_setting (workspace_id, tokens_enabled, max_token_lifetime_days,"
                            + " default_token_lifetime_days, token_quota, max_secret_lifetime_days,"
                            + " revoke_unused_after_days, revoke_unused_since, updated_at)"
                            + " VALUES (:workspace, :enabled, :max, :preferred, :quota, :secretMax, :unused,"
                            + " :unusedSince, :now)")
                    .params(params(workspace, settings))
                    .update();
        }
    }

    private static java.util.Map<String, Object> params(WorkspaceId workspace, WorkspaceSettings settings) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("workspace", workspace.value());
        params.put("enabled", settings.tokensEnabled());
        params.put("max", settings.maxTokenLifetimeDays());
        params.put("preferred", settings.defaultTokenLifetimeDays());
        params.put("quota", settings.tokenQuota());
        params.put("secretMax", settings.maxSecretLifetimeDays());
        params.put("unused", settings.revokeUnusedAfterDays());
        params.put("unusedSince", Times.toDatabase(settings.revokeUnusedSince()));
        params.put("now", Times.toDatabase(Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS)));
        return params;
    }
}
