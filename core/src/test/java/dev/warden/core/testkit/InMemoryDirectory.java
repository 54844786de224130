package dev.warden.core.testkit;

import dev.warden.core.entitlement.InMemoryEntitlementRepository;
import dev.warden.core.group.InMemoryGroupRepository;
import dev.warden.core.principal.InMemoryPrincipalRepository;
import dev.warden.core.role.InMemoryRoleAssignmentRepository;
import dev.warden.core.role.InMemoryRoleRepository;
import dev.warden.core.token.InMemoryTokenRepository;
import java.util.List;

/**
 * The directory's in-memory fakes, linked as the database's foreign keys link the tables: deleting a
 * principal removes its tokens (when a token fake is given), memberships and role assignments; deleting a group
 * removes its memberships and the assignments to it or scoped to it; deleting a custom role removes its
 * assignments. {@link #snapshot} captures all of them at once.
 */
public final class InMemoryDirectory {
    public final InMemoryPrincipalRepository principals = new InMemoryPrincipalRepository();
    public final InMemoryGroupRepository groups = new InMemoryGroupRepository(principals);
    public final InMemoryRoleRepository roles = new InMemoryRoleRepository();
    public final InMemoryRoleAssignmentRepository assignments =
            new InMemoryRoleAssignmentRepository(principals, groups, roles);
    public final InMemoryEntitlementRepository entitlements = new InMemoryEntitlementRepository(principals, groups);

    public InMemoryDirectory() {}

    /** Deleting a principal also deletes the tokens it owns in {@code tokens}. */
    public InMemoryDirectory(InMemoryTokenRepository tokens) {
        principals.onDelete((workspace, id) ->
                tokens.listByOwner(workspace, id).forEach(token -> tokens.delete(workspace, token.id())));
    }

    /** Captures every fake's state; running the result puts it all back. */
    public Runnable snapshot() {
        List<Runnable> restores = List.of(
                principals.snapshot(),
                groups.snapshot(),
                roles.snapshot(),
                assignments.snapshot(),
                entitlements.snapshot());
        return () -> restores.forEach(Runnable::run);
    }
}
