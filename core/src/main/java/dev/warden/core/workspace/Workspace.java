package dev.warden.core.workspace;

import java.util.Objects;

public record Workspace(WorkspaceId id, String name) {
    public Workspace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
