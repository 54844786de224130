package dev.warden.web.group;

import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupService;
import dev.warden.core.principal.Actor;
import dev.warden.web.console.ConsoleAccess;
import org.springframework.stereotype.Component;

/** Reads a group's page heading and members through {@link GroupService}, which checks the viewer. */
@Component
class GroupPages {
    private final GroupService groups;
    private final ConsoleAccess access;

    GroupPages(GroupService groups, ConsoleAccess access) {
        this.groups = groups;
        this.access = access;
    }

    GroupPageView page(Actor actor, long id) {
        Group group = groups.get(actor, new GroupId(id));
        boolean linked = access.of(actor).readDirectory();
        return new GroupPageView(
                id,
                group.displayName(),
                groups.members(actor, group.id()).stream()
                        .map(p -> MemberView.of(p, linked))
                        .toList());
    }
}
