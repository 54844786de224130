package dev.warden.persistence.principal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.testkit.InMemoryDirectory;
import dev.warden.core.token.InMemoryTokenRepository;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.workspace.InMemoryWorkspaceRepository;
import dev.warden.core.workspace.WorkspaceRepository;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Core's fake runs the same contract as the JDBC adapter, linked to the other fakes as the foreign keys link tables. */
class InMemoryPrincipalRepositoryContractTest extends PrincipalRepositoryContract {
    private final InMemoryTokenRepository tokens = new InMemoryTokenRepository();
    private final InMemoryDirectory directory = new InMemoryDirectory(tokens);
    private final WorkspaceRepository workspaces = new InMemoryWorkspaceRepository();

    @Override
    protected PrincipalRepository principals() {
        return directory.principals;
    }

    @Override
    protected WorkspaceRepository workspaces() {
        return workspaces;
    }

    @Override
    protected TokenRepository tokens() {
        return tokens;
    }

    @Override
    protected GroupRepository groups() {
        return directory.groups;
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
