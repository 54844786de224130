package dev.warden.core.group;

import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.List;

/**
 * Port: who may read and change groups, and what a change may not do (grant beyond the actor, remove the last
 * admin). Owned by the group feature, which roles build on (they are scoped to and assigned to groups), so that it
 * does not depend on them; implemented by {@code delegation.GroupPolicy}. Refusals are thrown.
 */
public interface GroupRules {

    /** Reading this group ({@code null}: groups in general): {@code scim:read} or {@code scim:write} there. */
    void requireToRead(Actor actor, GroupId group);

    /** Changing this group ({@code null}: creating or deleting groups): {@code scim:write} there. */
    void requireToWrite(Actor actor, GroupId group);

    /** Whether the actor reads every group of its workspace. */
    boolean readsAllGroups(Actor actor);

    /** The groups the actor's group-scoped roles let it read. */
    List<Group> readableGroups(Actor actor);

    /** Adding these members hands them what the group grants: the actor holds all of it. */
    void requireMayAddMembers(Actor actor, Group group, Collection<PrincipalId> members);

    /** Runs a change that could remove the workspace's last admin, and refuses it when it would. */
    void keepingAnAdmin(WorkspaceId workspace, String what, Runnable change);
}
