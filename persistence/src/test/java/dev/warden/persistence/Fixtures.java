package dev.warden.persistence;

import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.workspace.Workspace;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import java.util.UUID;

/**
 * Creates what the foreign keys need (workspaces, principals) through the repositories themselves,
 * so the same fixture works against the database and against the in-memory fakes.
 */
public final class Fixtures {
    private final WorkspaceRepository workspaces;
    private final PrincipalRepository principals;

    public Fixtures(WorkspaceRepository workspaces, PrincipalRepository principals) {
        this.workspaces = workspaces;
        this.principals = principals;
    }

    /** A new workspace with a unique name. */
    public WorkspaceId workspace() {
        return workspaceNamed("ws-" + UUID.randomUUID());
    }

    public WorkspaceId workspaceNamed(String name) {
        Workspace created = workspaces.create(name);
        return created.id();
    }

    /** A new active user in the workspace. */
    public PrincipalId user(WorkspaceId workspace, String userName) {
        Principal saved = principals.save(Principal.newUser(workspace, userName, "User " + userName, "{noop}secret"));
        return saved.id();
    }
}
