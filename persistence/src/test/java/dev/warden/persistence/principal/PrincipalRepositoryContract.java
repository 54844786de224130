package dev.warden.persistence.principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.Transactional;

/** What every {@link PrincipalRepository} must do: the JDBC adapter on each database and the in-memory fake. * <p>
 * {@code @Transactional} is repeated here although the JDBC subclasses have it through {@code @DataJdbcTest}:
 * Spring looks for a test method's transaction on the class that declares the method, so the contract's tests
 * would otherwise run without the rolled-back test transaction. Without a Spring context (the fakes) it does nothing.
 */
@Transactional
public abstract class PrincipalRepositoryContract {
    protected WorkspaceId workspace;

    protected abstract PrincipalRepository principals();

    protected abstract WorkspaceRepository workspaces();

    /** Asserts that the call is refused because the user name is taken in that workspace. */
    protected abstract void assertRefusedAsDuplicate(ThrowingCallable save);

    @BeforeEach
    void givenAWorkspace() {
        workspace = newWorkspace();
    }

    protected WorkspaceId newWorkspace() {
        return workspaces().create("ws-" + UUID.randomUUID()).id();
    }

    protected static Principal user(WorkspaceId workspace, String userName) {
        return Principal.newUser(workspace, userName, "User " + userName, "$2a$10$abcdefghijklmnopqrstuv");
    }

    @Test
    void saveInsertsANewPrincipalAndAssignsItAnId() {
        Principal alice = new Principal(null, workspace, PrincipalKind.USER, "alice", "Alice Ångström \"A\" 🚀",
                true, "$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z2Q.1GoWk4f8E3Oa/jdqJ7w6");

        Principal saved = principals().save(alice);

        assertThat(saved.id()).isNotNull();
        assertThat(saved).isEqualTo(alice.withId(saved.id()));
        assertThat(principals().findById(workspace, saved.id())).contains(saved);
        assertThat(principals().findByUserName(workspace, "alice")).contains(saved);
    }

    @Test
    void everyNewPrincipalGetsItsOwnId() {
        PrincipalId first = principals().save(user(workspace, "alice")).id();
        PrincipalId second = principals().save(user(workspace, "bob")).id();

        assertThat(first).isNotEqualTo(second);
        assertThat(principals().findById(workspace, first)).get().extracting(Principal::userName).isEqualTo("alice");
        assertThat(principals().findById(workspace, second)).get().extracting(Principal::userName).isEqualTo("bob");
    }

    @Test
    void principalsWithoutUserNameOrPasswordAreStoredToo() {
        Principal robot = new Principal(null, workspace, PrincipalKind.SERVICE_PRINCIPAL, null, "deploy robot", true, null);
        Principal technical = new Principal(null, workspace, PrincipalKind.TECHNICAL_USER, null, "org token", false, null);

        Principal savedRobot = principals().save(robot);
        Principal savedTechnical = principals().save(technical);

        assertThat(principals().findById(workspace, savedRobot.id())).contains(robot.withId(savedRobot.id()));
        assertThat(principals().findById(workspace, savedTechnical.id())).contains(technical.withId(savedTechnical.id()));
    }

    @Test
    void saveUpdatesAStoredPrincipal() {
        Principal alice = principals().save(user(workspace, "alice"));

        Principal deactivated = principals().save(alice.withActive(false));

        assertThat(deactivated.id()).isEqualTo(alice.id());
        assertThat(principals().findById(workspace, alice.id())).get()
                .satisfies(p -> assertThat(p.active()).isFalse())
                .isEqualTo(alice.withActive(false));
        assertThat(principals().findByUserName(workspace, "alice")).get().extracting(Principal::id).isEqualTo(alice.id());

        Principal renamed = new Principal(alice.id(), workspace, PrincipalKind.USER, "alice2", "Alice Two", true, null);
        principals().save(renamed);

        assertThat(principals().findById(workspace, alice.id())).contains(renamed);
        assertThat(principals().findByUserName(workspace, "alice")).isEmpty();
    }

    @Test
    void theSameUserNameInTwoWorkspacesIsTwoPrincipals() {
        WorkspaceId other = newWorkspace();

        Principal here = principals().save(user(workspace, "alice"));
        Principal there = principals().save(user(other, "alice"));

        assertThat(here.id()).isNotEqualTo(there.id());
        assertThat(principals().findByUserName(workspace, "alice")).contains(here);
        assertThat(principals().findByUserName(other, "alice")).contains(there);
    }

    @Test
    void lookupsInAnotherWorkspaceFindNothing() {
        Principal alice = principals().save(user(workspace, "alice"));
        WorkspaceId other = newWorkspace();

        assertThat(principals().findById(other, alice.id())).isEmpty();
        assertThat(principals().findByUserName(other, "alice")).isEmpty();
    }

    @Test
    void unknownIdsAndNamesFindNothing() {
        principals().save(user(workspace, "alice"));

        assertThat(principals().findByUserName(workspace, "bob")).isEmpty();
        assertThat(principals().findById(workspace, new PrincipalId(987_654_321L))).isEmpty();
    }

    @Test
    void userNamesAreCaseSensitive() {
        Principal lower = principals().save(user(workspace, "alice"));
        Principal upper = principals().save(user(workspace, "Alice"));

        assertThat(lower.id()).isNotEqualTo(upper.id());
        assertThat(principals().findByUserName(workspace, "ALICE")).isEmpty();
        assertThat(principals().findByUserName(workspace, "Alice")).contains(upper);
    }

    @Test
    void aDuplicateUserNameInOneWorkspaceIsRefused() {
        Principal alice = principals().save(user(workspace, "alice"));

        assertRefusedAsDuplicate(() -> principals().save(user(workspace, "alice")));
        assertThat(principals().findByUserName(workspace, "alice")).contains(alice);
    }

    @Test
    void renamingOntoATakenUserNameIsRefused() {
        principals().save(user(workspace, "alice"));
        Principal bob = principals().save(user(workspace, "bob"));

        assertRefusedAsDuplicate(() -> principals().save(
                new Principal(bob.id(), workspace, PrincipalKind.USER, "alice", "Bob", true, null)));
        assertThat(principals().findById(workspace, bob.id())).get().extracting(Principal::userName).isEqualTo("bob");
    }

    @Test
    void aWorkspaceRoleCanBeAssigned() {
        Principal alice = principals().save(user(workspace, "alice"));

        principals().assignWorkspaceRole(workspace, alice.id(), "workspace-admin");
        principals().assignWorkspaceRole(workspace, alice.id(), "auditor");

        assertThat(principals().findById(workspace, alice.id())).contains(alice);
    }

    @Test
    void aRoleOfOneWorkspaceCannotBeAssignedToAPrincipalOfAnother() {
        Principal alice = principals().save(user(workspace, "alice"));
        WorkspaceId other = newWorkspace();

        assertThatThrownBy(() -> principals().assignWorkspaceRole(other, alice.id(), "workspace-admin"))
                .isInstanceOf(RuntimeException.class);
    }
}
