package dev.warden.core.group;

import dev.warden.core.workspace.WorkspaceId;
import java.util.Objects;

/** A named set of users and service principals; its display name is unique in the workspace. */
public record Group(GroupId id, WorkspaceId workspace, String displayName, String externalId) {
    public Group {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(displayName, "displayName");
    }

    public Group withId(GroupId newId) {
        return new Group(newId, workspace, displayName, externalId);
    }

    public Group renamed(String newDisplayName, String newExternalId) {
        return new Group(id, workspace, newDisplayName, newExternalId);
    }
}
