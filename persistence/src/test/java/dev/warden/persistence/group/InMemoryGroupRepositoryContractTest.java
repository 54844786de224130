package dev.warden.persistence.group;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.testkit.InMemoryDirectory;
import dev.warden.core.workspace.InMemoryWorkspaceRepository;
import dev.warden.core.workspace.WorkspaceRepository;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Core's fake runs the same contract as the JDBC adapter. */
class InMemoryGroupRepositoryContractTest extends GroupRepositoryContract {
    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final WorkspaceRepository workspaces = new InMemoryWorkspaceRepository();

    @Override
    protected GroupRepository groups() {
        return directory.groups;
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
    protected RoleRepository roles() {
        return directory.roles;
    }

    @Override
    protected RoleAssignmentRepository assignments() {
        return directory.assignments;
    }

    @Override
    protected void assertRefusedAsDuplicate(ThrowingCallable save) {
        assertThatThrownBy(save).isInstanceOf(IllegalStateException.class);
    }
}
