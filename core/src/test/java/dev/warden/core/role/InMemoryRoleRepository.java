package dev.warden.core.role;

import dev.warden.core.permission.Permission;
import dev.warden.core.shared.BinaryCollation;
import dev.warden.core.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * {@link RoleRepository} in memory, scoped by workspace like the database. Built-in roles are rows too, created by
 * {@link #seedBuiltIns}; like the JDBC adapter they store no permissions, and every read gives them the
 * permissions {@link BuiltInRole} defines in code. Names are unique in a workspace; built-in rows are never
 * updated nor deleted. Deleting a custom role runs the cascades registered with {@link #onDelete} (the role
 * assignment fake registers one that removes the role's assignments).
 */
public class InMemoryRoleRepository implements RoleRepository {
    private record Key(WorkspaceId workspace, RoleId id) {}

    private final Map<Key, Role> roles = new LinkedHashMap<>();
    private final List<BiConsumer<WorkspaceId, RoleId>> cascades = new ArrayList<>();
    private long nextId = 1;

    @Override
    public synchronized void seedBuiltIns(WorkspaceId workspace) {
        for (BuiltInRole builtIn : BuiltInRole.values()) {
            insert(new Role(null, workspace, builtIn.roleName(), builtIn.description(), true, Set.of()));
        }
    }

    @Override
    public synchronized Optional<Role> findById(WorkspaceId workspace, RoleId id) {
        return Optional.ofNullable(roles.get(new Key(workspace, id))).map(InMemoryRoleRepository::read);
    }

    @Override
    public synchronized Optional<Role> findByName(WorkspaceId workspace, String name) {
        return roles.values().stream()
                .filter(r -> r.workspace().equals(workspace) && BinaryCollation.equal(r.name(), name))
                .findFirst()
                .map(InMemoryRoleRepository::read);
    }

    @Override
    public synchronized List<Role> list(WorkspaceId workspace) {
        return roles.values().stream()
                .filter(r -> r.workspace().equals(workspace))
                .sorted(Comparator.comparing(Role::builtIn)
                        .reversed()
                        .thenComparing(Role::name)
                        .thenComparing(r -> r.id().value()))
                .map(InMemoryRoleRepository::read)
                .toList();
    }

    /** Inserts a custom role (whatever its {@code builtIn} flag says), or updates a custom one; built-ins stay. */
    @Override
    public synchronized Role save(Role role) {
        if (role.id() == null) {
            return insert(new Role(null, role.workspace(), role.name(), role.description(), false, role.permissions()));
        }
        Key key = new Key(role.workspace(), role.id());
        Role stored = roles.get(key);
        if (stored != null && !stored.builtIn()) {
            requireFreeName(role);
            roles.put(
                    key,
                    new Role(role.id(), role.workspace(), role.name(), role.description(), false, role.permissions()));
        }
        return role;
    }

    @Override
    public synchronized int removePermissions(WorkspaceId workspace, Collection<String> keys) {
        int changed = 0;
        for (Map.Entry<Key, Role> entry : roles.entrySet()) {
            Role role = entry.getValue();
            if (!role.workspace().equals(workspace) || role.builtIn()) {
                continue;
            }
            Set<Permission> kept = new TreeSet<>(role.permissions());
            if (kept.removeIf(p -> keys.contains(p.key()))) {
                entry.setValue(role.edited(role.name(), role.description(), kept));
                changed++;
            }
        }
        return changed;
    }

    /** Refuses (returns false for) built-in roles, as the adapter's {@code AND built_in = FALSE} does. */
    @Override
    public synchronized boolean delete(WorkspaceId workspace, RoleId id) {
        Key key = new Key(workspace, id);
        Role stored = roles.get(key);
        if (stored == null || stored.builtIn()) {
            return false;
        }
        roles.remove(key);
        cascades.forEach(cascade -> cascade.accept(workspace, id));
        return true;
    }

    /** Runs {@code cascade} after each delete, as ON DELETE CASCADE removes the role's assignments. */
    public synchronized void onDelete(BiConsumer<WorkspaceId, RoleId> cascade) {
        cascades.add(cascade);
    }

    /** Captures the stored roles; running the result puts them back. */
    public synchronized Runnable snapshot() {
        Map<Key, Role> saved = new LinkedHashMap<>(roles);
        return () -> {
            synchronized (this) {
                roles.clear();
                roles.putAll(saved);
            }
        };
    }

    /** The built-in role of that name in the workspace; fails when the workspace was not seeded. */
    public synchronized Role builtIn(WorkspaceId workspace, BuiltInRole role) {
        return findByName(workspace, role.roleName())
                .orElseThrow(() -> new IllegalStateException(
                        "workspace " + workspace + " has no built-in roles: call seedBuiltIns"));
    }

    private Role insert(Role role) {
        requireFreeName(role);
        Role stored = role.withId(new RoleId(nextId++));
        roles.put(new Key(stored.workspace(), stored.id()), stored);
        return read(stored);
    }

    private void requireFreeName(Role role) {
        roles.values().stream()
                .filter(r -> r.workspace().equals(role.workspace())
                        && BinaryCollation.equal(r.name(), role.name())
                        && !r.id().equals(role.id()))
                .findFirst()
                .ifPresent(other -> {
                    throw new IllegalStateException(
                            "duplicate role name " + role.name() + " in workspace " + role.workspace());
                });
    }

    private static Role read(Role stored) {
        if (!stored.builtIn()) {
            return stored;
        }
        Set<Permission> permissions =
                BuiltInRole.named(stored.name()).map(BuiltInRole::permissions).orElse(Set.of());
        return new Role(stored.id(), stored.workspace(), stored.name(), stored.description(), true, permissions);
    }
}
