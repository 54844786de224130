package dev.warden.core.service;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.core.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ServiceRepository} in memory, scoped by workspace; names and scope keys unique per workspace. */
public class InMemoryServiceRepository implements ServiceRepository {
    private final Map<ServiceId, RegisteredService> services = new LinkedHashMap<>();
    private long nextId = 1;

    @Override
    public synchronized List<Permission> inWorkspace(WorkspaceId workspace) {
        return services.values().stream()
                .filter(s -> s.workspace().equals(workspace))
                .flatMap(s -> s.scopes().stream())
                .sorted()
                .toList();
    }

    @Override
    public synchronized RegisteredService insert(RegisteredService service) {
        if (findByName(service.workspace(), service.name()).isPresent()) {
            throw new ResourceAlreadyExistsException("service name taken");
        }
        RegisteredService saved = service.withId(new ServiceId(nextId++));
        services.put(saved.id(), saved);
        return saved;
    }

    @Override
    public synchronized void rename(WorkspaceId workspace, ServiceId id, String displayName) {
        findById(workspace, id)
                .ifPresent(s -> services.put(
                        id,
                        new RegisteredService(id, workspace, s.name(), displayName, s.servicePrincipal(), s.scopes())));
    }

    @Override
    public synchronized void putScopes(WorkspaceId workspace, ServiceId id, Collection<Permission> scopes) {
        findById(workspace, id).ifPresent(s -> {
            List<Permission> all = new ArrayList<>(s.scopes());
            all.removeAll(scopes);
            all.addAll(scopes);
            services.put(
                    id, new RegisteredService(id, workspace, s.name(), s.displayName(), s.servicePrincipal(), all));
        });
    }

    @Override
    public synchronized void removeScopes(WorkspaceId workspace, ServiceId id, Collection<String> keys) {
        findById(workspace, id)
                .ifPresent(s -> services.put(
                        id,
                        new RegisteredService(
                                id,
                                workspace,
                                s.name(),
                                s.displayName(),
                                s.servicePrincipal(),
                                s.scopes().stream()
                                        .filter(p -> !keys.contains(p.key()))
                                        .toList())));
    }

    @Override
    public synchronized boolean delete(WorkspaceId workspace, ServiceId id) {
        return findById(workspace, id).map(s -> services.remove(id) != null).orElse(false);
    }

    @Override
    public synchronized Optional<RegisteredService> findById(WorkspaceId workspace, ServiceId id) {
        return Optional.ofNullable(services.get(id)).filter(s -> s.workspace().equals(workspace));
    }

    @Override
    public synchronized Optional<RegisteredService> findByName(WorkspaceId workspace, String name) {
        return services.values().stream()
                .filter(s -> s.workspace().equals(workspace) && s.name().equals(name))
                .findFirst();
    }

    @Override
    public synchronized Optional<RegisteredService> findByServicePrincipal(
            WorkspaceId workspace, PrincipalId servicePrincipal) {
        return services.values().stream()
                .filter(s ->
                        s.workspace().equals(workspace) && s.servicePrincipal().equals(servicePrincipal))
                .findFirst();
    }

    @Override
    public synchronized List<RegisteredService> list(WorkspaceId workspace) {
        return services.values().stream()
                .filter(s -> s.workspace().equals(workspace))
                .sorted(Comparator.comparing(RegisteredService::name))
                .toList();
    }

    /** For {@code RollingBackTransactionRunner}: restores the services as they are now. */
    public synchronized Runnable snapshot() {
        Map<ServiceId, RegisteredService> saved = new LinkedHashMap<>(services);
        return () -> {
            synchronized (this) {
                services.clear();
                services.putAll(saved);
            }
        };
    }
}
