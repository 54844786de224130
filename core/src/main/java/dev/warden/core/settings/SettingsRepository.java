package dev.warden.core.settings;

import dev.warden.core.workspace.WorkspaceId;

/** Port for workspace settings; a workspace without a stored row has {@link WorkspaceSettings#DEFAULTS}. */
public interface SettingsRepository {
    WorkspaceSettings get(WorkspaceId workspace);

    void save(WorkspaceId workspace, WorkspaceSettings settings);
}
