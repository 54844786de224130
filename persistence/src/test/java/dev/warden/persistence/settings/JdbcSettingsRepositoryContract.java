package dev.warden.persistence.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.JdbcAdapterTest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The settings contract against {@link JdbcSettingsRepository}; each test is rolled back. Adds what only rows can
 * show: no row until the first save, one row per workspace however often it is saved, and the time of the change.
 */
@JdbcAdapterTest
abstract class JdbcSettingsRepositoryContract extends SettingsRepositoryContract {
    @Autowired
    private SettingsRepository settings;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private JdbcClient jdbc;

    @Override
    protected SettingsRepository settings() {
        return settings;
    }

    @Override
    protected WorkspaceRepository workspaces() {
        return workspaces;
    }

    private int rows(WorkspaceId workspace) {
        return jdbc.sql("SELECT COUNT(*) FROM workspace_setting WHERE workspace_id = ?")
                .param(workspace.value())
                .query(Integer.class)
                .single();
    }

    private Instant updatedAt(WorkspaceId workspace) {
        return jdbc.sql("SELECT updated_at FROM workspace_setting WHERE workspace_id = ?")
                .param(workspace.value())
                .query((rs, n) -> rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC))
                .single();
    }

    @Test
    void theAdapterIsTheJdbcOne() {
        assertThat(settings).isInstanceOf(JdbcSettingsRepository.class);
    }

    @Test
    void readingTheDefaultsWritesNoRow() {
        settings.get(workspace);

        assertThat(rows(workspace)).isZero();
    }

    @Test
    void aWorkspaceKeepsOneRowHoweverOftenItIsSaved() {
        WorkspaceId other = newWorkspace();

        settings.save(workspace, CHANGED);
        settings.save(workspace, WorkspaceSettings.DEFAULTS);
        settings.save(workspace, CHANGED);
        settings.save(other, CHANGED);

        assertThat(rows(workspace)).isEqualTo(1);
        assertThat(rows(other)).isEqualTo(1);
    }

    @Test
    void theRowStoresEveryFieldInItsColumn() {
        settings.save(workspace, new WorkspaceSettings(false, 365, null, 42));

        assertThat(jdbc.sql("""
                        SELECT tokens_enabled, max_token_lifetime_days, default_token_lifetime_days, token_quota
                          FROM workspace_setting WHERE workspace_id = ?""")
                        .param(workspace.value())
                        .query((rs, n) ->
                                Arrays.asList(rs.getBoolean(1), rs.getObject(2), rs.getObject(3), rs.getInt(4)))
                        .single())
                .containsExactly(false, 365, null, 42);
    }

    /** updated_at is the time of the last save, in UTC (checked against the test's own clock, a minute either way). */
    @Test
    void theRowRecordsWhenItWasLastChangedInUtc() {
        settings.save(workspace, CHANGED);
        Instant first = updatedAt(workspace);

        settings.save(workspace, WorkspaceSettings.DEFAULTS);
        Instant second = updatedAt(workspace);

        assertThat(Duration.between(first, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(second).isAfterOrEqualTo(first);
    }

    @Test
    void savingForAnUnknownWorkspaceIsRefused() {
        WorkspaceId unknown = new WorkspaceId(987_654_321L);

        assertThatThrownBy(() -> settings.save(unknown, CHANGED)).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aSaveTouchesNoOtherWorkspacesRow() {
        WorkspaceId other = newWorkspace();
        settings.save(other, CHANGED);
        settings.save(workspace, CHANGED);

        settings.save(workspace, WorkspaceSettings.DEFAULTS);

        assertThat(jdbc.sql(
                                "SELECT token_quota FROM workspace_setting WHERE workspace_id IN (?, ?) ORDER BY workspace_id")
                        .params(workspace.value(), other.value())
                        .query(Integer.class)
                        .list())
                .isEqualTo(workspace.value() < other.value() ? List.of(600, 5) : List.of(5, 600));
    }
}
