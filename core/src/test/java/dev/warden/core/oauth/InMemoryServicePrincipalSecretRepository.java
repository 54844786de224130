package dev.warden.core.oauth;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ServicePrincipalSecretRepository} in memory; ids and digests are unique, as the database makes them. */
public class InMemoryServicePrincipalSecretRepository implements ServicePrincipalSecretRepository {
    private static final Comparator<ServicePrincipalSecret> NEWEST_FIRST = Comparator.comparing(
                    ServicePrincipalSecret::createdAt)
            .thenComparing(secret -> secret.id().value())
            .reversed();

    private final Map<SecretId, ServicePrincipalSecret> secrets = new LinkedHashMap<>();
    private int locks;

    @Override
    public synchronized void add(ServicePrincipalSecret secret) {
        if (secrets.containsKey(secret.id())
                || secrets.values().stream().anyMatch(s -> s.digest().equals(secret.digest()))) {
            throw new IllegalStateException("duplicate secret id or digest");
        }
        secrets.put(secret.id(), secret);
    }

    @Override
    public synchronized Optional<ServicePrincipalSecret> findByDigest(TokenDigest digest) {
        return secrets.values().stream().filter(s -> s.digest().equals(digest)).findFirst();
    }

    @Override
    public synchronized Optional<ServicePrincipalSecret> findById(WorkspaceId workspace, SecretId id) {
        return Optional.ofNullable(secrets.get(id)).filter(s -> s.workspace().equals(workspace));
    }

    @Override
    public synchronized boolean lock(WorkspaceId workspace, SecretId id) {
        locks++;
        return findById(workspace, id).isPresent();
    }

    @Override
    public void lockServicePrincipal(WorkspaceId workspace, PrincipalId servicePrincipal) {}

    @Override
    public synchronized List<ServicePrincipalSecret> list(
            WorkspaceId workspace, PrincipalId servicePrincipal, SecretCursor after, int limit) {
        return secrets.values().stream()
                .filter(s ->
                        s.workspace().equals(workspace) && s.servicePrincipal().equals(servicePrincipal))
                .sorted(NEWEST_FIRST)
                .filter(s -> after == null
                        || s.createdAt().isBefore(after.createdAt())
                        || s.createdAt().equals(after.createdAt())
                                && s.id().value().compareTo(after.id().value()) < 0)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized int count(WorkspaceId workspace, PrincipalId servicePrincipal) {
        return (int) secrets.values().stream()
                .filter(s ->
                        s.workspace().equals(workspace) && s.servicePrincipal().equals(servicePrincipal))
                .count();
    }

    @Override
    public synchronized boolean delete(WorkspaceId workspace, SecretId id) {
        return findById(workspace, id).map(s -> secrets.remove(id) != null).orElse(false);
    }

    /** Removes the secrets of a deleted service principal, as the database's foreign key does. */
    public synchronized void deleteOf(WorkspaceId workspace, PrincipalId servicePrincipal) {
        secrets.values()
                .removeIf(s ->
                        s.workspace().equals(workspace) && s.servicePrincipal().equals(servicePrincipal));
    }

    /** How often {@link #lock} was called. */
    public synchronized int lockCount() {
        return locks;
    }

    public synchronized List<ServicePrincipalSecret> all() {
        return List.copyOf(secrets.values());
    }

    /** Captures the stored secrets; running the result puts them back. */
    public synchronized Runnable snapshot() {
        Map<SecretId, ServicePrincipalSecret> saved = new LinkedHashMap<>(secrets);
        return () -> {
            synchronized (this) {
                secrets.clear();
                secrets.putAll(saved);
            }
        };
    }
}
