package dev.warden.core.principal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.testkit.InMemoryDirectory;
import dev.warden.core.workspace.InMemoryWorkspaceRepository;
import dev.warden.core.workspace.Workspace;
import org.junit.jupiter.api.Test;

class SignInLookupTest {
    private final CoreTestKit kit = CoreTestKit.builder().empty().build();
    private final InMemoryWorkspaceRepository workspaces = kit.workspaces;
    private final InMemoryDirectory directory = kit.directory;
    private final SignInLookup signIn = kit.signIn;
    private final Workspace main = workspaces.create("main");
    private final Workspace other = workspaces.create("other");

    private Principal save(Principals.Builder principal) {
        return directory.principals.save(principal.inWorkspace(main.id()).build());
    }

    @Test
    void findsTheConsolesWorkspaceByName() {
        assertThat(signIn.workspace("main")).contains(main);
        assertThat(signIn.workspace("nowhere")).isEmpty();
    }

    @Test
    void aUserWithAConsolePasswordSignsInActiveOrNot() {
        Principal alice = save(Principals.aUser("alice"));
        Principal bob = save(Principals.aUser("bob").inactive());

        assertThat(signIn.userWithPassword(main.id(), "alice")).contains(alice);
        assertThat(signIn.userWithPassword(main.id(), "bob")).contains(bob);
        assertThat(signIn.userWithPassword(other.id(), "alice")).isEmpty();
    }

    @Test
    void noOneWithoutAPasswordAndNoServicePrincipalOrTechnicalUser() {
        save(Principals.aUser("scim-user").withoutPassword());
        // Even with a user name and a password hash, neither kind signs in.
        directory.principals.save(new Principal(
                null, main.id(), PrincipalKind.SERVICE_PRINCIPAL, "robot", "Robot", true, "{noop}secret"));
        directory.principals.save(new Principal(
                null, main.id(), PrincipalKind.TECHNICAL_USER, "ops-token", "ops token", true, "{noop}secret"));

        assertThat(signIn.userWithPassword(main.id(), "scim-user")).isEmpty();
        assertThat(signIn.userWithPassword(main.id(), "robot")).isEmpty();
        assertThat(signIn.userWithPassword(main.id(), "ops-token")).isEmpty();
        assertThat(signIn.userWithPassword(main.id(), "nobody")).isEmpty();
    }
}
