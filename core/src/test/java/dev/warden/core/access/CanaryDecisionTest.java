package dev.warden.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.DenialReason;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The decision chain refuses a canary token exactly as it refuses a value it does not know. */
class CanaryDecisionTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final DecisionChain chain = kit.decisions;
    private final Principal admin = kit.allowTokens(kit.user("canary-admin", BuiltInRole.WORKSPACE_ADMIN));

    private IssuedToken canary() {
        return kit.tokenManagement.createCanary(CoreTestKit.as(admin), "in the wiki", null);
    }

    @Test
    void anArmedCanaryIsRefusedWordForWordLikeAnUnknownValueAndCarriedForItsAlert() {
        IssuedToken canary = canary();
        String unknown = kit.format.generate(new java.security.SecureRandom()).reveal();

        Decision asCanary = chain.evaluate(canary.secret().reveal(), Permission.TOKENS_READ);
        Decision asUnknown = chain.evaluate(unknown, Permission.TOKENS_READ);

        assertThat(asCanary.allowed()).isFalse();
        assertThat(asCanary.denial()).isEqualTo(asUnknown.denial());
        assertThat(asCanary.denial().reason()).isEqualTo(DenialReason.TOKEN_UNKNOWN);
        assertThat(asCanary.trace()).isEqualTo(asUnknown.trace());
        assertThat(asCanary.identifiedToken()).isEmpty(); // no recent refusals are kept for it
        assertThat(asCanary.trippedCanary())
                .hasValueSatisfying(
                        token -> assertThat(token.id()).isEqualTo(canary.token().id()));
        assertThat(asUnknown.trippedCanary()).isEmpty();
    }

    @Test
    void aRevokedOrExpiredCanaryIsStillUnknownButNoLongerAlerts() {
        IssuedToken revoked = canary();
        kit.tokenManagement.revoke(CoreTestKit.as(admin), revoked.token().id());
        IssuedToken expiring = kit.tokenManagement.createCanary(
                CoreTestKit.as(admin), "expiring", Duration.ofHours(1).toSeconds());
        kit.clock.advance(Duration.ofHours(2));

        for (IssuedToken canary : new IssuedToken[] {revoked, expiring}) {
            Decision decision = chain.evaluate(canary.secret().reveal());
            assertThat(decision.denial().reason()).isEqualTo(DenialReason.TOKEN_UNKNOWN);
            assertThat(decision.trippedCanary()).isEmpty();
        }
    }

    @Test
    void checkAccessByIdTellsTheAdminItIsACanary() {
        AccessToken token = canary().token();

        Decision decision = chain.evaluateStored(token);

        assertThat(decision.denial().reason()).isEqualTo(DenialReason.TOKEN_UNKNOWN);
        assertThat(decision.denial().message()).contains("canary");
        assertThat(decision.trippedCanary()).isEmpty();
        assertThat(token.statusAt(kit.clock.instant())).isEqualTo(TokenStatus.ACTIVE);
    }
}
