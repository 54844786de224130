package dev.warden.persistence.entitlement;

import dev.warden.core.entitlement.EntitlementRepository;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.testkit.InMemoryDirectory;
import dev.warden.core.workspace.InMemoryWorkspaceRepository;
import dev.warden.core.workspace.WorkspaceRepository;

/** Core's fake runs the same contract as the JDBC adapter. */
class InMemoryEntitlementRepositoryContractTest extends EntitlementRepositoryContract {
    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final WorkspaceRepository workspaces = new InMemoryWorkspaceRepository();

    @Override
    protected EntitlementRepository entitlements() {
        return directory.entitlements;
    }

    @Override
    protected WorkspaceRepository workspaces() {
        return workspaces;
    }

    @Override
    protected PrincipalRepository principals() {
        return directory.principals;
    }

    @Override
    protected GroupRepository groups() {
        return directory.groups;
    }
}
