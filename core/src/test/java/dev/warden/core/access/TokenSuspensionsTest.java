package dev.warden.core.access;

import static dev.warden.core.testkit.CoreTestKit.OTHER_WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.access.TokenSuspensions.OwnerSuspensions;
import dev.warden.core.access.TokenSuspensions.Suspension;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalQuery;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.DenialReason;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsagePolicy;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TokenSuspensionsTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final CountingPrincipals principals = new CountingPrincipals(kit.directory.principals);
    private final TokenSuspensions suspensions = new TokenSuspensions(kit.settings, principals, kit.usage);
    private final Instant now = kit.clock.instant();
    private final Principal alice = kit.user("alice", BuiltInRole.USER);

    private void allowTokens(Principal principal) {
        kit.acl.grant(WORKSPACE, TokenUsageEntry.forPrincipal(principal.id(), TokenUsageLevel.CAN_USE));
    }

    private void disableTokens(WorkspaceId workspace) {
        kit.settings.with(workspace, new WorkspaceSettings(false, null, null, WorkspaceSettings.DEFAULT_QUOTA));
    }

    private Optional<Suspension> suspensionOf(AccessToken token) {
        return suspensions.of(WORKSPACE, List.of(token)).of(token, now);
    }

    @Nested
    class WhenTheOwnerMayUseTokens {
        @Test
        void anActiveTokenIsNotSuspended() {
            allowTokens(alice);
            AccessToken token = kit.activeToken(alice);

            assertThat(suspensionOf(token)).isEmpty();
            assertThat(suspensions.of(WORKSPACE, List.of(token)).byOwner()).isEmpty();
        }

        @Test
        void aWorkspaceAdminNeedsNoEntryInTheTokenUsageList() {
            assertThat(suspensionOf(kit.activeToken(kit.admin))).isEmpty();
        }

        @Test
        void anEntryForAGroupOfTheOwnerIsEnough() {
            kit.acl.grant(
                    WORKSPACE,
                    TokenUsageEntry.forGroup(kit.group("data-eng", alice).id(), TokenUsageLevel.CAN_USE));

            assertThat(suspensionOf(kit.activeToken(alice))).isEmpty();
        }
    }

    @Nested
    class WhenTheOwnerLacksTokenUsage {
        @Test
        void anActiveTokenIsSuspendedWithTheMessageEveryRefusalUses() {
            AccessToken token = kit.activeToken(alice);

            assertThat(suspensionOf(token))
                    .contains(new Suspension(
                            DenialReason.NO_TOKEN_USAGE_PERMISSION, TokenUsagePolicy.deniedMessage(alice)));
            assertThat(suspensionOf(token).orElseThrow().message())
                    .contains("alice does not have permission to use tokens", "Permission Settings");
        }

        @Test
        void grantingTokenUsageAgainLiftsTheSuspension() {
            AccessToken token = kit.activeToken(alice);
            assertThat(suspensionOf(token)).isPresent();

            allowTokens(alice);

            assertThat(suspensionOf(token)).isEmpty();
        }

        @Test
        void aRevokedOrExpiredTokenKeepsItsOwnStatus() {
            AccessToken revoked = kit.revokedToken(alice);
            AccessToken expired = kit.expiredToken(alice);
            AccessToken active = kit.activeToken(alice);

            OwnerSuspensions found = suspensions.of(WORKSPACE, List.of(revoked, expired, active));

            assertThat(found.of(revoked, now)).isEmpty();
            assertThat(found.of(expired, now)).isEmpty();
            assertThat(found.of(active, now)).map(Suspension::reason).contains(DenialReason.NO_TOKEN_USAGE_PERMISSION);
            assertThat(found.ofOwner(alice.id()))
                    .map(Suspension::reason)
                    .contains(DenialReason.NO_TOKEN_USAGE_PERMISSION);
        }
    }

    @Nested
    class WhenTheOwnerIsInactive {
        @Test
        void anActiveTokenIsSuspendedSayingWhoAndHowToActivateIt() {
            allowTokens(alice);
            AccessToken token = kit.activeToken(alice);
            kit.deactivate(alice);

            Suspension suspension = suspensionOf(token).orElseThrow();

            assertThat(suspension.reason()).isEqualTo(DenialReason.OWNER_INACTIVE);
            assertThat(suspension.message()).contains("alice is deactivated", "activates it again");
        }

        @Test
        void inactivityIsReportedBeforeTheMissingTokenUsageAsTheDecisionChainOrdersThem() {
            AccessToken token = kit.activeToken(alice);
            kit.deactivate(alice);

            assertThat(suspensionOf(token)).map(Suspension::reason).contains(DenialReason.OWNER_INACTIVE);
        }

        @Test
        void aWorkspaceAdminWhoIsDeactivatedIsSuspendedToo() {
            AccessToken token = kit.activeToken(kit.admin);
            kit.deactivate(kit.admin);

            assertThat(suspensionOf(token)).map(Suspension::reason).contains(DenialReason.OWNER_INACTIVE);
        }
    }

    @Nested
    class WhenTokensAreDisabledInTheWorkspace {
        @Test
        void everyOwnersActiveTokensAreSuspendedForThatReasonFirst() {
            allowTokens(alice);
            Principal bob = kit.user("bob", BuiltInRole.USER);
            AccessToken ofAlice = kit.activeToken(alice);
            AccessToken ofBob = kit.activeToken(bob);
            AccessToken ofAdmin = kit.activeToken(kit.admin);
            kit.deactivate(bob);
            disableTokens(WORKSPACE);

            OwnerSuspensions found = suspensions.of(WORKSPACE, List.of(ofAlice, ofBob, ofAdmin));

            assertThat(List.of(ofAlice, ofBob, ofAdmin))
                    .allSatisfy(token -> assertThat(found.of(token, now))
                            .map(Suspension::reason)
                            .contains(DenialReason.TOKENS_DISABLED));
            assertThat(found.of(ofAlice, now).orElseThrow().message())
                    .contains("Tokens are disabled", "enableTokensConfig");
            assertThat(principals.lookups).as("no owner needs looking up").isEmpty();
        }

        @Test
        void anotherWorkspaceSwitchingTokensOffChangesNothingHere() {
            allowTokens(alice);
            disableTokens(OTHER_WORKSPACE);

            assertThat(suspensionOf(kit.activeToken(alice))).isEmpty();
        }
    }

    @Nested
    class ForAPageOfTokens {
        @Test
        void eachDistinctOwnerIsLookedUpOnceAndOnlyTheSuspendedOnesAreNamed() {
            allowTokens(alice);
            Principal bob = kit.user("bob", BuiltInRole.USER);
            Principal carol = kit.user("carol", BuiltInRole.USER);
            allowTokens(carol);
            kit.deactivate(carol);
            List<AccessToken> page = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                page.add(kit.activeToken(alice));
                page.add(kit.activeToken(bob));
                page.add(kit.activeToken(carol));
            }

            OwnerSuspensions found = suspensions.of(WORKSPACE, page);

            assertThat(principals.lookups).hasSize(1);
            assertThat(principals.lookups.get(0)).containsExactlyInAnyOrder(alice.id(), bob.id(), carol.id());
            assertThat(found.byOwner()).containsOnlyKeys(bob.id(), carol.id());
            assertThat(found.ofOwner(bob.id()))
                    .map(Suspension::reason)
                    .contains(DenialReason.NO_TOKEN_USAGE_PERMISSION);
            assertThat(found.ofOwner(carol.id())).map(Suspension::reason).contains(DenialReason.OWNER_INACTIVE);
        }

        @Test
        void noTokensNeedNoLookups() {
            assertThat(suspensions.of(WORKSPACE, List.of()).byOwner()).isEmpty();
            assertThat(principals.lookups).isEmpty();
        }

        @Test
        void anOwnerIsOnlyLookedUpInTheWorkspaceAsked() {
            allowTokens(alice);
            AccessToken token = kit.activeToken(alice);

            assertThat(suspensions.of(OTHER_WORKSPACE, List.of(token)).of(token, now))
                    .map(Suspension::reason)
                    .contains(DenialReason.OWNER_INACTIVE);
        }
    }

    /** The directory's principals, recording each lookup so a test can count them. */
    private static final class CountingPrincipals implements PrincipalRepository {
        private final PrincipalRepository delegate;
        final List<List<PrincipalId>> lookups = new ArrayList<>();

        CountingPrincipals(PrincipalRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<Principal> findById(WorkspaceId workspace, PrincipalId id) {
            lookups.add(List.of(id));
            return delegate.findById(workspace, id);
        }

        @Override
        public Optional<Principal> findByUserName(WorkspaceId workspace, String userName) {
            return delegate.findByUserName(workspace, userName);
        }

        @Override
        public Optional<Principal> findByApplicationId(WorkspaceId workspace, String applicationId) {
            return delegate.findByApplicationId(workspace, applicationId);
        }

        @Override
        public List<Principal> findAllById(WorkspaceId workspace, Collection<PrincipalId> ids) {
            lookups.add(List.copyOf(ids));
            return delegate.findAllById(workspace, ids);
        }

        @Override
        public Page<Principal> search(
                WorkspaceId workspace, PrincipalKind kind, PrincipalQuery query, PageRequest page) {
            return delegate.search(workspace, kind, query, page);
        }

        @Override
        public Principal save(Principal principal) {
            return delegate.save(principal);
        }

        @Override
        public boolean delete(WorkspaceId workspace, PrincipalId id) {
            return delegate.delete(workspace, id);
        }
    }
}
