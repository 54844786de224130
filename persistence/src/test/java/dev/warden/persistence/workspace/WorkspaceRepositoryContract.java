package dev.warden.persistence.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.workspace.Workspace;
import dev.warden.core.workspace.WorkspaceRepository;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every {@link WorkspaceRepository} must do. Each test starts from a store without workspaces
 * (tables emptied before each test class whose tests are rolled back, or a fresh fake).
 * <p>
 * {@code @Transactional} is repeated here although the JDBC subclasses have it through {@code @JdbcAdapterTest}:
 * Spring looks for a test method's transaction on the class that declares the method, so the contract's tests
 * would otherwise run without the rolled-back test transaction. Without a Spring context (the fakes) it does nothing.
 */
@Transactional
public abstract class WorkspaceRepositoryContract {
    protected abstract WorkspaceRepository workspaces();

    /** Asserts that the call is refused because the name is taken. */
    protected abstract void assertRefusedAsDuplicate(ThrowingCallable create);

    @Test
    void isEmptyUntilTheFirstWorkspaceIsCreated() {
        assertThat(workspaces().isEmpty()).isTrue();

        workspaces().create("main");

        assertThat(workspaces().isEmpty()).isFalse();
    }

    @Test
    void createAssignsAnIdAndFindByNameFindsIt() {
        Workspace main = workspaces().create("main");
        Workspace staging = workspaces().create("staging – ü");

        assertThat(main.name()).isEqualTo("main");
        assertThat(main.id()).isNotEqualTo(staging.id());
        assertThat(workspaces().findByName("main")).contains(main);
        assertThat(workspaces().findByName("staging – ü")).contains(staging);
    }

    @Test
    void unknownAndDifferentlyCasedNamesFindNothing() {
        workspaces().create("main");

        assertThat(workspaces().findByName("other")).isEmpty();
        assertThat(workspaces().findByName("MAIN")).isEmpty();
    }

    @Test
    void createIfAbsentCreatesOnceAndThenFindsTheNameTaken() {
        Workspace main = workspaces().createIfAbsent("main").orElseThrow();

        assertThat(workspaces().createIfAbsent("main")).isEmpty();
        assertThat(workspaces().findByName("main")).contains(main);
        assertThat(workspaces().createIfAbsent("staging")).isPresent();
    }

    @Test
    void aDuplicateNameIsRefused() {
        Workspace main = workspaces().create("main");

        assertRefusedAsDuplicate(() -> workspaces().create("main"));
        assertThat(workspaces().findByName("main")).contains(main);
    }
}
