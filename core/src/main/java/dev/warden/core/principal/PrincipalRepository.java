package dev.warden.core.principal;

import dev.warden.core.workspace.WorkspaceId;
import java.util.Optional;

/** Port for principals; every lookup is scoped by workspace. */
public interface PrincipalRepository {
    Optional<Principal> findById(WorkspaceId workspace, PrincipalId id);

    Optional<Principal> findByUserName(WorkspaceId workspace, String userName);

    /** Inserts a new principal (id null) or updates an existing one; returns it with its id. */
    Principal save(Principal principal);

    /** Grants a built-in workspace-scoped role such as {@code workspace-admin}. */
    void assignWorkspaceRole(WorkspaceId workspace, PrincipalId principal, String roleName);
}
