package dev.warden.web.group;

import dev.warden.core.group.Group;

/** One row of the Groups list. */
record GroupRowView(long id, String displayName, String externalId) {
    static GroupRowView of(Group group) {
        return new GroupRowView(group.id().value(), group.displayName(), group.externalId());
    }
}
