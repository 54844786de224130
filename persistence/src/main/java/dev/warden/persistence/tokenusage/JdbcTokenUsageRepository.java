package dev.warden.persistence.tokenusage;

import dev.warden.core.group.GroupId;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsageRepository;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Times;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcTokenUsageRepository implements TokenUsageRepository {
    private final JdbcClient jdbc;

    JdbcTokenUsageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<TokenUsageEntry> list(WorkspaceId workspace) {
        return jdbc.sql("SELECT principal_id, group_id, level FROM token_usage_entry WHERE workspace_id = :workspace"
                        + " ORDER BY id")
                .param("workspace", workspace.value())
                .query((rs, n) -> {
                    long principal = rs.getLong(1);
                    boolean noPrincipal = rs.wasNull();
                    long group = rs.getLong(2);
                    boolean noGroup = rs.wasNull();
                    return new TokenUsageEntry(
                            noPrincipal ? null : new PrincipalId(principal),
                            noGroup ? null : new GroupId(group),
                            TokenUsageLevel.valueOf(rs.getString(3)));
                })
                .list();
    }

    /** The subjects must belong to the workspace: the foreign keys alone would accept another workspace's ids. */
    @Override
    public void replace(WorkspaceId workspace, List<TokenUsageEntry> entries) {
        jdbc.sql("DELETE FROM token_usage_entry WHERE workspace_id = :workspace")
                .param("workspace", workspace.value())
                .update();
        for (TokenUsageEntry entry : entries) {
            String subject = entry.principal() != null
                    ? "SELECT workspace_id, id, NULL, :level, :now FROM principal WHERE workspace_id = :workspace AND id = :id"
                    : "SELECT workspace_id, NULL, id, :level, :now FROM principal_group WHERE workspace_id = :workspace AND id = :id";
            int inserted = jdbc.sql(
                            "INSERT INTO token_usage_entry (workspace_id, principal_id, group_id, level, created_at) "
                                    + subject)
                    .param("workspace", workspace.value())
                    .param(
                            "id",
                            entry.principal() != null
                                    ? entry.principal().value()
                                    : entry.group().value())
                    .param("level", entry.level().name())
                    .param("now", Times.toDatabase(Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS)))
                    .update();
            if (inserted != 1) {
                throw new DataIntegrityViolationException("no such principal or group in workspace " + workspace);
            }
        }
    }
}
