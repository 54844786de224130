package dev.warden.persistence.principal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.principal.InMemoryPrincipalRepository;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.workspace.InMemoryWorkspaceRepository;
import dev.warden.core.workspace.WorkspaceRepository;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Core's fake runs the same contract as the JDBC adapter. */
class InMemoryPrincipalRepositoryContractTest extends PrincipalRepositoryContract {
    private final PrincipalRepository principals = new InMemoryPrincipalRepository();
    private final WorkspaceRepository workspaces = new InMemoryWorkspaceRepository();

    @Override
    protected PrincipalRepository principals() {
        return principals;
    }

    @Override
    protected WorkspaceRepository workspaces() {
        return workspaces;
    }

    @Override
    protected void assertRefusedAsDuplicate(ThrowingCallable save) {
        assertThatThrownBy(save).isInstanceOf(IllegalStateException.class);
    }
}
