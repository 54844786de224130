package dev.warden.core.token;

import static dev.warden.core.testkit.CoreTestKit.INSTALLATION_DEFAULT;
import static dev.warden.core.testkit.CoreTestKit.INSTALLATION_MAX;
import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.group.Group;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsagePolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TokenIssuePolicyTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final TokenIssuePolicy policy = kit.issuePolicy;
    private final Principal alice = kit.user("alice", BuiltInRole.USER);

    private void grantUsage(Principal principal) {
        kit.acl.grant(WORKSPACE, TokenUsageEntry.forPrincipal(principal.id(), TokenUsageLevel.CAN_USE));
    }

    private void given(WorkspaceSettings settings) {
        kit.settings.with(WORKSPACE, settings);
    }

    private static WorkspaceSettings lifetimes(Integer maxDays, Integer defaultDays) {
        return new WorkspaceSettings(true, maxDays, defaultDays, WorkspaceSettings.DEFAULT_QUOTA);
    }

    private AccessRefusedException refused(Actor owner) {
        AccessRefusedException thrown =
                catchThrowableOfType(() -> policy.termsFor(owner), AccessRefusedException.class);
        assertThat(thrown).as("expected AccessRefusedException").isNotNull();
        return thrown;
    }

    @Nested
    class WhenTokensAreDisabled {
        @Test
        void nobodyGetsANewTokenNamingTheSettingAndWhereToTurnItOn() {
            grantUsage(alice);
            given(new WorkspaceSettings(false, null, null, 600));

            AccessRefusedException thrown = refused(as(alice));

            assertThat(thrown.reason()).isEqualTo(DenialReason.TOKENS_DISABLED);
            assertThat(thrown)
                    .hasMessageContaining("disabled")
                    .hasMessageContaining("enableTokensConfig")
                    .hasMessageContaining("Workspace settings");
        }

        @Test
        void notEvenAWorkspaceAdmin() {
            given(new WorkspaceSettings(false, null, null, 600));

            assertThat(refused(kit.asAdmin()).reason()).isEqualTo(DenialReason.TOKENS_DISABLED);
        }

        @Test
        void thatIsReportedBeforeAMissingTokenUsagePermission() {
            given(new WorkspaceSettings(false, null, null, 600));

            assertThat(refused(as(alice)).reason()).isEqualTo(DenialReason.TOKENS_DISABLED);
        }
    }

    @Nested
    class TokenUsage {
        @Test
        void anOwnerWithoutTokenUsageIsRefusedWithTheDecisionChainsMessage() {
            AccessRefusedException thrown = refused(as(alice));

            assertThat(thrown.reason()).isEqualTo(DenialReason.NO_TOKEN_USAGE_PERMISSION);
            assertThat(thrown.reason().httpStatus()).isEqualTo(403);
            assertThat(thrown).hasMessage(TokenUsagePolicy.deniedMessage(alice));
            assertThat(thrown)
                    .hasMessageContaining("alice does not have permission to use tokens")
                    .hasMessageContaining("Permission Settings");
        }

        @Test
        void aDirectEntryIsEnough() {
            grantUsage(alice);

            assertThat(policy.termsFor(as(alice))).isNotNull();
        }

        @Test
        void aGroupsEntryIsEnough() {
            Group dataEng = kit.group("data-eng", alice);
            kit.acl.grant(WORKSPACE, TokenUsageEntry.forGroup(dataEng.id(), TokenUsageLevel.CAN_USE));

            assertThat(policy.termsFor(as(alice))).isNotNull();
        }

        @Test
        void aWorkspaceAdminNeedsNoEntry() {
            assertThat(policy.termsFor(kit.asAdmin())).isNotNull();
        }

        @Test
        void aDeactivatedOwnerIsRefusedDespiteAnEntry() {
            grantUsage(alice);
            kit.deactivate(alice);

            assertThat(refused(as(alice)).reason()).isEqualTo(DenialReason.NO_TOKEN_USAGE_PERMISSION);
        }

        @Test
        void losingTheEntryRefusesTheNextTokenAndGrantingItAgainAllowsIt() {
            grantUsage(alice);
            policy.termsFor(as(alice));

            kit.acl.replace(WORKSPACE, java.util.List.of());
            assertThat(refused(as(alice)).reason()).isEqualTo(DenialReason.NO_TOKEN_USAGE_PERMISSION);

            grantUsage(alice);
            assertThat(policy.termsFor(as(alice))).isNotNull();
        }

        @Test
        void anOwnerThatDoesNotExistIsNotFound() {
            Actor ghost = new Actor(WORKSPACE, new PrincipalId(999), "ghost", null);

            assertThat(catchThrowableOfType(() -> policy.termsFor(ghost), ResourceNotFoundException.class))
                    .isNotNull();
        }
    }

    @Nested
    class Lifetimes {
        private TokenLifetimePolicy termsUnder(WorkspaceSettings settings) {
            grantUsage(alice);
            given(settings);
            return policy.termsFor(as(alice)).lifetimes();
        }

        @Test
        void withoutWorkspaceSettingsTheInstallationsApply() {
            assertThat(termsUnder(WorkspaceSettings.DEFAULTS))
                    .isEqualTo(new TokenLifetimePolicy(INSTALLATION_DEFAULT, INSTALLATION_MAX));
        }

        @Test
        void theWorkspaceCapLowersTheMaximumAndTheDefaultWithIt() {
            assertThat(termsUnder(lifetimes(30, null)))
                    .isEqualTo(new TokenLifetimePolicy(Duration.ofDays(30), Duration.ofDays(30)));
        }

        @Test
        void aWorkspaceCapAboveTheInstallationsMaximumDoesNotRaiseIt() {
            assertThat(termsUnder(lifetimes(730, null)).maxLifetime()).isEqualTo(INSTALLATION_MAX);
        }

        @Test
        void theWorkspaceDefaultIsUsedWhenSet() {
            assertThat(termsUnder(lifetimes(null, 7)))
                    .isEqualTo(new TokenLifetimePolicy(Duration.ofDays(7), INSTALLATION_MAX));
        }

        @Test
        void theWorkspaceDefaultWithinTheWorkspaceCap() {
            assertThat(termsUnder(lifetimes(60, 14)))
                    .isEqualTo(new TokenLifetimePolicy(Duration.ofDays(14), Duration.ofDays(60)));
        }

        @Test
        void aWorkspaceDefaultBeyondTheInstallationsMaximumIsCutToIt() {
            assertThat(termsUnder(lifetimes(null, 700)))
                    .isEqualTo(new TokenLifetimePolicy(INSTALLATION_MAX, INSTALLATION_MAX));
        }

        @Test
        void theWorkspacesLifetimesAreTheOnesItsNewTokensGet() {
            TokenLifetimePolicy terms = termsUnder(lifetimes(60, 14));

            assertThat(policy.lifetimes(WORKSPACE))
                    .isEqualTo(terms)
                    .isEqualTo(new TokenLifetimePolicy(Duration.ofDays(14), Duration.ofDays(60)));
            assertThat(policy.lifetimes(CoreTestKit.OTHER_WORKSPACE))
                    .isEqualTo(new TokenLifetimePolicy(INSTALLATION_DEFAULT, INSTALLATION_MAX));
        }

        @Test
        void aLongerRequestIsRefusedNamingLifetimeSecondsAndTheCap() {
            TokenLifetimePolicy lifetimes = termsUnder(lifetimes(30, null));
            Instant now = kit.clock.instant();

            InvalidParameterException thrown = catchThrowableOfType(
                    () -> lifetimes.expiryFor(Duration.ofDays(31), now), InvalidParameterException.class);

            assertThat(thrown.field()).isEqualTo("lifetime_seconds");
            assertThat(thrown)
                    .hasMessageContaining(Long.toString(Duration.ofDays(30).toSeconds()))
                    .hasMessageContaining("30 days");
            assertThat(lifetimes.expiryFor(Duration.ofDays(30), now)).isEqualTo(now.plus(Duration.ofDays(30)));
        }
    }

    @Nested
    class Quota {
        @Test
        void isTheDefaultOf600WithoutSettings() {
            grantUsage(alice);

            TokenIssueTerms terms = policy.termsFor(as(alice));

            assertThat(terms.quota()).isEqualTo(600);
        }

        @Test
        void isTheWorkspacesSetting() {
            grantUsage(alice);
            given(new WorkspaceSettings(true, null, null, 3));

            assertThat(policy.termsFor(as(alice)).quota()).isEqualTo(3);
        }
    }
}
