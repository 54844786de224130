package dev.warden.core.principal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.testkit.InMemoryDirectory;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PrincipalNamesTest {
    private static final WorkspaceId WORKSPACE = CoreTestKit.WORKSPACE;
    private static final WorkspaceId OTHER_WORKSPACE = CoreTestKit.OTHER_WORKSPACE;

    private final CoreTestKit kit = CoreTestKit.builder().empty().build();
    private final InMemoryDirectory directory = kit.directory;
    private final PrincipalNames names = kit.principalNames;
    private final Principal alice =
            directory.principals.save(Principals.aUser("alice").build());
    private final Principal robot =
            directory.principals.save(Principal.newServicePrincipal(WORKSPACE, "3f0c8a1e-robot", "Robot"));
    private final Principal technical = directory.principals.save(Principal.newTechnicalUser(WORKSPACE, "ops token"));
    private final Principal elsewhere = directory.principals.save(
            Principals.aUser("alice").inWorkspace(OTHER_WORKSPACE).build());

    @Test
    void byIdNamesThePrincipalsOfTheWorkspaceOnlyAndSkipsNullsAndUnknownIds() {
        assertThat(names.byId(
                        WORKSPACE,
                        Arrays.asList(alice.id(), robot.id(), null, alice.id(), elsewhere.id(), new PrincipalId(999))))
                .containsOnlyKeys(alice.id(), robot.id());
        assertThat(names.find(WORKSPACE, elsewhere.id())).isEmpty();
        assertThat(names.find(WORKSPACE, technical.id())).contains(technical);
    }

    @Test
    void aUserNameNamesOnlyAUserAndAnApplicationIdOnlyAServicePrincipal() {
        assertThat(names.user(WORKSPACE, "alice")).contains(alice);
        assertThat(names.user(OTHER_WORKSPACE, "alice")).contains(elsewhere);
        assertThat(names.user(WORKSPACE, "3f0c8a1e-robot")).isEmpty();
        assertThat(names.servicePrincipal(WORKSPACE, "3f0c8a1e-robot")).contains(robot);
        assertThat(names.servicePrincipal(OTHER_WORKSPACE, "3f0c8a1e-robot")).isEmpty();
    }

    @Test
    void aCreatorsNameIsAUserNameElseAnApplicationIdInLowerCase() {
        assertThat(names.byUserNameOrApplicationId(WORKSPACE, "alice")).contains(alice);
        assertThat(names.byUserNameOrApplicationId(WORKSPACE, "3F0C8A1E-ROBOT")).contains(robot);
        assertThat(names.byUserNameOrApplicationId(WORKSPACE, "ALICE")).isEmpty();
        assertThat(names.byUserNameOrApplicationId(WORKSPACE, "nobody")).isEmpty();
    }
}
