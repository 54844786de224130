package dev.warden.core.permission;

import dev.warden.core.workspace.WorkspaceId;
import java.util.List;

/** Port for the scopes the registered services of a workspace declared: the non-Warden part of its catalogue. */
public interface ServiceScopes {
    List<Permission> inWorkspace(WorkspaceId workspace);

    default PermissionCatalogue catalogue(WorkspaceId workspace) {
        return PermissionCatalogue.with(inWorkspace(workspace));
    }
}
