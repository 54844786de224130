package dev.warden.core.entitlement;

import dev.warden.core.group.GroupId;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Port for the entitlements given directly to users, service principals and groups; every call is scoped by
 * workspace. An entitlement goes with the principal or group it was given to.
 */
public interface EntitlementRepository {
    /** The direct entitlements of these principals, in one read; a principal without any is absent from the map. */
    Map<PrincipalId, Set<Entitlement>> ofPrincipals(WorkspaceId workspace, Collection<PrincipalId> principals);

    /** The entitlements of these groups, in one read; a group without any is absent from the map. */
    Map<GroupId, Set<Entitlement>> ofGroups(WorkspaceId workspace, Collection<GroupId> groups);

    /** Makes the principal's direct entitlements exactly these. */
    void replace(WorkspaceId workspace, PrincipalId principal, Set<Entitlement> entitlements);

    /** Makes the group's entitlements exactly these. */
    void replace(WorkspaceId workspace, GroupId group, Set<Entitlement> entitlements);

    /** Whether the principal holds the entitlement directly or through a group it is a member of. */
    boolean holds(WorkspaceId workspace, PrincipalId principal, Entitlement entitlement);

    default Set<Entitlement> of(WorkspaceId workspace, PrincipalId principal) {
        return ofPrincipals(workspace, Set.of(principal)).getOrDefault(principal, Set.of());
    }

    default Set<Entitlement> of(WorkspaceId workspace, GroupId group) {
        return ofGroups(workspace, Set.of(group)).getOrDefault(group, Set.of());
    }
}
