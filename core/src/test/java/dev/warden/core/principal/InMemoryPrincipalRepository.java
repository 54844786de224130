package dev.warden.core.principal;

import dev.warden.core.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link PrincipalRepository} in memory. Like the database it scopes every lookup by workspace, keeps
 * user names unique within a workspace, and refuses a role for a principal it does not hold.
 * A principal saved with an id of the test's choosing is inserted under that id.
 */
public class InMemoryPrincipalRepository implements PrincipalRepository {
    private record Key(WorkspaceId workspace, PrincipalId id) {
    }

    private final Map<Key, Principal> principals = new LinkedHashMap<>();
    private final Map<Key, Set<String>> workspaceRoles = new LinkedHashMap<>();
    private long nextId = 1;

    @Override
    public synchronized Optional<Principal> findById(WorkspaceId workspace, PrincipalId id) {
        return Optional.ofNullable(principals.get(new Key(workspace, id)));
    }

    @Override
    public synchronized Optional<Principal> findByUserName(WorkspaceId workspace, String userName) {
        return principals.values().stream()
                .filter(p -> p.workspace().equals(workspace) && Objects.equals(p.userName(), userName))
                .findFirst();
    }

    @Override
    public synchronized Principal save(Principal principal) {
        Principal stored = principal.id() == null ? principal.withId(new PrincipalId(nextId++)) : principal;
        nextId = Math.max(nextId, stored.id().value() + 1);
        if (stored.userName() != null) {
            findByUserName(stored.workspace(), stored.userName())
                    .filter(other -> !other.id().equals(stored.id()))
                    .ifPresent(other -> {
                        throw new IllegalStateException("duplicate user name " + stored.userName()
                                + " in workspace " + stored.workspace());
                    });
        }
        principals.put(new Key(stored.workspace(), stored.id()), stored);
        return stored;
    }

    @Override
    public synchronized void assignWorkspaceRole(WorkspaceId workspace, PrincipalId principal, String roleName) {
        Key key = new Key(workspace, principal);
        if (!principals.containsKey(key)) {
            throw new IllegalStateException("no principal " + principal + " in workspace " + workspace);
        }
        workspaceRoles.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(roleName);
    }

    /** The workspace-scoped roles assigned to a principal, in assignment order. */
    public synchronized Set<String> workspaceRolesOf(WorkspaceId workspace, PrincipalId principal) {
        return Set.copyOf(workspaceRoles.getOrDefault(new Key(workspace, principal), Set.of()));
    }

    /** Every principal of every workspace, in insertion order. */
    public synchronized List<Principal> all() {
        return new ArrayList<>(principals.values());
    }
}
