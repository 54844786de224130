package dev.warden.core.delegation;

import dev.warden.core.testkit.AdministrationFixture;
import dev.warden.core.token.TechnicalTokenService;

import static dev.warden.core.testkit.AdministrationFixture.WORKSPACE;
import static dev.warden.core.testkit.AdministrationFixture.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.directory.DirectoryService;
import dev.warden.core.group.GroupService;
import dev.warden.core.role.RoleService;
import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.RevocationAuthority;
import dev.warden.core.token.TokenAction;
import dev.warden.core.token.TokenTarget;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * DESIGN "Delegation", one invariant at a time, over the in-memory fakes: whoever receives a secret holds what it can
 * do; nobody grants what they do not hold; a revocation keeps its authority. Each refusal names its rule and leaves
 * every fake as it was.
 */
class DelegationTest {
    private final AdministrationFixture fixture = new AdministrationFixture();
    private final Actor admin = fixture.asAdmin();
    private final RoleService roles = new RoleService(fixture.directory.roles, fixture.directory.assignments,
            fixture.directory.principals, fixture.directory.groups, fixture.access, fixture.directoryPolicy,
            fixture.lastAdmin, fixture.audit, fixture.tx, fixture.clock);
    private final GroupService groups = new GroupService(fixture.directory.groups, fixture.directory.principals, fixture.tokens,
                new GroupPolicy(fixture.access, fixture.directoryPolicy, fixture.lastAdmin), fixture.audit, fixture.tx, fixture.clock);
    private final DirectoryService directory = new DirectoryService(fixture.directory.principals,
            fixture.directory.roles, fixture.directory.assignments, fixture.tokens, fixture.access,
            fixture.directoryPolicy, fixture.lastAdmin, fixture.audit, fixture.tx, fixture.clock);
    private final TechnicalTokenService technical = new TechnicalTokenService(fixture.tokenService,
            fixture.directoryPolicy, fixture.tokens, fixture.directory.principals, fixture.directory.groups,
            fixture.directory.roles, fixture.directory.assignments, fixture.access, fixture.audit, fixture.tx,
            fixture.clock);

    /** A user allowed to use tokens whose only role is a custom one of exactly these permissions. */
    private Principal holding(String name, Permission... permissions) {
        Principal holder = fixture.allowTokens(fixture.user(name));
        Role role = fixture.directory.roles.save(Role.custom(WORKSPACE, name + "-role", "", Set.of(permissions)));
        fixture.directory.assignments.add(RoleAssignment.toPrincipal(WORKSPACE, role.id(), holder.id(), null));
        return holder;
    }

    private PermissionDeniedException refusedWithoutTrace(String rule, Runnable change) {
        Map<String, Object> before = fixture.state();
        PermissionDeniedException refused = catchThrowableOfType(PermissionDeniedException.class, change::run);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.reason()).isEqualTo(rule);
        assertThat(fixture.state()).as("nothing changed").isEqualTo(before);
        return refused;
    }

    private static CreateTokenCommand scopes(String... scopes) {
        return new CreateTokenCommand("t", Duration.ofDays(1), List.of(scopes));
    }

    @Nested
    class WhoeverReceivesASecretHoldsWhatItCanDo {
        private final Principal manager = holding("manager", Permission.TOKENS_READ, Permission.TOKENS_WRITE,
                Permission.TOKEN_MANAGEMENT_READ, Permission.TOKEN_MANAGEMENT_WRITE);

        @Test
        void rotatingAnAdminsTokenIsRefusedNamingWhatTheRotatorLacks() {
            AccessToken adminsToken = fixture.tokenService.create(admin, scopes()).token();

            PermissionDeniedException refused = refusedWithoutTrace(PermissionDeniedException.SECRET_BEYOND_ACTOR,
                    () -> fixture.tokenManagement.rotate(as(manager), adminsToken.id(), Duration.ZERO));

            assertThat(refused.getMessage()).contains("manager does not hold").contains("settings:write")
                    .contains("which this token can exercise");
        }

        @Test
        void rotatingATokenWhosePowerTheRotatorHoldsIsFine() {
            Principal alice = fixture.allowTokens(fixture.user("alice", BuiltInRole.USER));
            AccessToken narrow = fixture.tokenService.create(as(alice), scopes("tokens:read")).token();

            IssuedToken rotated = fixture.tokenManagement.rotate(as(manager), narrow.id(), Duration.ZERO);

            assertThat(rotated.token().id()).isEqualTo(narrow.id());
            assertThat(fixture.audit.eventsWith(AuditAction.TOKEN_ROTATED)).hasSize(1);
        }

        @Test
        void aRotatorThatMayNotUseTokensGetsNoSecret() {
            Principal alice = fixture.allowTokens(fixture.user("alice", BuiltInRole.USER));
            AccessToken token = fixture.tokenService.create(as(alice), scopes("tokens:read")).token();
            Principal noUsage = fixture.user("no-usage");
            Role managers = fixture.directory.roles.save(Role.custom(WORKSPACE, "managers", "",
                    Set.of(Permission.TOKENS_READ, Permission.TOKEN_MANAGEMENT_WRITE)));
            fixture.directory.assignments.add(RoleAssignment.toPrincipal(WORKSPACE, managers.id(), noUsage.id(), null));

            PermissionDeniedException refused = refusedWithoutTrace(PermissionDeniedException.SECRET_BEYOND_ACTOR,
                    () -> fixture.tokenManagement.rotate(as(noUsage), token.id(), Duration.ZERO));

            assertThat(refused.getMessage()).contains("may not use tokens");
        }

        @Test
        void aTokenForAServicePrincipalThatHoldsMoreThanTheCreatorIsRefused() {
            Principal robot = fixture.allowTokens(fixture.save(Principal.newServicePrincipal(WORKSPACE,
                    "0b7c3a52-6f0e-4f2a-9d8e-1c2b3a4d5e6f", "robot"), BuiltInRole.WORKSPACE_ADMIN));

            refusedWithoutTrace(PermissionDeniedException.SECRET_BEYOND_ACTOR,
                    () -> fixture.tokenManagement.createOnBehalfOf(as(manager), robot.applicationId(), scopes()));

            IssuedToken narrow = fixture.tokenManagement.createOnBehalfOf(as(manager), robot.applicationId(),
                    scopes("tokens:read"));
            assertThat(narrow.token().owner()).isEqualTo(robot.id());
        }

        @Test
        void restoringBringsTheSecretBackSoTheRestorerHoldsWhatItCanDoNow() {
            Principal alice = fixture.allowTokens(fixture.user("alice", BuiltInRole.USER));
            AccessToken token = fixture.tokenService.create(as(alice), scopes()).token();
            fixture.tokenManagement.revoke(admin, token.id());

            refusedWithoutTrace(PermissionDeniedException.SECRET_BEYOND_ACTOR,
                    () -> fixture.tokenManagement.restore(as(manager), token.id()));
            assertThat(fixture.tokenService.allows(as(manager), TokenAction.RESTORE,
                    fixture.tokens.findById(WORKSPACE, token.id()).orElseThrow(), TokenTarget.managed(token.id())))
                    .isFalse();

            fixture.tokenManagement.restore(admin, token.id());
            assertThat(fixture.tokens.findById(WORKSPACE, token.id()).orElseThrow().isRevoked()).isFalse();
        }
    }

    @Nested
    class ARevocationKeepsItsAuthority {
        private final Principal alice = fixture.allowTokens(fixture.user("alice", BuiltInRole.USER));
        private final AccessToken token = fixture.tokenService.create(as(alice), scopes()).token();

        @Test
        void anOwnerDoesNotRestoreWhatAnAdminRevoked() {
            AccessToken revoked = fixture.tokenManagement.revoke(admin, token.id());
            assertThat(revoked.revocationAuthority()).isEqualTo(RevocationAuthority.ADMIN);
            assertThat(revoked.revokedBy()).isEqualTo(fixture.admin.id());

            refusedWithoutTrace(PermissionDeniedException.REVOCATION_AUTHORITY,
                    () -> fixture.tokenService.restore(as(alice), token.id()));
            assertThat(fixture.tokenService.allows(as(alice), TokenAction.RESTORE,
                    fixture.tokens.findById(WORKSPACE, token.id()).orElseThrow(), TokenTarget.own(token.id())))
                    .isFalse();
        }

        @Test
        void anOwnerRestoresWhatItRevokedItself() {
            fixture.tokenService.revoke(as(alice), token.id());

            assertThat(fixture.tokenService.restore(as(alice), token.id()).isRevoked()).isFalse();
        }

        @Test
        void aSecondRevokeRecordsNothingUnlessItRaisesTheAuthority() {
            fixture.tokenService.revoke(as(alice), token.id());
            fixture.tokenService.revoke(as(alice), token.id());
            assertThat(fixture.audit.eventsWith(AuditAction.TOKEN_REVOKED)).hasSize(1);

            AccessToken raised = fixture.tokenManagement.revoke(admin, token.id());

            assertThat(raised.revocationAuthority()).isEqualTo(RevocationAuthority.ADMIN);
            assertThat(fixture.audit.eventsWith(AuditAction.TOKEN_REVOKED)).hasSize(2);
            refusedWithoutTrace(PermissionDeniedException.REVOCATION_AUTHORITY,
                    () -> fixture.tokenService.restore(as(alice), token.id()));
        }

        @Test
        void aGroupAdminDoesNotUndoAnIncident() {
            Group team = fixture.group("team");
            Principal lead = fixture.allowTokens(fixture.user("lead"));
            fixture.directory.assignments.add(RoleAssignment.toPrincipal(WORKSPACE,
                    fixture.directory.roles.builtIn(WORKSPACE, BuiltInRole.GROUP_ADMIN).id(), lead.id(), team.id()));
            IssuedToken groupToken = technical.createGroupToken(as(lead), team.id(), scopes("scim:read"),
                    "group-member");
            fixture.tokenManagement.bulkRevoke(admin, dev.warden.core.token.TokenFilter.ofGroup(team.id(),
                    fixture.clock.instant()), "leaked");

            refusedWithoutTrace(PermissionDeniedException.REVOCATION_AUTHORITY,
                    () -> technical.restore(as(lead), team.id(), groupToken.token().id()));

            technical.restore(admin, team.id(), groupToken.token().id());
        }
    }

    @Nested
    class NobodyGrantsWhatTheyDoNotHold {
        private final Principal roleWriter = holding("role-writer", Permission.ROLES_READ, Permission.ROLES_WRITE);

        @Test
        void rolesWriteAloneCannotAssignWorkspaceAdminToItself() {
            Role workspaceAdmin = fixture.directory.roles.builtIn(WORKSPACE, BuiltInRole.WORKSPACE_ADMIN);

            PermissionDeniedException refused = refusedWithoutTrace(PermissionDeniedException.GRANT_BEYOND_ACTOR,
                    () -> roles.assign(as(roleWriter), workspaceAdmin.id(), roleWriter.id(), null, null));

            assertThat(refused.getMessage()).contains("settings:write").contains("workspace-admin");
        }

        @Test
        void aRoleNobodyHoldsMayBeDefinedButNotTakenNorWidenedOnceHeld() {
            Role everything = roles.create(as(roleWriter), "everything", null, Set.of(Permission.values()));

            refusedWithoutTrace(PermissionDeniedException.GRANT_BEYOND_ACTOR,
                    () -> roles.assign(as(roleWriter), everything.id(), roleWriter.id(), null, null));
            Role own = fixture.directory.roles.findByName(WORKSPACE, "role-writer-role").orElseThrow();
            refusedWithoutTrace(PermissionDeniedException.GRANT_BEYOND_ACTOR, () -> roles.update(as(roleWriter),
                    own.id(), null, null, Set.of(Permission.ROLES_READ, Permission.ROLES_WRITE, Permission.AUDIT_READ)));
        }

        @Test
        void aGrantWithinWhatTheGranterHoldsIsFine() {
            Role readers = roles.create(as(roleWriter), "readers", null, Set.of(Permission.ROLES_READ));
            Principal bob = fixture.user("bob");

            roles.assign(as(roleWriter), readers.id(), bob.id(), null, null);

            assertThat(fixture.resolver.of(WORKSPACE, bob.id()).holds(Permission.ROLES_READ)).isTrue();
        }

        @Test
        void workspaceAdminAlsoCarriesTokenUsageCanManage() {
            Principal everything = holding("all-but-manage", Permission.values());
            Role workspaceAdmin = fixture.directory.roles.builtIn(WORKSPACE, BuiltInRole.WORKSPACE_ADMIN);
            Principal bob = fixture.user("bob");

            PermissionDeniedException refused = refusedWithoutTrace(PermissionDeniedException.GRANT_BEYOND_ACTOR,
                    () -> roles.assign(as(everything), workspaceAdmin.id(), bob.id(), null, null));

            assertThat(refused.getMessage()).contains("CAN_MANAGE");
        }

        @Test
        void aGroupAdminCannotAddItselfToAGroupThatCarriesMore() {
            Group admins = fixture.group("admins");
            Group team = fixture.group("team");
            fixture.directory.assignments.add(RoleAssignment.toGroup(WORKSPACE,
                    fixture.directory.roles.builtIn(WORKSPACE, BuiltInRole.WORKSPACE_ADMIN).id(), admins.id(), null));
            Principal lead = fixture.user("lead");
            fixture.directory.assignments.add(RoleAssignment.toPrincipal(WORKSPACE,
                    fixture.directory.roles.builtIn(WORKSPACE, BuiltInRole.GROUP_ADMIN).id(), lead.id(), admins.id()));
            fixture.acl.replace(WORKSPACE, List.of(TokenUsageEntry.forGroup(team.id(), TokenUsageLevel.CAN_USE)));
            fixture.directory.assignments.add(RoleAssignment.toPrincipal(WORKSPACE,
                    fixture.directory.roles.builtIn(WORKSPACE, BuiltInRole.GROUP_ADMIN).id(), lead.id(), team.id()));

            refusedWithoutTrace(PermissionDeniedException.GRANT_BEYOND_ACTOR,
                    () -> groups.addMembers(as(lead), admins.id(), List.of(lead.id())));
            PermissionDeniedException usage = refusedWithoutTrace(PermissionDeniedException.GRANT_BEYOND_ACTOR,
                    () -> groups.addMembers(as(lead), team.id(), List.of(lead.id())));
            assertThat(usage.getMessage()).contains("token usage CAN_USE");
        }

        @Test
        void tokenUsageIsGrantedOnlyUpToTheGrantersOwnLevel() {
            Principal permissionsWriter = holding("perm-writer", Permission.PERMISSIONS_READ,
                    Permission.PERMISSIONS_WRITE);
            Principal bob = fixture.user("bob");

            refusedWithoutTrace(PermissionDeniedException.GRANT_BEYOND_ACTOR, () -> fixture.tokenUsageService.patch(
                    as(permissionsWriter), List.of(TokenUsageEntry.forPrincipal(bob.id(), TokenUsageLevel.CAN_MANAGE))));

            fixture.tokenUsageService.patch(as(permissionsWriter),
                    List.of(TokenUsageEntry.forPrincipal(bob.id(), TokenUsageLevel.CAN_USE)));
            assertThat(fixture.usage.mayUseTokens(bob)).isTrue();
        }

        @Test
        void reactivatingAPrincipalGivesBackItsRolesSoTheActorHoldsThem() {
            Principal operator = holding("operator", Permission.SCIM_READ, Permission.SCIM_WRITE);
            Principal formerAdmin = fixture.user("former-admin", BuiltInRole.WORKSPACE_ADMIN);
            directory.setActive(admin, PrincipalKind.USER, formerAdmin.id(), false);

            PermissionDeniedException refused = refusedWithoutTrace(PermissionDeniedException.GRANT_BEYOND_ACTOR,
                    () -> directory.setActive(as(operator), PrincipalKind.USER, formerAdmin.id(), true));

            assertThat(refused.getMessage()).contains("Reactivating former-admin");
            assertThat(directory.setActive(admin, PrincipalKind.USER, formerAdmin.id(), true).active()).isTrue();
        }
    }
}
