package dev.warden.persistence.role;

import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.testkit.InMemoryDirectory;
import dev.warden.core.workspace.InMemoryWorkspaceRepository;
import dev.warden.core.workspace.WorkspaceRepository;

/** Core's fake runs the same contract as the JDBC adapter. */
class InMemoryRoleAssignmentRepositoryContractTest extends RoleAssignmentRepositoryContract {
    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final WorkspaceRepository workspaces = new InMemoryWorkspaceRepository();

    @Override
    protected RoleAssignmentRepository assignments() {
        return directory.assignments;
    }

    @Override
    protected RoleRepository roles() {
        return directory.roles;
    }

    @Override
    protected GroupRepository groups() {
        return directory.groups;
    }

    @Override
    protected PrincipalRepository principals() {
        return directory.principals;
    }

    @Override
    protected WorkspaceRepository workspaces() {
        return workspaces;
    }
}
