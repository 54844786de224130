package dev.warden.persistence.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every {@link SettingsRepository} must do: the JDBC adapter on each database and the in-memory fake.
 * <p>
 * {@code @Transactional} is repeated here although the JDBC subclasses have it through {@code @JdbcAdapterTest}:
 * Spring looks for a test method's transaction on the class that declares the method, so the contract's tests
 * would otherwise run without the rolled-back test transaction. Without a Spring context (the fakes) it does nothing.
 */
@Transactional
public abstract class SettingsRepositoryContract {
    /** Every field away from its default. */
    protected static final WorkspaceSettings CHANGED =
            new WorkspaceSettings(false, 730, 90, 5, 30, 180, java.time.Instant.parse("2026-11-30T08:15:30.123456Z"));

    protected WorkspaceId workspace;

    protected abstract SettingsRepository settings();

    protected abstract WorkspaceRepository workspaces();

    @BeforeEach
    void givenAWorkspace() {
        workspace = newWorkspace();
    }

    protected WorkspaceId newWorkspace() {
        return workspaces().create("ws-" + UUID.randomUUID()).id();
    }

    @Test
    void aWorkspaceThatNeverSavedItsSettingsHasTheDefaults() {
        assertThat(settings().get(workspace))
                .isEqualTo(WorkspaceSettings.DEFAULTS)
                .isEqualTo(new WorkspaceSettings(true, null, null, 600, null));
    }

    @Test
    void saveThenGetRoundTripsEveryField() {
        settings().save(workspace, CHANGED);

        assertThat(settings().get(workspace)).isEqualTo(CHANGED);
    }

    @Test
    void bothLifetimesCanBeNull() {
        WorkspaceSettings noCaps = new WorkspaceSettings(false, null, null, 1);

        settings().save(workspace, noCaps);

        assertThat(settings().get(workspace)).isEqualTo(noCaps);
    }

    @Test
    void eitherLifetimeCanBeNullAlone() {
        WorkspaceSettings onlyMax = new WorkspaceSettings(true, 1, null, 600);
        WorkspaceSettings onlyDefault = new WorkspaceSettings(true, null, 7, 600);
        WorkspaceId other = newWorkspace();

        settings().save(workspace, onlyMax);
        settings().save(other, onlyDefault);

        assertThat(settings().get(workspace)).isEqualTo(onlyMax);
        assertThat(settings().get(other)).isEqualTo(onlyDefault);
    }

    @Test
    void extremeValuesRoundTrip() {
        WorkspaceSettings extremes = new WorkspaceSettings(
                true,
                WorkspaceSettings.MAX_LIFETIME_DAYS_LIMIT,
                WorkspaceSettings.MAX_LIFETIME_DAYS_LIMIT,
                Integer.MAX_VALUE);
        WorkspaceSettings zeroQuota = new WorkspaceSettings(true, 1, 1, 0);

        settings().save(workspace, extremes);
        assertThat(settings().get(workspace)).isEqualTo(extremes);

        settings().save(workspace, zeroQuota);
        assertThat(settings().get(workspace)).isEqualTo(zeroQuota);
    }

    @Test
    void savingTheDefaultsExplicitlyKeepsTheDefaults() {
        settings().save(workspace, WorkspaceSettings.DEFAULTS);

        assertThat(settings().get(workspace)).isEqualTo(WorkspaceSettings.DEFAULTS);
    }

    @Test
    void saveTwiceUpdates() {
        WorkspaceSettings second = new WorkspaceSettings(true, 30, null, 600);
        settings().save(workspace, CHANGED);

        settings().save(workspace, second);

        assertThat(settings().get(workspace)).isEqualTo(second);
    }

    @Test
    void anUpdateCanClearTheLifetimesAndGoBackToTheDefaults() {
        settings().save(workspace, CHANGED);

        settings().save(workspace, WorkspaceSettings.DEFAULTS);

        assertThat(settings().get(workspace)).isEqualTo(WorkspaceSettings.DEFAULTS);
    }

    @Test
    void savingTheSameSettingsAgainChangesNothing() {
        settings().save(workspace, CHANGED);

        settings().save(workspace, CHANGED);

        assertThat(settings().get(workspace)).isEqualTo(CHANGED);
    }

    @Test
    void eachWorkspaceHasItsOwnSettings() {
        WorkspaceId other = newWorkspace();
        WorkspaceId untouched = newWorkspace();
        WorkspaceSettings otherSettings = new WorkspaceSettings(true, 10, 5, 3);

        settings().save(workspace, CHANGED);
        assertThat(settings().get(other)).as("not saved yet").isEqualTo(WorkspaceSettings.DEFAULTS);

        settings().save(other, otherSettings);
        assertThat(settings().get(workspace)).isEqualTo(CHANGED);
        assertThat(settings().get(other)).isEqualTo(otherSettings);

        settings().save(workspace, WorkspaceSettings.DEFAULTS);
        assertThat(settings().get(other)).as("another workspace's update").isEqualTo(otherSettings);
        assertThat(settings().get(untouched)).isEqualTo(WorkspaceSettings.DEFAULTS);
    }
}
