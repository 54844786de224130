package dev.warden.core.principal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.tokenusage.TokenUsagePolicy;
import org.junit.jupiter.api.Test;

/** Messages for people name a service principal by its display name, with the application id only after it. */
class PrincipalLabelTest {
    private static final String APPLICATION_ID = "7f3c2a10-55d4-4b7e-9a1e-2f0c8d9b6e41";
    private final CoreTestKit kit = new CoreTestKit();

    private Principal robot() {
        return kit.save(Principal.newServicePrincipal(CoreTestKit.WORKSPACE, APPLICATION_ID, "etl robot"));
    }

    @Test
    void aServicePrincipalIsLabelledByItsDisplayNameWithTheApplicationIdAfterIt() {
        Principal robot = robot();

        assertThat(robot.name()).isEqualTo(robot.applicationId());
        assertThat(robot.label()).isEqualTo("etl robot (" + robot.applicationId() + ")");
    }

    @Test
    void aUserIsLabelledByItsUserName() {
        assertThat(kit.user("alice").label()).isEqualTo("alice");
    }

    @Test
    void theTokenUsageRefusalNamesAServicePrincipalByItsDisplayName() {
        Principal robot = robot();

        assertThat(TokenUsagePolicy.deniedMessage(robot))
                .startsWith("etl robot (" + robot.applicationId() + ") does not");
    }

    @Test
    void aSuspensionOfAServicePrincipalsTokenNamesIt() {
        Principal robot = robot();
        var token = kit.activeToken(robot);

        assertThat(kit.suspensions
                        .of(CoreTestKit.WORKSPACE, java.util.List.of(token))
                        .of(token, kit.clock.instant())
                        .orElseThrow()
                        .message())
                .contains("etl robot (" + robot.applicationId() + ")");
    }
}
