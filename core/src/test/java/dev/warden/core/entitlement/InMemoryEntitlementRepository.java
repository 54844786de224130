package dev.warden.core.entitlement;

import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.InMemoryGroupRepository;
import dev.warden.core.principal.InMemoryPrincipalRepository;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@link EntitlementRepository} in memory, linked to the principal and group fakes as the database's foreign keys
 * are: deleting a principal or a group forgets its entitlements; "through a group" reads the group fake's members.
 * Like the database, a replace for a principal or group of another workspace stores nothing.
 */
public class InMemoryEntitlementRepository implements EntitlementRepository {
    private record PrincipalKey(WorkspaceId workspace, PrincipalId id) {}

    private record GroupKey(WorkspaceId workspace, GroupId id) {}

    private final InMemoryPrincipalRepository principals;
    private final InMemoryGroupRepository groups;
    private final Map<PrincipalKey, Set<Entitlement>> ofPrincipals = new LinkedHashMap<>();
    private final Map<GroupKey, Set<Entitlement>> ofGroups = new LinkedHashMap<>();

    public InMemoryEntitlementRepository(InMemoryPrincipalRepository principals, InMemoryGroupRepository groups) {
        this.principals = principals;
        this.groups = groups;
        principals.onDelete((workspace, id) -> forget(new PrincipalKey(workspace, id)));
        groups.onDelete((workspace, id) -> forget(new GroupKey(workspace, id)));
    }

    @Override
    public synchronized Map<PrincipalId, Set<Entitlement>> ofPrincipals(
            WorkspaceId workspace, Collection<PrincipalId> ids) {
        Map<PrincipalId, Set<Entitlement>> found = new LinkedHashMap<>();
        for (PrincipalId id : ids) {
            Set<Entitlement> held = ofPrincipals.get(new PrincipalKey(workspace, id));
            if (held != null && !held.isEmpty()) {
                found.put(id, EnumSet.copyOf(held));
            }
        }
        return found;
    }

    @Override
    public synchronized Map<GroupId, Set<Entitlement>> ofGroups(WorkspaceId workspace, Collection<GroupId> ids) {
        Map<GroupId, Set<Entitlement>> found = new LinkedHashMap<>();
        for (GroupId id : ids) {
            Set<Entitlement> held = ofGroups.get(new GroupKey(workspace, id));
            if (held != null && !held.isEmpty()) {
                found.put(id, EnumSet.copyOf(held));
            }
        }
        return found;
    }

    @Override
    public synchronized void replace(WorkspaceId workspace, PrincipalId principal, Set<Entitlement> entitlements) {
        if (principals.findById(workspace, principal).isEmpty()) {
            return; // as the database's INSERT … SELECT: nothing for a principal of no such workspace
        }
        ofPrincipals.put(new PrincipalKey(workspace, principal), copy(entitlements));
    }

    @Override
    public synchronized void replace(WorkspaceId workspace, GroupId group, Set<Entitlement> entitlements) {
        if (groups.findById(workspace, group).isEmpty()) {
            return;
        }
        ofGroups.put(new GroupKey(workspace, group), copy(entitlements));
    }

    @Override
    public synchronized boolean holds(WorkspaceId workspace, PrincipalId principal, Entitlement entitlement) {
        if (ofPrincipals
                .getOrDefault(new PrincipalKey(workspace, principal), Set.of())
                .contains(entitlement)) {
            return true;
        }
        for (Group group : groups.groupsOf(workspace, principal)) {
            if (ofGroups.getOrDefault(new GroupKey(workspace, group.id()), Set.of())
                    .contains(entitlement)) {
                return true;
            }
        }
        return false;
    }

    /** Captures what is stored; running the result puts it back. */
    public synchronized Runnable snapshot() {
        Map<PrincipalKey, Set<Entitlement>> savedPrincipals = new LinkedHashMap<>();
        ofPrincipals.forEach((key, set) -> savedPrincipals.put(key, copy(set)));
        Map<GroupKey, Set<Entitlement>> savedGroups = new LinkedHashMap<>();
        ofGroups.forEach((key, set) -> savedGroups.put(key, copy(set)));
        return () -> {
            synchronized (this) {
                ofPrincipals.clear();
                ofPrincipals.putAll(savedPrincipals);
                ofGroups.clear();
                ofGroups.putAll(savedGroups);
            }
        };
    }

    /** Everything stored, for a kit's state. */
    public synchronized Map<Object, Set<Entitlement>> all() {
        Map<Object, Set<Entitlement>> all = new LinkedHashMap<>();
        ofPrincipals.forEach((key, set) -> {
            if (!set.isEmpty()) {
                all.put(key, copy(set));
            }
        });
        ofGroups.forEach((key, set) -> {
            if (!set.isEmpty()) {
                all.put(key, copy(set));
            }
        });
        return all;
    }

    private synchronized void forget(Object key) {
        ofPrincipals.remove(key);
        ofGroups.remove(key);
    }

    private static Set<Entitlement> copy(Set<Entitlement> entitlements) {
        return entitlements.isEmpty() ? EnumSet.noneOf(Entitlement.class) : EnumSet.copyOf(entitlements);
    }
}
