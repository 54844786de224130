package dev.warden.core.delegation;

import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupRules;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.role.Grant;
import dev.warden.core.role.LastAdminGuard;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The group feature's rules, answered by the access policy, the directory policy and the last-admin guard. */
public final class GroupPolicy implements GroupRules {
    private final AccessPolicy access;
    private final DirectoryPolicy directory;
    private final LastAdminGuard lastAdmin;

    public GroupPolicy(AccessPolicy access, DirectoryPolicy directory, LastAdminGuard lastAdmin) {
        this.access = access;
        this.directory = directory;
        this.lastAdmin = lastAdmin;
    }

    @Override
    public void requireToRead(Actor actor, GroupId group) {
        access.requireToRead(actor, Permission.SCIM_READ, Permission.SCIM_WRITE, group);
    }

    @Override
    public void requireToWrite(Actor actor, GroupId group) {
        if (group == null) {
            access.require(actor, Permission.SCIM_WRITE);
        } else {
            access.require(actor, Permission.SCIM_WRITE, group);
        }
    }

    @Override
    public boolean readsAllGroups(Actor actor) {
        return access.permissionsOf(actor).holds(Permission.SCIM_READ);
    }

    @Override
    public List<Group> readableGroups(Actor actor) {
        return access.permissionsOf(actor).grants().stream()
                .filter(grant -> grant.permission().equals(Permission.SCIM_READ) && !grant.atWorkspaceScope())
                .map(Grant::scope)
                .distinct()
                .sorted(Comparator.comparing(Group::displayName).thenComparing(g -> g.id().value()))
                .toList();
    }

    @Override
    public void requireMayAddMembers(Actor actor, Group group, Collection<PrincipalId> members) {
        directory.requireMayAddMembers(actor, group, members);
    }

    @Override
    public void keepingAnAdmin(WorkspaceId workspace, String what, Runnable change) {
        lastAdmin.keepingAnAdmin(workspace, what, change);
    }
}
