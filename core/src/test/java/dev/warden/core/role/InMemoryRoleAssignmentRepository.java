package dev.warden.core.role;

import dev.warden.core.group.GroupId;
import dev.warden.core.group.InMemoryGroupRepository;
import dev.warden.core.principal.InMemoryPrincipalRepository;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@link RoleAssignmentRepository} in memory, scoped by workspace; ids count up on insert and lists are in id
 * order, as in the database. Like its foreign keys, it refuses an assignment whose role, principal, group or scope
 * group is not in the workspace, and it follows the linked fakes' deletes: a principal's assignments go with the
 * principal, a group's (to it or scoped to it) with the group, a custom role's with the role.
 */
public class InMemoryRoleAssignmentRepository implements RoleAssignmentRepository {
    private final InMemoryPrincipalRepository principals;
    private final InMemoryGroupRepository groups;
    private final InMemoryRoleRepository roles;
    private final Map<RoleAssignmentId, RoleAssignment> assignments = new LinkedHashMap<>();
    private long nextId = 1;

    public InMemoryRoleAssignmentRepository(
            InMemoryPrincipalRepository principals, InMemoryGroupRepository groups, InMemoryRoleRepository roles) {
        this.principals = principals;
        this.groups = groups;
        this.roles = roles;
        principals.onDelete((workspace, id) -> removeWhere(workspace, a -> id.equals(a.principal())));
        groups.onDelete(
                (workspace, id) -> removeWhere(workspace, a -> id.equals(a.group()) || id.equals(a.scopeGroup())));
        roles.onDelete((workspace, id) -> removeWhere(workspace, a -> id.equals(a.role())));
    }

    @Override
    public synchronized RoleAssignment add(RoleAssignment assignment) {
        WorkspaceId workspace = assignment.workspace();
        requireThat(roles.findById(workspace, assignment.role()).isPresent(), "role " + assignment.role(), workspace);
        requireThat(
                assignment.principal() == null
                        || principals
                                .findById(workspace, assignment.principal())
                                .isPresent(),
                "principal " + assignment.principal(),
                workspace);
        requireThat(
                assignment.group() == null
                        || groups.findById(workspace, assignment.group()).isPresent(),
                "group " + assignment.group(),
                workspace);
        requireThat(
                assignment.scopeGroup() == null
                        || groups.findById(workspace, assignment.scopeGroup()).isPresent(),
                "scope group " + assignment.scopeGroup(),
                workspace);
        RoleAssignment stored = assignment.withId(new RoleAssignmentId(nextId++));
        assignments.put(stored.id(), stored);
        return stored;
    }

    @Override
    public synchronized Optional<RoleAssignment> findById(WorkspaceId workspace, RoleAssignmentId id) {
        return Optional.ofNullable(assignments.get(id))
                .filter(a -> a.workspace().equals(workspace));
    }

    @Override
    public synchronized boolean delete(WorkspaceId workspace, RoleAssignmentId id) {
        if (findById(workspace, id).isEmpty()) {
            return false;
        }
        assignments.remove(id);
        return true;
    }

    @Override
    public synchronized List<RoleAssignment> forAssignees(
            WorkspaceId workspace, PrincipalId principal, Collection<GroupId> groupIds) {
        return select(
                workspace, a -> principal.equals(a.principal()) || (a.group() != null && groupIds.contains(a.group())));
    }

    @Override
    public synchronized List<RoleAssignment> forRole(WorkspaceId workspace, RoleId role) {
        return select(workspace, a -> a.role().equals(role));
    }

    @Override
    public synchronized List<RoleAssignment> list(WorkspaceId workspace) {
        return select(workspace, a -> true);
    }

    /** Captures the stored assignments; running the result puts them back. */
    public synchronized Runnable snapshot() {
        Map<RoleAssignmentId, RoleAssignment> saved = new LinkedHashMap<>(assignments);
        return () -> {
            synchronized (this) {
                assignments.clear();
                assignments.putAll(saved);
            }
        };
    }

    /** Every assignment of every workspace, in id order. */
    public synchronized List<RoleAssignment> all() {
        return assignments.values().stream()
                .sorted(Comparator.comparingLong(a -> a.id().value()))
                .toList();
    }

    private List<RoleAssignment> select(WorkspaceId workspace, Predicate<RoleAssignment> filter) {
        return assignments.values().stream()
                .filter(a -> a.workspace().equals(workspace) && filter.test(a))
                .sorted(Comparator.comparingLong(a -> a.id().value()))
                .toList();
    }

    private synchronized void removeWhere(WorkspaceId workspace, Predicate<RoleAssignment> filter) {
        assignments.values().removeIf(a -> a.workspace().equals(workspace) && filter.test(a));
    }

    private static void requireThat(boolean exists, String what, WorkspaceId workspace) {
        if (!exists) {
            throw new IllegalStateException("no " + what + " in workspace " + workspace);
        }
    }
}
