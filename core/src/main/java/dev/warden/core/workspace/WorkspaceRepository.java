package dev.warden.core.workspace;

import java.util.Optional;

/** Port for workspaces. */
public interface WorkspaceRepository {
    Optional<Workspace> findByName(String name);

    boolean isEmpty();

    Workspace create(String name);

    /**
     * As {@link #create}, but a taken name is no error: empty then. Two nodes starting together on an empty database
     * both try to create the first workspace; the one that comes second learns it here, and its transaction goes on
     * (a refused insert leaves the rest of the transaction as it was).
     */
    Optional<Workspace> createIfAbsent(String name);
}
