package dev.warden.core.group;

import dev.warden.core.principal.InMemoryPrincipalRepository;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.shared.BinaryCollation;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * {@link GroupRepository} in memory, scoped by workspace like the database: display names are unique in a
 * workspace (compared as {@code utf8mb4_bin} does), ids count up on insert, and a member is added only when group
 * and principal both exist in the workspace. Deleting a principal in the linked principal fake removes its
 * memberships; deleting a group runs the cascades registered with {@link #onDelete} (the role assignment fake
 * registers one). A group saved with an id of the test's choosing that is not stored yet is inserted under it.
 */
public class InMemoryGroupRepository implements GroupRepository {
    private record Key(WorkspaceId workspace, GroupId id) {}

    private final PrincipalRepository principals;
    private final Map<Key, Group> groups = new LinkedHashMap<>();
    private final Map<Key, Set<PrincipalId>> members = new LinkedHashMap<>();
    private final List<BiConsumer<WorkspaceId, GroupId>> cascades = new ArrayList<>();
    private long nextId = 1;

    public InMemoryGroupRepository(InMemoryPrincipalRepository principals) {
        this.principals = principals;
        principals.onDelete(this::forgetMember);
    }

    @Override
    public synchronized Optional<Group> findById(WorkspaceId workspace, GroupId id) {
        return Optional.ofNullable(groups.get(new Key(workspace, id)));
    }

    @Override
    public synchronized Optional<Group> findByDisplayName(WorkspaceId workspace, String displayName) {
        return groups.values().stream()
                .filter(g -> g.workspace().equals(workspace) && BinaryCollation.equal(g.displayName(), displayName))
                .findFirst();
    }

    @Override
    public synchronized List<Group> findAllById(WorkspaceId workspace, Collection<GroupId> ids) {
        return groups.values().stream()
                .filter(g -> g.workspace().equals(workspace) && ids.contains(g.id()))
                .toList();
    }

    @Override
    public synchronized Page<Group> search(WorkspaceId workspace, GroupQuery query, PageRequest page) {
        GroupQuery q = query == null ? GroupQuery.ALL : query;
        List<Group> matches = groups.values().stream()
                .filter(g -> g.workspace().equals(workspace))
                .filter(q::matches)
                .sorted(q.order())
                .toList();
        int from = Math.min(page.offset(), matches.size());
        int to = Math.min(from + page.limit(), matches.size());
        return new Page<>(matches.subList(from, to), matches.size(), page);
    }

    @Override
    public synchronized Group save(Group group) {
        Group stored = group.id() == null ? group.withId(new GroupId(nextId++)) : group;
        nextId = Math.max(nextId, stored.id().value() + 1);
        findByDisplayName(stored.workspace(), stored.displayName())
                .filter(other -> !other.id().equals(stored.id()))
                .ifPresent(other -> {
                    throw new IllegalStateException(
                            "duplicate group name " + stored.displayName() + " in workspace " + stored.workspace());
                });
        groups.put(new Key(stored.workspace(), stored.id()), stored);
        return stored;
    }

    @Override
    public synchronized boolean delete(WorkspaceId workspace, GroupId id) {
        Key key = new Key(workspace, id);
        if (groups.remove(key) == null) {
            return false;
        }
        members.remove(key);
        cascades.forEach(cascade -> cascade.accept(workspace, id));
        return true;
    }

    @Override
    public synchronized List<PrincipalId> members(WorkspaceId workspace, GroupId group) {
        return members.getOrDefault(new Key(workspace, group), Set.of()).stream()
                .sorted(Comparator.comparingLong(PrincipalId::value))
                .toList();
    }

    @Override
    public synchronized boolean addMember(WorkspaceId workspace, GroupId group, PrincipalId member) {
        Key key = new Key(workspace, group);
        if (!groups.containsKey(key) || principals.findById(workspace, member).isEmpty()) {
            return false;
        }
        return members.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(member);
    }

    @Override
    public synchronized boolean removeMember(WorkspaceId workspace, GroupId group, PrincipalId member) {
        Set<PrincipalId> current = members.get(new Key(workspace, group));
        return current != null && current.remove(member);
    }

    @Override
    public synchronized List<Group> groupsOf(WorkspaceId workspace, PrincipalId member) {
        return members.entrySet().stream()
                .filter(e ->
                        e.getKey().workspace().equals(workspace) && e.getValue().contains(member))
                .map(e -> groups.get(e.getKey()))
                .sorted(Comparator.comparing(Group::displayName).thenComparing(g -> g.id().value()))
                .toList();
    }

    /** Runs {@code cascade} after each delete, as ON DELETE CASCADE removes rows that point at the group. */
    public synchronized void onDelete(BiConsumer<WorkspaceId, GroupId> cascade) {
        cascades.add(cascade);
    }

    /** Captures groups and memberships; running the result puts them back. */
    public synchronized Runnable snapshot() {
        Map<Key, Group> savedGroups = new LinkedHashMap<>(groups);
        Map<Key, Set<PrincipalId>> savedMembers = new LinkedHashMap<>();
        members.forEach((key, set) -> savedMembers.put(key, new LinkedHashSet<>(set)));
        return () -> {
            synchronized (this) {
                groups.clear();
                groups.putAll(savedGroups);
                members.clear();
                savedMembers.forEach((key, set) -> members.put(key, new LinkedHashSet<>(set)));
            }
        };
    }

    /** Every group of every workspace, in insertion order. */
    public synchronized List<Group> all() {
        return List.copyOf(groups.values());
    }

    private synchronized void forgetMember(WorkspaceId workspace, PrincipalId member) {
        members.forEach((key, set) -> {
            if (key.workspace().equals(workspace)) {
                set.remove(member);
            }
        });
    }
}
