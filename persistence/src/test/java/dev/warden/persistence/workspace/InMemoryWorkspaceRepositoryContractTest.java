package dev.warden.persistence.workspace;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.workspace.InMemoryWorkspaceRepository;
import dev.warden.core.workspace.WorkspaceRepository;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Core's fake runs the same contract as the JDBC adapter. */
class InMemoryWorkspaceRepositoryContractTest extends WorkspaceRepositoryContract {
    private final WorkspaceRepository workspaces = new InMemoryWorkspaceRepository();

    @Override
    protected WorkspaceRepository workspaces() {
        return workspaces;
    }

    @Override
    protected void assertRefusedAsDuplicate(ThrowingCallable create) {
        assertThatThrownBy(create).isInstanceOf(IllegalStateException.class);
    }
}
