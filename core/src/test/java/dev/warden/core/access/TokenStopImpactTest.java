package dev.warden.core.access;

import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.group.Group;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.Tokens;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TokenStopImpactTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final TokenStopImpact impact = new TokenStopImpact(
            kit.directory.assignments,
            kit.directory.principals,
            kit.directory.groups,
            kit.resolver,
            kit.usage,
            kit.acl,
            kit.tokens,
            kit.suspensions,
            kit.settings,
            kit.access,
            kit.roleService,
            kit.tokenUsageService,
            kit.tx,
            kit.clock);
    private final Actor admin = kit.asAdmin();
    private final Principal carol = kit.user("carol");
    private final RoleAssignment carolAdmin = kit.assign(BuiltInRole.WORKSPACE_ADMIN, carol, null);

    private void ownedTokens(Principal owner, TokenKind kind, int count) {
        for (int i = 0; i < count; i++) {
            kit.store(Tokens.aToken()
                    .ownedBy(owner.id())
                    .kind(kind)
                    .createdAt(kit.clock.instant().minus(Duration.ofHours(i + 1))));
        }
    }

    @Nested
    class RemovingTheWorkspaceAdminRole {
        @Test
        void stopsEveryWorkingTokenOfAnAdminWithoutAnEntryCountedByKind() {
            ownedTokens(carol, TokenKind.PERSONAL, 2);
            kit.revokedToken(carol);
            kit.expiredToken(carol);

            TokenStopImpact.Impact stops = impact.ofUnassigning(admin, carolAdmin.id());

            assertThat(stops.losses()).singleElement().satisfies(loss -> {
                assertThat(loss.principal().name()).isEqualTo("carol");
                assertThat(loss.tokens()).isEqualTo(2);
            });
            assertThat(stops.byKind()).isEqualTo(Map.of(TokenKind.PERSONAL, 2));
            assertThat(stops.tokensText()).isEqualTo("2 tokens (2 personal)");
        }

        @Test
        void countsAServicePrincipalsTokensByKind() {
            Principal robot = kit.servicePrincipal("etl robot");
            RoleAssignment robotAdmin = kit.assign(BuiltInRole.WORKSPACE_ADMIN, robot, null);
            ownedTokens(robot, TokenKind.ON_BEHALF_OF, 3);
            kit.store(Tokens.aToken()
                    .ownedBy(robot.id())
                    .ofOAuthSecret("secret-1")
                    .createdAt(kit.clock.instant().minus(Duration.ofMinutes(5)))
                    .expiringIn(Duration.ofHours(1)));

            TokenStopImpact.Impact stops = impact.ofUnassigning(admin, robotAdmin.id());

            assertThat(stops.tokensText()).isEqualTo("4 tokens (3 on behalf of, 1 OAuth)");
        }

        @Test
        void stopsNothingWhenTheListStillNamesThem() {
            ownedTokens(carol, TokenKind.PERSONAL, 2);
            kit.allowTokens(carol);

            assertThat(impact.ofUnassigning(admin, carolAdmin.id()).none()).isTrue();
        }

        @Test
        void stopsNothingWhenTheyStayAdminThroughAGroup() {
            ownedTokens(carol, TokenKind.PERSONAL, 1);
            Group admins = kit.group("admins", carol);
            kit.assignToGroup(BuiltInRole.WORKSPACE_ADMIN, admins, null);

            assertThat(impact.ofUnassigning(admin, carolAdmin.id()).none()).isTrue();
        }

        @Test
        void aGroupsAssignmentStopsTheTokensOfItsMembersWhoHaveNoOtherWay() {
            Principal dan = kit.user("dan");
            Principal erin = kit.allowTokens(kit.user("erin"));
            Group ops = kit.group("ops", dan, erin);
            RoleAssignment opsAdmin = kit.assignToGroup(BuiltInRole.WORKSPACE_ADMIN, ops, null);
            ownedTokens(dan, TokenKind.PERSONAL, 1);
            ownedTokens(erin, TokenKind.PERSONAL, 5);

            TokenStopImpact.Impact stops = impact.ofUnassigning(admin, opsAdmin.id());

            assertThat(stops.losses())
                    .extracting(loss -> loss.principal().name())
                    .containsExactly("dan");
            assertThat(stops.tokens()).isEqualTo(1);
        }

        @Test
        void anotherRoleStopsNothing() {
            ownedTokens(carol, TokenKind.PERSONAL, 1);
            RoleAssignment auditor = kit.assign(BuiltInRole.AUDITOR, carol, null);

            assertThat(impact.ofUnassigning(admin, auditor.id()).none()).isTrue();
        }

        @Test
        void keepingTokenUsageAddsThemToTheListAndRemovesTheRoleInOneChange() {
            ownedTokens(carol, TokenKind.PERSONAL, 2);

            impact.unassignKeepingTokenUsage(admin, carolAdmin.id());

            assertThat(kit.acl.list(WORKSPACE))
                    .contains(TokenUsageEntry.forPrincipal(carol.id(), TokenUsageLevel.CAN_USE));
            assertThat(kit.directory.assignments.findById(WORKSPACE, carolAdmin.id()))
                    .isEmpty();
            assertThat(kit.usage.mayUseTokens(carol)).isTrue();
            assertThat(kit.audit.events())
                    .extracting(AuditEvent::action)
                    .contains(AuditAction.TOKEN_ACL_CHANGED, AuditAction.ROLE_UNASSIGNED);
        }

        @Test
        void keepingTokenUsageIsRefusedWholeWhenTheActorMayNotMakeBothChanges() {
            Principal roleAdmin = kit.user("rita");
            kit.store(Tokens.aToken().ownedBy(roleAdmin.id()));
            Map<String, Object> before = kit.state();

            PermissionDeniedException denied = catchThrowableOfType(
                    () -> impact.unassignKeepingTokenUsage(as(roleAdmin), carolAdmin.id()),
                    PermissionDeniedException.class);

            assertThat(denied).isNotNull();
            assertThat(kit.state()).isEqualTo(before);
        }
    }

    @Nested
    class SwitchingTokensOff {
        @Test
        void stopsEveryWorkingTokenOfEveryKind() {
            ownedTokens(carol, TokenKind.PERSONAL, 2);
            Principal robot = kit.allowTokens(kit.servicePrincipal("etl robot"));
            ownedTokens(robot, TokenKind.ON_BEHALF_OF, 1);
            kit.revokedToken(carol);

            TokenStopImpact.Impact stops = impact.ofDisablingTokens(admin);

            assertThat(stops.byKind()).isEqualTo(Map.of(TokenKind.PERSONAL, 2, TokenKind.ON_BEHALF_OF, 1));
            assertThat(stops.tokensText()).isEqualTo("3 tokens (2 personal, 1 on behalf of)");
        }

        @Test
        void doesNotCountTokensThatAreSuspendedAlready() {
            Principal dan = kit.user("dan");
            ownedTokens(dan, TokenKind.PERSONAL, 2);

            assertThat(impact.ofDisablingTokens(admin).none()).isTrue();
        }

        @Test
        void stopsNothingWhenTokensAreOffAlready() {
            ownedTokens(carol, TokenKind.PERSONAL, 2);
            kit.settings.with(WORKSPACE, new WorkspaceSettings(false, null, null, WorkspaceSettings.DEFAULT_QUOTA));

            assertThat(impact.ofDisablingTokens(admin).none()).isTrue();
            assertThat(impact.ofUnassigning(admin, carolAdmin.id()).none()).isTrue();
        }
    }
}
