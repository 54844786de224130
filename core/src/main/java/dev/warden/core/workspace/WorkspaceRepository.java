package dev.warden.core.workspace;

import java.util.Optional;

/** Port for workspaces. */
public interface WorkspaceRepository {
    Optional<Workspace> findByName(String name);

    boolean isEmpty();

    Workspace create(String name);
}
