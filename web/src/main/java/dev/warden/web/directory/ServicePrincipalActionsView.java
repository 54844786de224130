package dev.warden.web.directory;

import java.util.List;
import java.util.Set;

/**
 * What a service principal's page offers the viewer to do to it, besides activate, deactivate and delete: only what
 * the viewer's permissions allow (core checks again on every change).
 * @param mayCreateToken "Create token" (on behalf of it): {@code token-management:write}, and it is active
 * @param groups the groups it may join, those whose members the viewer may change and that it is not in yet
 * @param removableGroups the ids of its groups the viewer may take it out of
 * @param mayAssignRoles "Assign role" and each direct assignment's Remove: {@code roles:write} (and {@code roles:read})
 * @param roles the roles offered
 * @param scopeGroups the groups a role may be given for
 */
record ServicePrincipalActionsView(
        boolean mayCreateToken,
        List<Choice> groups,
        Set<Long> removableGroups,
        boolean mayAssignRoles,
        List<Choice> roles,
        List<Choice> scopeGroups) {

    /** One option of a select. */
    record Choice(long id, String label) {}

    public boolean mayAddToGroup() {
        return !groups.isEmpty();
    }

    public boolean removable(long groupId) {
        return removableGroups.contains(groupId);
    }
}
