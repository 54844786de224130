package dev.warden.core.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link WorkspaceRepository} in a list; ids count up from 1 and names are unique, as in the database. */
public class InMemoryWorkspaceRepository implements WorkspaceRepository {
    private final List<Workspace> workspaces = new ArrayList<>();
    private long nextId = 1;

    @Override
    public synchronized Optional<Workspace> findByName(String name) {
        return workspaces.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    @Override
    public synchronized boolean isEmpty() {
        return workspaces.isEmpty();
    }

    @Override
    public synchronized Workspace create(String name) {
        if (findByName(name).isPresent()) {
            throw new IllegalStateException("duplicate workspace name " + name);
        }
        Workspace workspace = new Workspace(new WorkspaceId(nextId++), name);
        workspaces.add(workspace);
        return workspace;
    }

    @Override
    public synchronized Optional<Workspace> createIfAbsent(String name) {
        return findByName(name).isPresent() ? Optional.empty() : Optional.of(create(name));
    }

    /** Captures the workspaces; running the result puts them (and the next id) back. */
    public synchronized Runnable snapshot() {
        List<Workspace> saved = List.copyOf(workspaces);
        long savedNextId = nextId;
        return () -> {
            synchronized (this) {
                workspaces.clear();
                workspaces.addAll(saved);
                nextId = savedNextId;
            }
        };
    }

    /** Every workspace, in creation order. */
    public synchronized List<Workspace> all() {
        return List.copyOf(workspaces);
    }
}
