package dev.warden.persistence.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.JdbcAdapterTest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

/** The workspace contract against {@link JdbcWorkspaceRepository}; each test is rolled back. */
@JdbcAdapterTest
abstract class JdbcWorkspaceRepositoryContract extends WorkspaceRepositoryContract {
    @Autowired
    private WorkspaceRepository workspaces;

    @Override
    protected WorkspaceRepository workspaces() {
        return workspaces;
    }

    @Override
    protected void assertRefusedAsDuplicate(ThrowingCallable create) {
        assertThatThrownBy(create).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theAdapterIsTheJdbcOne() {
        assertThat(workspaces).isInstanceOf(JdbcWorkspaceRepository.class);
    }
}
