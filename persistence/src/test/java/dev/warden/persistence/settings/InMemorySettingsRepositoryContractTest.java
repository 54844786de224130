package dev.warden.persistence.settings;

import dev.warden.core.settings.InMemorySettingsRepository;
import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.workspace.InMemoryWorkspaceRepository;
import dev.warden.core.workspace.WorkspaceRepository;

/** Core's fake runs the same contract as the JDBC adapter. */
class InMemorySettingsRepositoryContractTest extends SettingsRepositoryContract {
    private final SettingsRepository settings = new InMemorySettingsRepository();
    private final WorkspaceRepository workspaces = new InMemoryWorkspaceRepository();

    @Override
    protected SettingsRepository settings() {
        return settings;
    }

    @Override
    protected WorkspaceRepository workspaces() {
        return workspaces;
    }
}
