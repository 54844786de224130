package dev.warden.core.group;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port for groups and their memberships; every call is scoped by workspace. */
public interface GroupRepository {
    Optional<Group> findById(WorkspaceId workspace, GroupId id);

    Optional<Group> findByDisplayName(WorkspaceId workspace, String displayName);

    List<Group> findAllById(WorkspaceId workspace, Collection<GroupId> ids);

    /** The groups the query matches, in its order (by default display name, then id); null lists everything. */
    Page<Group> search(WorkspaceId workspace, GroupQuery query, PageRequest page);

    /** Inserts (id null) or updates; returns the group with its id. */
    Group save(Group group);

    /** Deletes the group with its memberships and the role assignments made to it or scoped to it. */
    boolean delete(WorkspaceId workspace, GroupId id);

    List<PrincipalId> members(WorkspaceId workspace, GroupId group);

    /** @return false when the principal already was a member */
    boolean addMember(WorkspaceId workspace, GroupId group, PrincipalId member);

    /** @return false when the principal was not a member */
    boolean removeMember(WorkspaceId workspace, GroupId group, PrincipalId member);

    /** The groups a principal is a direct member of. */
    List<Group> groupsOf(WorkspaceId workspace, PrincipalId member);
}
