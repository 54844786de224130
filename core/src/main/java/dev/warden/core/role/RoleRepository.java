package dev.warden.core.role;

import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port for roles; built-in roles are rows too (so assignments point at one kind of thing). */
public interface RoleRepository {
    /** Creates the built-in roles of a new workspace. */
    void seedBuiltIns(WorkspaceId workspace);

    Optional<Role> findById(WorkspaceId workspace, RoleId id);

    Optional<Role> findByName(WorkspaceId workspace, String name);

    /** Built-in roles first, then custom roles by name. */
    List<Role> list(WorkspaceId workspace);

    /** Inserts (id null) or updates a custom role. */
    Role save(Role role);

    /** Takes these permissions (scopes a service no longer declares) from every custom role; how many roles lost one. */
    int removePermissions(WorkspaceId workspace, Collection<String> keys);

    /** Deletes a custom role and its assignments. */
    boolean delete(WorkspaceId workspace, RoleId id);
}
