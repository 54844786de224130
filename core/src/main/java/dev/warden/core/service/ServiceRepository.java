package dev.warden.core.service;

import dev.warden.core.permission.Permission;
import dev.warden.core.permission.ServiceScopes;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port for registered services and their scopes; its scopes are the non-Warden part of the catalogue. */
public interface ServiceRepository extends ServiceScopes {
    /** Inserts a new service (id null) with its scopes. */
    RegisteredService insert(RegisteredService service);

    void rename(WorkspaceId workspace, ServiceId id, String displayName);

    /** Adds scopes, or changes the description of a scope the service already declares. */
    void putScopes(WorkspaceId workspace, ServiceId id, Collection<Permission> scopes);

    void removeScopes(WorkspaceId workspace, ServiceId id, Collection<String> keys);

    /** Deletes the service and its scopes. */
    boolean delete(WorkspaceId workspace, ServiceId id);

    Optional<RegisteredService> findById(WorkspaceId workspace, ServiceId id);

    Optional<RegisteredService> findByName(WorkspaceId workspace, String name);

    /** The service this service principal authenticates for, if any (one per service principal). */
    Optional<RegisteredService> findByServicePrincipal(WorkspaceId workspace, PrincipalId servicePrincipal);

    /** By name. */
    List<RegisteredService> list(WorkspaceId workspace);
}
