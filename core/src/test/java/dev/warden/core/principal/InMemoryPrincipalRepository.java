package dev.warden.core.principal;

import dev.warden.core.shared.BinaryCollation;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * {@link PrincipalRepository} in memory. Like the database it scopes every lookup by workspace and keeps user
 * names and application ids unique within a workspace; names compare as the {@code utf8mb4_bin} (PAD SPACE)
 * columns do: case-sensitive, trailing spaces ignored. A principal saved with an id of the test's choosing is
 * inserted under that id.
 * <p>
 * What the database's ON DELETE CASCADE removes with a principal (tokens, memberships, role assignments) lives in
 * other fakes: they register with {@link #onDelete} ({@code InMemoryGroupRepository} and
 * {@code InMemoryRoleAssignmentRepository} do so when built on this one; {@code InMemoryDirectory} also links the
 * token fake).
 */
public class InMemoryPrincipalRepository implements PrincipalRepository {
    private record Key(WorkspaceId workspace, PrincipalId id) {}

    private final Map<Key, Principal> principals = new LinkedHashMap<>();
    private final List<BiConsumer<WorkspaceId, PrincipalId>> cascades = new ArrayList<>();
    private long nextId = 1;

    @Override
    public synchronized Optional<Principal> findById(WorkspaceId workspace, PrincipalId id) {
        return Optional.ofNullable(principals.get(new Key(workspace, id)));
    }

    @Override
    public synchronized Optional<Principal> findByUserName(WorkspaceId workspace, String userName) {
        return principals.values().stream()
                .filter(p -> p.workspace().equals(workspace) && BinaryCollation.equal(p.userName(), userName))
                .findFirst();
    }

    @Override
    public synchronized Optional<Principal> findByApplicationId(WorkspaceId workspace, String applicationId) {
        return principals.values().stream()
                .filter(p -> p.workspace().equals(workspace) && BinaryCollation.equal(p.applicationId(), applicationId))
                .findFirst();
    }

    @Override
    public synchronized List<Principal> findAllById(WorkspaceId workspace, Collection<PrincipalId> ids) {
        return principals.values().stream()
                .filter(p -> p.workspace().equals(workspace) && ids.contains(p.id()))
                .toList();
    }

    @Override
    public synchronized Page<Principal> search(
            WorkspaceId workspace, PrincipalKind kind, PrincipalQuery query, PageRequest page) {
        PrincipalQuery q = query == null ? PrincipalQuery.ALL : query;
        List<Principal> matches = principals.values().stream()
                .filter(p -> p.workspace().equals(workspace) && p.kind() == kind)
                .filter(q::matches)
                .sorted(q.order())
                .toList();
        int from = Math.min(page.offset(), matches.size());
        int to = Math.min(from + page.limit(), matches.size());
        return new Page<>(matches.subList(from, to), matches.size(), page);
    }

    @Override
    public synchronized Principal save(Principal principal) {
        Principal stored = principal.id() == null ? principal.withId(new PrincipalId(nextId++)) : principal;
        nextId = Math.max(nextId, stored.id().value() + 1);
        if (stored.userName() != null) {
            findByUserName(stored.workspace(), stored.userName())
                    .filter(other -> !other.id().equals(stored.id()))
                    .ifPresent(other -> {
                        throw new IllegalStateException(
                                "duplicate user name " + stored.userName() + " in workspace " + stored.workspace());
                    });
        }
        if (stored.applicationId() != null) {
            findByApplicationId(stored.workspace(), stored.applicationId())
                    .filter(other -> !other.id().equals(stored.id()))
                    .ifPresent(other -> {
                        throw new IllegalStateException("duplicate application id " + stored.applicationId()
                                + " in workspace " + stored.workspace());
                    });
        }
        principals.put(new Key(stored.workspace(), stored.id()), stored);
        return stored;
    }

    @Override
    public synchronized boolean delete(WorkspaceId workspace, PrincipalId id) {
        if (principals.remove(new Key(workspace, id)) == null) {
            return false;
        }
        cascades.forEach(cascade -> cascade.accept(workspace, id));
        return true;
    }

    /** Runs {@code cascade} after each delete, as ON DELETE CASCADE removes rows that point at the principal. */
    public synchronized void onDelete(BiConsumer<WorkspaceId, PrincipalId> cascade) {
        cascades.add(cascade);
    }

    /** Captures the stored principals; running the result puts them back (ids keep counting, as in a database). */
    public synchronized Runnable snapshot() {
        Map<Key, Principal> saved = new LinkedHashMap<>(principals);
        return () -> {
            synchronized (this) {
                principals.clear();
                principals.putAll(saved);
            }
        };
    }

    /** Every principal of every workspace, in insertion order. */
    public synchronized List<Principal> all() {
        return new ArrayList<>(principals.values());
    }
}
