package dev.warden.persistence.tokenusage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.shared.RollingBackTransactionRunner;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.testkit.InMemoryDirectory;
import dev.warden.core.tokenusage.InMemoryTokenUsageRepository;
import dev.warden.core.tokenusage.TokenUsageRepository;
import dev.warden.core.workspace.InMemoryWorkspaceRepository;
import dev.warden.core.workspace.WorkspaceRepository;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Core's fake runs the same contract as the JDBC adapter, linked to the directory fakes as the foreign keys link tables. */
class InMemoryTokenUsageRepositoryContractTest extends TokenUsageRepositoryContract {
    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final InMemoryTokenUsageRepository tokenUsage =
            new InMemoryTokenUsageRepository(directory.principals, directory.groups);
    private final WorkspaceRepository workspaces = new InMemoryWorkspaceRepository();
    private final TransactionRunner transactions =
            new RollingBackTransactionRunner(directory::snapshot, tokenUsage::snapshot);

    @Override
    protected TokenUsageRepository tokenUsage() {
        return tokenUsage;
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

    @Override
    protected TransactionRunner transactions() {
        return transactions;
    }

    @Override
    protected void assertRefused(ThrowingCallable replace) {
        assertThatThrownBy(replace).isInstanceOf(IllegalStateException.class);
    }
}
