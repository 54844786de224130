package dev.warden.persistence;

import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupRepository;
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
    private final GroupRepository groups;

    public Fixtures(WorkspaceRepository workspaces, PrincipalRepository principals) {
        this(workspaces, principals, null);
    }

    /** With groups, for rows that refer to a group. */
    public Fixtures(WorkspaceRepository workspaces, PrincipalRepository principals, GroupRepository groups) {
        this.workspaces = workspaces;
        this.principals = principals;
        this.groups = groups;
    }

    /** A new workspace with a unique name. */
    public WorkspaceId workspace() {
        return workspaceNamed("ws-" + UUID.randomUUID());
    }

    public WorkspaceId workspaceNamed(String name) {
        Workspace created = workspaces.create(name);
        return created.id();
    }

    /** A new group in the workspace. */
    public GroupId group(WorkspaceId workspace, String displayName) {
        if (groups == null) {
            throw new IllegalStateException("these fixtures were made without a group repository");
        }
        return groups.save(new Group(null, workspace, displayName, null)).id();
    }

    /** A new active user in the workspace. */
    public PrincipalId user(WorkspaceId workspace, String userName) {
        Principal saved = principals.save(Principal.newUser(workspace, userName, "User " + userName, "{noop}secret"));
        return saved.id();
    }

    /** A new active service principal in the workspace, with a random application id. */
    public PrincipalId servicePrincipal(WorkspaceId workspace, String displayName) {
        return principals
                .save(Principal.newServicePrincipal(workspace, UUID.randomUUID().toString(), displayName))
                .id();
    }
}
