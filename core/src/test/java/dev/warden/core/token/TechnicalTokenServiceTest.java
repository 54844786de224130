package dev.warden.core.token;

import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupService;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.EffectivePermissions;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.testkit.CoreTestKit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TechnicalTokenServiceTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final TechnicalTokenService service = kit.technicalTokens;
    private final Actor admin = kit.asAdmin();
    private final Principal alice = kit.user("alice", BuiltInRole.USER);

    private static CreateTokenCommand named(String name) {
        return new CreateTokenCommand(name, Duration.ofDays(30), List.of("scim:read"));
    }

    private Principal ownerOf(IssuedToken issued) {
        return kit.directory
                .principals
                .findById(WORKSPACE, issued.token().owner())
                .orElseThrow();
    }

    private EffectivePermissions permissionsOf(Principal principal) {
        return kit.resolver.of(principal);
    }

    /** Makes {@code principal} a group-admin of {@code group}. */
    private void makeGroupAdmin(Principal principal, Group group) {
        kit.directory.assignments.add(RoleAssignment.toPrincipal(
                WORKSPACE,
                kit.directory.roles.builtIn(WORKSPACE, BuiltInRole.GROUP_ADMIN).id(),
                principal.id(),
                group.id()));
    }

    private void assertRefusedWithoutTrace(ThrowingCallable call, Class<? extends RuntimeException> type) {
        Map<String, Object> before = kit.state();
        catchThrowableOfType(type, call);
        assertThat(kit.state()).isEqualTo(before);
    }

    @Nested
    class OrganisationTokens {
        @Test
        void createsATechnicalUserThatOwnsTheTokenAndHoldsTheChosenRole() {
            IssuedToken issued = service.createOrganisationToken(admin, named("ci-deploy"), "user");

            Principal technical = ownerOf(issued);
            assertThat(technical.kind()).isEqualTo(PrincipalKind.TECHNICAL_USER);
            assertThat(technical.displayName()).isEqualTo("ci-deploy");
            assertThat(technical.canLogIn()).isFalse();
            assertThat(issued.token().kind()).isEqualTo(TokenKind.ORGANISATION);
            assertThat(issued.token().createdBy()).isEqualTo(kit.admin.id());
            assertThat(issued.token().group()).isNull();
            EffectivePermissions held = permissionsOf(technical);
            assertThat(held.workspacePermissions()).isEqualTo(BuiltInRole.USER.permissions());
            assertThat(held.isWorkspaceAdmin()).isFalse();
        }

        @Test
        void theAdminRoleMakesTheTechnicalUserAWorkspaceAdmin() {
            IssuedToken issued = service.createOrganisationToken(admin, named("terraform"), "workspace-admin");

            assertThat(permissionsOf(ownerOf(issued)).isWorkspaceAdmin()).isTrue();
        }

        @Test
        void theTechnicalUserMayUseTokensWithoutAnEntryInTheTokenUsageList() {
            IssuedToken issued = service.createOrganisationToken(admin, named("ci"), "user");

            assertThat(kit.acl.list(WORKSPACE)).isEmpty();
            assertThat(kit.usage.mayUseTokens(ownerOf(issued))).isTrue();
        }

        @Test
        void principalCreationRoleAssignmentAndTokenAreAuditedTogether() {
            IssuedToken issued = service.createOrganisationToken(admin, named("ci"), "user");

            List<AuditEvent> events = kit.audit.events();
            assertThat(events)
                    .extracting(AuditEvent::action)
                    .containsExactly(
                            AuditAction.PRINCIPAL_CREATED, AuditAction.ROLE_ASSIGNED, AuditAction.TOKEN_CREATED);
            assertThat(events.get(0).targetId())
                    .isEqualTo(String.valueOf(issued.token().owner()));
            assertThat(events.get(0).details())
                    .containsEntry("kind", "TECHNICAL_USER")
                    .containsEntry("role", "user");
            assertThat(events.get(2).targetId()).isEqualTo(issued.token().id().value());
            assertThat(events.get(2).details()).containsEntry("kind", "ORGANISATION");
        }

        @Test
        void aNamelessTokenGetsADescriptiveTechnicalUserName() {
            IssuedToken issued = service.createOrganisationToken(admin, named("  "), "user");

            assertThat(ownerOf(issued).displayName()).isEqualTo("Organisation token");
        }

        @ParameterizedTest
        @ValueSource(strings = {"group-admin", "group-member", "auditor", "root", ""})
        void onlyTheWorkspaceRolesAreOffered(String role) {
            InvalidParameterException refused = catchThrowableOfType(
                    InvalidParameterException.class, () -> service.createOrganisationToken(admin, named("ci"), role));

            assertThat(refused.field()).isEqualTo("role");
            assertThat(refused.getMessage()).contains("user").contains("workspace-admin");
        }

        @Test
        void aMissingRoleIsRefusedAndLeavesNothingBehind() {
            assertRefusedWithoutTrace(
                    () -> service.createOrganisationToken(admin, named("ci"), null), InvalidParameterException.class);
        }

        @Test
        void aBadTokenRequestRollsBackTheTechnicalUserToo() {
            assertRefusedWithoutTrace(
                    () -> service.createOrganisationToken(
                            admin, new CreateTokenCommand("bad\u0007name", null, null), "user"),
                    InvalidParameterException.class);
            assertRefusedWithoutTrace(
                    () -> service.createOrganisationToken(
                            admin, new CreateTokenCommand("ci", Duration.ofDays(10_000), null), "user"),
                    InvalidParameterException.class);
            assertRefusedWithoutTrace(
                    () -> service.createOrganisationToken(
                            admin, new CreateTokenCommand("ci", null, List.of("no-such-scope")), "user"),
                    InvalidParameterException.class);
        }

        @Test
        void tokensDisabledRefusesAndLeavesNothingBehind() {
            kit.settings.save(WORKSPACE, new WorkspaceSettings(false, null, null, WorkspaceSettings.DEFAULT_QUOTA));

            Map<String, Object> before = kit.state();
            AccessRefusedException refused = catchThrowableOfType(
                    AccessRefusedException.class, () -> service.createOrganisationToken(admin, named("ci"), "user"));

            assertThat(refused.reason()).isEqualTo(DenialReason.TOKENS_DISABLED);
            assertThat(kit.state()).isEqualTo(before);
        }

        @Test
        void aUserWithoutTokenManagementIsRefused() {
            assertRefusedWithoutTrace(
                    () -> service.createOrganisationToken(as(alice), named("ci"), "user"),
                    PermissionDeniedException.class);
            assertThat(catchThrowableOfType(
                            PermissionDeniedException.class, () -> service.organisationTokens(as(alice))))
                    .isNotNull();
        }

        @Test
        void nobodyHandsATechnicalUserPermissionsTheyDoNotHold() {
            Role tokenKeeper = kit.directory.roles.save(Role.custom(
                    WORKSPACE,
                    "token-keeper",
                    "",
                    Set.of(
                            Permission.TOKEN_MANAGEMENT_READ,
                            Permission.TOKEN_MANAGEMENT_WRITE,
                            Permission.TOKENS_READ,
                            Permission.TOKENS_WRITE,
                            Permission.SCIM_READ,
                            Permission.ROLES_READ)));
            Principal keeper = kit.allowTokens(kit.user("keeper"));
            kit.directory.assignments.add(RoleAssignment.toPrincipal(WORKSPACE, tokenKeeper.id(), keeper.id(), null));

            Map<String, Object> before = kit.state();
            PermissionDeniedException refused = catchThrowableOfType(
                    PermissionDeniedException.class,
                    () -> service.createOrganisationToken(as(keeper), named("ci"), "workspace-admin"));

            assertThat(refused.getMessage())
                    .contains("workspace-admin")
                    .contains("settings:write")
                    .contains("roles:write")
                    .doesNotContain("token-management:write,");
            assertThat(kit.state()).isEqualTo(before);
            assertThat(service.createOrganisationToken(as(keeper), named("ci"), "user")
                            .token()
                            .kind())
                    .isEqualTo(TokenKind.ORGANISATION);
        }

        @Test
        void listsOnlyOrganisationTokensWithTheirTechnicalUserAndRole() {
            IssuedToken ci = service.createOrganisationToken(admin, named("ci"), "user");
            kit.clock.advance(Duration.ofSeconds(1));
            IssuedToken terraform = service.createOrganisationToken(admin, named("terraform"), "workspace-admin");
            kit.activeToken(alice);

            List<TechnicalToken> listed = service.organisationTokens(admin);

            assertThat(listed)
                    .extracting(t -> t.token().id())
                    .containsExactly(terraform.token().id(), ci.token().id());
            assertThat(listed).extracting(TechnicalToken::role).containsExactly("workspace-admin", "user");
            assertThat(listed).extracting(t -> t.technicalUser().displayName()).containsExactly("terraform", "ci");
        }
    }

    @Nested
    class Lifecycle {
        private final IssuedToken ci = service.createOrganisationToken(admin, named("ci"), "user");
        private final Principal technical = ownerOf(ci);

        @Test
        void revokeAndRestoreAreAudited() {
            assertThat(service.revoke(admin, ci.token().id()).token().statusAt(kit.clock.instant()))
                    .isEqualTo(TokenStatus.REVOKED);
            assertThat(service.restore(admin, ci.token().id()).token().statusAt(kit.clock.instant()))
                    .isEqualTo(TokenStatus.ACTIVE);

            assertThat(kit.audit.events())
                    .extracting(AuditEvent::action)
                    .endsWith(AuditAction.TOKEN_REVOKED, AuditAction.TOKEN_RESTORED);
        }

        @Test
        void deletingTheTokenDeletesItsTechnicalUser() {
            service.delete(admin, ci.token().id());

            assertThat(kit.tokens.findById(WORKSPACE, ci.token().id())).isEmpty();
            assertThat(kit.directory.principals.findById(WORKSPACE, technical.id()))
                    .isEmpty();
            assertThat(kit.directory.assignments.all())
                    .noneMatch(a -> technical.id().equals(a.principal()));
            List<AuditEvent> events = kit.audit.events();
            AuditEvent deleted = events.get(events.size() - 2);
            assertThat(deleted.action()).isEqualTo(AuditAction.TOKEN_DELETED);
            assertThat(deleted.details()).containsEntry("technical_user_deleted", String.valueOf(technical.id()));
            assertThat(events.get(events.size() - 1).action()).isEqualTo(AuditAction.PRINCIPAL_DELETED);
        }

        @Test
        void deletingThroughTokenManagementAlsoDeletesTheTechnicalUser() {
            kit.tokenManagement.delete(admin, ci.token().id());

            assertThat(kit.directory.principals.findById(WORKSPACE, technical.id()))
                    .isEmpty();
        }

        @Test
        void otherKindsOfTokenAnswerAsUnknownHere() {
            AccessToken personal = kit.activeToken(alice);

            assertThat(catchThrowableOfType(TokenNotFoundException.class, () -> service.delete(admin, personal.id())))
                    .isNotNull();
            assertThat(kit.tokens.findById(WORKSPACE, personal.id())).isPresent();
        }

        @Test
        void theTechnicalUserGetsNoOtherToken() {
            PermissionDeniedException refused = catchThrowableOfType(
                    PermissionDeniedException.class, () -> kit.tokenService.create(as(technical), named("more")));

            assertThat(refused.getMessage()).contains("technical user");
        }

        @Test
        void theTokenCannotDeleteItselfButCanRevokeItself() {
            InvalidStateException refused = catchThrowableOfType(
                    InvalidStateException.class,
                    () -> kit.tokenService.delete(as(technical), ci.token().id()));

            assertThat(refused.getMessage()).contains("organisation token").contains("technical user");
            assertThat(kit.directory.principals.findById(WORKSPACE, technical.id()))
                    .isPresent();
            assertThat(kit.tokenService.revoke(as(technical), ci.token().id()).isRevoked())
                    .isTrue();
        }
    }

    @Nested
    class GroupTokens {
        private final Group team = kit.group("team");
        private final Group other = kit.group("other");
        private final Principal lead = kit.allowTokens(kit.user("lead", BuiltInRole.USER));

        GroupTokens() {
            makeGroupAdmin(lead, team);
        }

        @Test
        void aGroupAdminCreatesATokenWhoseTechnicalUserHoldsTheRoleOnThatGroupOnly() {
            IssuedToken issued = service.createGroupToken(as(lead), team.id(), named("team-bot"), "group-member");

            assertThat(issued.token().kind()).isEqualTo(TokenKind.GROUP);
            assertThat(issued.token().group()).isEqualTo(team.id());
            EffectivePermissions held = permissionsOf(ownerOf(issued));
            assertThat(held.holds(Permission.SCIM_READ, team.id())).isTrue();
            assertThat(held.holds(Permission.SCIM_READ, other.id())).isFalse();
            assertThat(held.workspacePermissions()).isEmpty();
        }

        @Test
        void aGroupAdminMayGiveTheGroupAdminRoleItHolds() {
            IssuedToken issued = service.createGroupToken(as(lead), team.id(), named("team-admin"), "group-admin");

            EffectivePermissions held = permissionsOf(ownerOf(issued));
            assertThat(held.holds(Permission.TOKEN_MANAGEMENT_WRITE, team.id())).isTrue();
            assertThat(held.holds(Permission.TOKEN_MANAGEMENT_WRITE)).isFalse();
        }

        @Test
        void aGroupAdminCannotTouchAnotherGroupsTokens() {
            IssuedToken theirs = service.createGroupToken(admin, other.id(), named("other-bot"), "group-member");

            assertRefusedWithoutTrace(
                    () -> service.createGroupToken(as(lead), other.id(), named("x"), "group-member"),
                    PermissionDeniedException.class);
            assertThat(catchThrowableOfType(
                            PermissionDeniedException.class, () -> service.groupTokens(as(lead), other.id())))
                    .isNotNull();
            assertRefusedWithoutTrace(
                    () -> service.revoke(as(lead), other.id(), theirs.token().id()), PermissionDeniedException.class);
            assertRefusedWithoutTrace(
                    () -> service.delete(as(lead), other.id(), theirs.token().id()), PermissionDeniedException.class);
        }

        @Test
        void aGroupAdminCannotManageOrganisationTokens() {
            IssuedToken org = service.createOrganisationToken(admin, named("ci"), "user");

            assertRefusedWithoutTrace(
                    () -> service.createOrganisationToken(as(lead), named("x"), "user"),
                    PermissionDeniedException.class);
            assertRefusedWithoutTrace(
                    () -> service.revoke(as(lead), org.token().id()), PermissionDeniedException.class);
        }

        @Test
        void listsTheGroupsTokensOnly() {
            IssuedToken mine = service.createGroupToken(as(lead), team.id(), named("mine"), "group-member");
            service.createGroupToken(admin, other.id(), named("theirs"), "group-member");
            service.createOrganisationToken(admin, named("org"), "user");

            assertThat(service.groupTokens(as(lead), team.id()))
                    .extracting(t -> t.token().id())
                    .containsExactly(mine.token().id());
            assertThat(service.groupTokens(as(lead), team.id()).get(0).role()).isEqualTo("group-member");
        }

        @Test
        void theGroupsAdminRevokesRestoresAndDeletesItsTokens() {
            IssuedToken mine = service.createGroupToken(as(lead), team.id(), named("mine"), "group-member");

            assertThat(service.revoke(as(lead), team.id(), mine.token().id())
                            .token()
                            .statusAt(kit.clock.instant()))
                    .isEqualTo(TokenStatus.REVOKED);
            assertThat(service.restore(as(lead), team.id(), mine.token().id())
                            .token()
                            .statusAt(kit.clock.instant()))
                    .isEqualTo(TokenStatus.ACTIVE);
            service.delete(as(lead), team.id(), mine.token().id());

            assertThat(kit.tokens.findById(WORKSPACE, mine.token().id())).isEmpty();
            assertThat(kit.directory.principals.findById(WORKSPACE, mine.token().owner()))
                    .isEmpty();
            assertThat(kit.audit.events())
                    .extracting(AuditEvent::action)
                    .containsSubsequence(
                            AuditAction.TOKEN_REVOKED, AuditAction.TOKEN_RESTORED, AuditAction.TOKEN_DELETED);
        }

        @Test
        void underAGroupOnlyThatGroupsTokensAreFoundAndManaged() {
            IssuedToken mine = service.createGroupToken(as(lead), team.id(), named("mine"), "group-member");
            IssuedToken theirs = service.createGroupToken(admin, other.id(), named("theirs"), "group-member");
            IssuedToken org = service.createOrganisationToken(admin, named("org"), "user");

            assertThat(service.get(as(lead), team.id(), mine.token().id()).role())
                    .isEqualTo("group-member");
            assertRefusedWithoutTrace(
                    () -> service.revoke(as(lead), team.id(), theirs.token().id()), TokenNotFoundException.class);
            assertRefusedWithoutTrace(
                    () -> service.delete(admin, team.id(), org.token().id()), TokenNotFoundException.class);
            assertRefusedWithoutTrace(
                    () -> service.revoke(as(lead), other.id(), theirs.token().id()), PermissionDeniedException.class);

            TechnicalToken revoked =
                    service.revoke(as(lead), team.id(), mine.token().id());
            assertThat(revoked.token().statusAt(kit.clock.instant())).isEqualTo(TokenStatus.REVOKED);
            assertThat(revoked.technicalUser().id()).isEqualTo(mine.token().owner());
            service.restore(as(lead), team.id(), mine.token().id());
            service.delete(as(lead), team.id(), mine.token().id());

            assertThat(kit.directory.principals.findById(WORKSPACE, mine.token().owner()))
                    .isEmpty();
            assertThat(kit.tokens.findById(WORKSPACE, theirs.token().id())).isPresent();
        }

        @ParameterizedTest
        @ValueSource(strings = {"workspace-admin", "user", "auditor"})
        void onlyTheGroupRolesAreOffered(String role) {
            InvalidParameterException refused = catchThrowableOfType(
                    InvalidParameterException.class,
                    () -> service.createGroupToken(as(lead), team.id(), named("x"), role));

            assertThat(refused.field()).isEqualTo("role");
        }

        @Test
        void anUnknownGroupIsNotFound() {
            Group gone = kit.group("gone");
            kit.directory.groups.delete(WORKSPACE, gone.id());

            assertRefusedWithoutTrace(
                    () -> service.createGroupToken(admin, gone.id(), named("x"), "group-member"),
                    ResourceNotFoundException.class);
        }

        @Test
        void deletingTheGroupDeletesItsTokensAndTheirTechnicalUsers() {
            GroupService groups = kit.groupService;
            IssuedToken mine = service.createGroupToken(as(lead), team.id(), named("mine"), "group-member");
            IssuedToken theirs = service.createGroupToken(admin, other.id(), named("theirs"), "group-member");

            groups.delete(admin, team.id());

            assertThat(kit.tokens.findById(WORKSPACE, mine.token().id())).isEmpty();
            assertThat(kit.directory.principals.findById(WORKSPACE, mine.token().owner()))
                    .isEmpty();
            assertThat(kit.tokens.findById(WORKSPACE, theirs.token().id())).isPresent();
            assertThat(kit.audit.eventsWith(AuditAction.GROUP_DELETED).get(0).details())
                    .containsEntry(
                            "group_tokens_deleted", "[" + mine.token().id().value() + "]");
        }
    }
}
