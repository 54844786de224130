package dev.warden.core.access;

import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleService;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.DenialReason;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TechnicalTokenService;
import dev.warden.core.token.TokenNotFoundException;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Issue 6 in core: no escalation through scopes, narrowing, check access and the scope report. */
class ScopesTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final Actor admin = kit.asAdmin();
    private final Principal alice = kit.user("alice", BuiltInRole.USER);
    private final RoleService roles = kit.roleService;
    private final DecisionChain chain = kit.decisions;
    private final AccessCheckService checks = kit.accessChecks;

    ScopesTest() {
        kit.acl.grant(WORKSPACE, TokenUsageEntry.forPrincipal(alice.id(), TokenUsageLevel.CAN_USE));
    }

    private static CreateTokenCommand scoped(String... scopes) {
        return new CreateTokenCommand("t", Duration.ofDays(10), List.of(scopes));
    }

    @Nested
    class NoEscalationThroughScopes {
        @Test
        void aScopeTheOwnersRolesDoNotGrantIsRefusedNamingIt() {
            Map<String, Object> before = kit.state();

            InvalidParameterException refused = catchThrowableOfType(
                    InvalidParameterException.class,
                    () -> kit.tokenService.create(as(alice), scoped("scim:read", "scim:write", "settings:write")));

            assertThat(refused.field()).isEqualTo("scopes");
            assertThat(refused.getMessage())
                    .contains("alice do not grant scim:write, settings:write")
                    .contains("a token never does more than its owner")
                    .doesNotContain("grant scim:read");
            assertThat(kit.state()).isEqualTo(before);
        }

        @Test
        void scopesWithinTheOwnersRolesAndAllApisAreAccepted() {
            List<String> everyUserScope =
                    BuiltInRole.USER.permissions().stream().map(Permission::key).toList();

            assertThat(kit.tokenService
                            .create(as(alice), new CreateTokenCommand("t", null, everyUserScope))
                            .token()
                            .scopes())
                    .hasSize(everyUserScope.size());
            assertThat(kit.tokenService
                            .create(as(alice), scoped("all-apis"))
                            .token()
                            .scopes())
                    .containsExactly(Scope.ALL_APIS);
        }

        @Test
        void anOnBehalfOfTokenIsBoundByTheServicePrincipalsRoles() {
            Principal robot =
                    kit.save(Principal.newServicePrincipal(WORKSPACE, "5e1f-robot", "robot"), BuiltInRole.USER);
            kit.acl.grant(WORKSPACE, TokenUsageEntry.forPrincipal(robot.id(), TokenUsageLevel.CAN_USE));

            InvalidParameterException refused = catchThrowableOfType(
                    InvalidParameterException.class,
                    () -> kit.tokenManagement.createOnBehalfOf(
                            admin, robot.applicationId(), scoped("token-management:read")));

            assertThat(refused.getMessage()).contains("do not grant token-management:read");
        }

        @Test
        void aGroupTokensScopesAreBoundByItsRoleOnTheGroup() {
            Group team = kit.group("team");
            TechnicalTokenService technical = kit.technicalTokens;

            IssuedToken member = technical.createGroupToken(admin, team.id(), scoped("scim:read"), "group-member");
            InvalidParameterException refused = catchThrowableOfType(
                    InvalidParameterException.class,
                    () -> technical.createGroupToken(admin, team.id(), scoped("scim:write"), "group-member"));

            assertThat(member.token().scopes()).containsExactly(new Scope("scim:read"));
            assertThat(refused.getMessage()).contains("do not grant scim:write");
        }
    }

    @Nested
    class Narrowing {
        private final IssuedToken wide =
                kit.tokenService.create(as(alice), scoped("scim:read", "tokens:read", "tokens:write"));

        @Test
        void anOwnerKeepsSomeOfItsScopesAndTheChangeIsAudited() {
            AccessToken narrowed =
                    kit.tokenService.narrowOwn(as(alice), wide.token().id(), List.of("tokens:read"));

            assertThat(narrowed.scopes()).containsExactly(new Scope("tokens:read"));
            assertThat(kit.tokens
                            .findById(WORKSPACE, wide.token().id())
                            .orElseThrow()
                            .scopes())
                    .containsExactly(new Scope("tokens:read"));
            AuditEvent event =
                    kit.audit.eventsWith(AuditAction.TOKEN_SCOPES_NARROWED).get(0);
            assertThat(event.details())
                    .containsEntry("before", "scim:read tokens:read tokens:write")
                    .containsEntry("after", "tokens:read");
        }

        @Test
        void narrowingNeverWidens() {
            Map<String, Object> before = kit.state();

            InvalidParameterException refused = catchThrowableOfType(
                    InvalidParameterException.class,
                    () -> kit.tokenService.narrowOwn(
                            as(alice), wide.token().id(), List.of("tokens:read", "roles:read")));

            assertThat(refused.field()).isEqualTo("scopes");
            assertThat(refused.getMessage()).contains("only be narrowed").contains("not roles:read");
            assertThat(catchThrowableOfType(
                            InvalidParameterException.class,
                            () -> kit.tokenService.narrowOwn(
                                    as(alice), wide.token().id(), List.of("all-apis"))))
                    .isNotNull();
            assertThat(catchThrowableOfType(
                            InvalidParameterException.class,
                            () -> kit.tokenService.narrowOwn(
                                    as(alice), wide.token().id(), List.of())))
                    .isNotNull();
            assertThat(kit.state()).isEqualTo(before);
        }

        @Test
        void allApisNarrowsToAnyScope() {
            IssuedToken all = kit.tokenService.create(as(alice), scoped("all-apis"));

            assertThat(kit.tokenService
                            .narrowOwn(as(alice), all.token().id(), List.of("audit:read", "scim:read"))
                            .scopes())
                    .containsExactly(new Scope("audit:read"), new Scope("scim:read"));
        }

        @Test
        void somebodyElsesTokenIsUnknownToItsOwnerPathAndNeedsTokenManagementOtherwise() {
            Principal bob = kit.user("bob", BuiltInRole.USER);

            assertThat(catchThrowableOfType(
                            TokenNotFoundException.class,
                            () -> kit.tokenService.narrowOwn(
                                    as(bob), wide.token().id(), List.of("tokens:read"))))
                    .isNotNull();
            assertThat(catchThrowableOfType(
                            PermissionDeniedException.class,
                            () -> kit.tokenManagement.narrow(
                                    as(bob), wide.token().id(), List.of("tokens:read"))))
                    .isNotNull();
            assertThat(kit.tokenManagement
                            .narrow(admin, wide.token().id(), List.of("scim:read"))
                            .scopes())
                    .containsExactly(new Scope("scim:read"));
        }
    }

    @Nested
    class CheckAccess {
        private final IssuedToken scimOnly = kit.tokenService.create(as(alice), scoped("scim:read"));

        @Test
        void theVerdictIsTheChainsForTheStoredToken() {
            Decision allowed = checks.check(as(alice), scimOnly.token().id(), Permission.SCIM_READ, null);
            Decision scopeMissing = checks.check(admin, scimOnly.token().id(), Permission.TOKENS_WRITE, null);
            Decision roleMissing = checks.check(admin, scimOnly.token().id(), Permission.SETTINGS_WRITE, null);

            assertThat(allowed.allowed()).isTrue();
            assertThat(allowed.trace()).extracting(outcome -> outcome.step()).endsWith(Step.SCOPE_GRANTS_PERMISSION);
            assertThat(scopeMissing.denial().reason()).isEqualTo(DenialReason.SCOPE_MISSING);
            assertThat(roleMissing.denial().reason()).isEqualTo(DenialReason.ROLE_LACKS_PERMISSION);
            assertThat(roleMissing.denial())
                    .isEqualTo(chain.authorize(chain.evaluate(scimOnly.secret().reveal()), Permission.SETTINGS_WRITE)
                            .denial());
        }

        @Test
        void withoutAPermissionItChecksAuthenticationOnly() {
            kit.tokenService.revoke(as(alice), scimOnly.token().id());

            Decision decision = checks.check(admin, scimOnly.token().id(), null, null);

            assertThat(decision.denial().reason()).isEqualTo(DenialReason.TOKEN_REVOKED);
        }

        @Test
        void onlyTheOwnerAndTokenManagementReadersMayAsk() {
            Principal bob = kit.user("bob", BuiltInRole.USER);
            Principal auditor = kit.user("auditor", BuiltInRole.AUDITOR);

            assertThat(catchThrowableOfType(
                            TokenNotFoundException.class,
                            () -> checks.check(as(bob), scimOnly.token().id(), Permission.SCIM_READ, null)))
                    .isNotNull();
            assertThat(catchThrowableOfType(
                            TokenNotFoundException.class,
                            () -> checks.scopes(as(bob), scimOnly.token().id())))
                    .isNotNull();
            assertThat(checks.check(as(auditor), scimOnly.token().id(), Permission.SCIM_READ, null)
                            .allowed())
                    .isTrue();
        }
    }

    @Nested
    class ScopeReportOfAToken {
        private final Role reporters = kit.directory.roles.save(Role.custom(
                WORKSPACE, "reporters", "", Set.of(Permission.TOKEN_MANAGEMENT_READ, Permission.TOKENS_READ)));
        private final Principal carol = kit.user("carol");
        private IssuedToken token;

        ScopeReportOfAToken() {
            kit.directory.assignments.add(RoleAssignment.toPrincipal(WORKSPACE, reporters.id(), carol.id(), null));
            kit.acl.grant(WORKSPACE, TokenUsageEntry.forPrincipal(carol.id(), TokenUsageLevel.CAN_USE));
            token = kit.tokenService.create(as(carol), scoped("token-management:read", "tokens:read"));
        }

        @Test
        void everyScopeIsLiveWhileTheOwnerHoldsIt() {
            ScopeReport report = checks.scopes(as(carol), token.token().id());

            assertThat(report.dead()).isEmpty();
            assertThat(report.effective())
                    .containsExactlyInAnyOrder(Permission.TOKEN_MANAGEMENT_READ, Permission.TOKENS_READ);
        }

        @Test
        void aListAsksForTheDeadScopesOfManyTokensAtOnceWithTheTimeTheyDied() {
            IssuedToken alive = kit.tokenService.create(as(carol), scoped("tokens:read"));
            kit.clock.advance(Duration.ofDays(2));
            java.time.Instant changed = kit.clock.instant();
            roles.update(admin, reporters.id(), null, null, Set.of(Permission.TOKENS_READ));

            var dead = checks.deadScopes(admin, java.util.List.of(token.token(), alive.token()));

            assertThat(dead).containsOnlyKeys(token.token().id());
            assertThat(dead.get(token.token().id())).singleElement().satisfies(state -> {
                assertThat(state.scope()).isEqualTo(new Scope("token-management:read"));
                assertThat(state.since()).isEqualTo(changed);
            });
        }

        @Test
        void aScopeDiesWhenTheRoleLosesThePermissionAndSaysSinceWhen() {
            kit.clock.advance(Duration.ofDays(2));
            roles.update(admin, reporters.id(), null, null, Set.of(Permission.TOKENS_READ));

            ScopeReport report = checks.scopes(admin, token.token().id());

            assertThat(report.effective()).containsExactly(Permission.TOKENS_READ);
            assertThat(report.dead()).singleElement().satisfies(dead -> {
                assertThat(dead.scope()).isEqualTo(new Scope("token-management:read"));
                assertThat(dead.why())
                        .contains("carol no longer holds token-management:read since the role change on "
                                + "2025-03-03 10:00 UTC")
                        .contains("by admin");
            });
            assertThat(checks.check(admin, token.token().id(), Permission.TOKEN_MANAGEMENT_READ, null)
                            .denial()
                            .reason())
                    .isEqualTo(DenialReason.ROLE_LACKS_PERMISSION);

            roles.update(
                    admin,
                    reporters.id(),
                    null,
                    null,
                    Set.of(Permission.TOKENS_READ, Permission.TOKEN_MANAGEMENT_READ));

            assertThat(checks.scopes(admin, token.token().id()).dead()).isEmpty();
            assertThat(checks.check(admin, token.token().id(), Permission.TOKEN_MANAGEMENT_READ, null)
                            .allowed())
                    .isTrue();
        }

        @Test
        void allApisIsEffectivelyTheOwnersPermissions() {
            IssuedToken all = kit.tokenService.create(as(carol), scoped("all-apis"));

            assertThat(checks.scopes(as(carol), all.token().id()).effective())
                    .containsExactlyInAnyOrder(Permission.TOKEN_MANAGEMENT_READ, Permission.TOKENS_READ);
        }
    }
}
