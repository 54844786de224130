package dev.warden.core.settings;

import dev.warden.core.workspace.WorkspaceId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link SettingsRepository} in a map, one entry per workspace like the {@code workspace_setting} table: a workspace
 * that never saved settings answers {@link WorkspaceSettings#DEFAULTS}. {@link #saves()} counts writes, so a test can
 * show that a refused change stored nothing.
 */
public class InMemorySettingsRepository implements SettingsRepository {
    private final Map<WorkspaceId, WorkspaceSettings> settings = new LinkedHashMap<>();
    private int saves;

    @Override
    public synchronized WorkspaceSettings get(WorkspaceId workspace) {
        return settings.getOrDefault(workspace, WorkspaceSettings.DEFAULTS);
    }

    @Override
    public synchronized void save(WorkspaceId workspace, WorkspaceSettings value) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(value, "settings");
        saves++;
        settings.put(workspace, value);
    }

    /** Test set-up: stores these settings without counting a save. */
    public synchronized InMemorySettingsRepository with(WorkspaceId workspace, WorkspaceSettings value) {
        settings.put(workspace, value);
        return this;
    }

    /** Whether the workspace has a stored row (as opposed to answering the defaults). */
    public synchronized boolean isStored(WorkspaceId workspace) {
        return settings.containsKey(workspace);
    }

    /** How often {@link #save} was called. */
    public synchronized int saves() {
        return saves;
    }

    /** Captures the stored settings (not the counter); running the result puts them back. */
    public synchronized Runnable snapshot() {
        Map<WorkspaceId, WorkspaceSettings> saved = new LinkedHashMap<>(settings);
        return () -> {
            synchronized (this) {
                settings.clear();
                settings.putAll(saved);
            }
        };
    }
}
