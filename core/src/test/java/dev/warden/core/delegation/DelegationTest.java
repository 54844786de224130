package dev.warden.core.delegation;

import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.directory.DirectoryService;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupService;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleService;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.RevocationAuthority;
import dev.warden.core.token.TechnicalTokenService;
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
    private final CoreTestKit kit = new CoreTestKit();
    private final Actor admin = kit.asAdmin();
    private final RoleService roles = kit.roleService;
    private final GroupService groups = kit.groupService;
    private final DirectoryService directory = kit.directoryService;
    private final TechnicalTokenService technical = kit.technicalTokens;

    /** A user allowed to use tokens whose only role is a custom one of exactly these permissions. */
    private Principal holding(String name, Permission... permissions) {
        Principal holder = kit.allowTokens(kit.user(name));
        Role role = kit.directory.roles.save(Role.custom(WORKSPACE, name + "-role", "", Set.of(permissions)));
        kit.directory.assignments.add(RoleAssignment.toPrincipal(WORKSPACE, role.id(), holder.id(), null));
        return holder;
    }

    private PermissionDeniedException refusedWithoutTrace(String rule, Runnable change) {
        Map<String, Object> before = kit.state();
        PermissionDeniedException refused = catchThrowableOfType(PermissionDeniedException.class, change::run);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.reason()).isEqualTo(rule);
        assertThat(kit.state()).as("nothing changed").isEqualTo(before);
        return refused;
    }

    private static CreateTokenCommand scopes(String... scopes) {
        return new CreateTokenCommand("t", Duration.ofDays(1), List.of(scopes));
    }

    @Nested
    class WhoeverReceivesASecretHoldsWhatItCanDo {
        private final Principal manager = holding(
                "manager",
                Permission.TOKENS_READ,
                Permission.TOKENS_WRITE,
                Permission.TOKEN_MANAGEMENT_READ,
                Permission.TOKEN_MANAGEMENT_WRITE);

        @Test
        void rotatingAnAdminsTokenIsRefusedNamingWhatTheRotatorLacks() {
            AccessToken adminsToken = kit.tokenService.create(admin, scopes()).token();

            PermissionDeniedException refused = refusedWithoutTrace(
                    PermissionDeniedException.SECRET_BEYOND_ACTOR,
                    () -> kit.tokenManagement.rotate(as(manager), adminsToken.id(), Duration.ZERO));

            assertThat(refused.getMessage())
                    .contains("manager does not hold")
                    .contains("settings:write")
                    .contains("which this token can exercise");
        }

        @Test
        void rotatingATokenWhosePowerTheRotatorHoldsIsFine() {
            Principal alice = kit.allowTokens(kit.user("alice", BuiltInRole.USER));
            AccessToken narrow =
                    kit.tokenService.create(as(alice), scopes("tokens:read")).token();

            IssuedToken rotated = kit.tokenManagement.rotate(as(manager), narrow.id(), Duration.ZERO);

            assertThat(rotated.token().id()).isEqualTo(narrow.id());
            assertThat(kit.audit.eventsWith(AuditAction.TOKEN_ROTATED)).hasSize(1);
        }

        @Test
        void aRotatorThatMayNotUseTokensGetsNoSecret() {
            Principal alice = kit.allowTokens(kit.user("alice", BuiltInRole.USER));
            AccessToken token =
                    kit.tokenService.create(as(alice), scopes("tokens:read")).token();
            Principal noUsage = kit.user("no-usage");
            Role managers = kit.directory.roles.save(Role.custom(
                    WORKSPACE, "managers", "", Set.of(Permission.TOKENS_READ, Permission.TOKEN_MANAGEMENT_WRITE)));
            kit.directory.assignments.add(RoleAssignment.toPrincipal(WORKSPACE, managers.id(), noUsage.id(), null));

            PermissionDeniedException refused = refusedWithoutTrace(
                    PermissionDeniedException.SECRET_BEYOND_ACTOR,
                    () -> kit.tokenManagement.rotate(as(noUsage), token.id(), Duration.ZERO));

            assertThat(refused.getMessage()).contains("may not use tokens");
        }

        @Test
        void aTokenForAServicePrincipalThatHoldsMoreThanTheCreatorIsRefused() {
            Principal robot = kit.allowTokens(kit.save(
                    Principal.newServicePrincipal(WORKSPACE, "0b7c3a52-6f0e-4f2a-9d8e-1c2b3a4d5e6f", "robot"),
                    BuiltInRole.WORKSPACE_ADMIN));

            refusedWithoutTrace(
                    PermissionDeniedException.SECRET_BEYOND_ACTOR,
                    () -> kit.tokenManagement.createOnBehalfOf(as(manager), robot.applicationId(), scopes()));

            IssuedToken narrow =
                    kit.tokenManagement.createOnBehalfOf(as(manager), robot.applicationId(), scopes("tokens:read"));
            assertThat(narrow.token().owner()).isEqualTo(robot.id());
        }

        @Test
        void restoringBringsTheSecretBackSoTheRestorerHoldsWhatItCanDoNow() {
            Principal alice = kit.allowTokens(kit.user("alice", BuiltInRole.USER));
            AccessToken token = kit.tokenService.create(as(alice), scopes()).token();
            kit.tokenManagement.revoke(admin, token.id());

            refusedWithoutTrace(
                    PermissionDeniedException.SECRET_BEYOND_ACTOR,
                    () -> kit.tokenManagement.restore(as(manager), token.id()));
            assertThat(kit.tokenService.allows(
                            as(manager),
                            TokenAction.RESTORE,
                            kit.tokens.findById(WORKSPACE, token.id()).orElseThrow(),
                            TokenTarget.managed(token.id())))
                    .isFalse();

            kit.tokenManagement.restore(admin, token.id());
            assertThat(kit.tokens.findById(WORKSPACE, token.id()).orElseThrow().isRevoked())
                    .isFalse();
        }
    }

    @Nested
    class ARevocationKeepsItsAuthority {
        private final Principal alice = kit.allowTokens(kit.user("alice", BuiltInRole.USER));
        private final AccessToken token =
                kit.tokenService.create(as(alice), scopes()).token();

        @Test
        void anOwnerDoesNotRestoreWhatAnAdminRevoked() {
            AccessToken revoked = kit.tokenManagement.revoke(admin, token.id());
            assertThat(revoked.revocationAuthority()).isEqualTo(RevocationAuthority.ADMIN);
            assertThat(revoked.revokedBy()).isEqualTo(kit.admin.id());

            refusedWithoutTrace(
                    PermissionDeniedException.REVOCATION_AUTHORITY,
                    () -> kit.tokenService.restore(as(alice), token.id()));
            assertThat(kit.tokenService.allows(
                            as(alice),
                            TokenAction.RESTORE,
                            kit.tokens.findById(WORKSPACE, token.id()).orElseThrow(),
                            TokenTarget.own(token.id())))
                    .isFalse();
        }

        @Test
        void anOwnerRestoresWhatItRevokedItself() {
            kit.tokenService.revoke(as(alice), token.id());

            assertThat(kit.tokenService.restore(as(alice), token.id()).isRevoked())
                    .isFalse();
        }

        @Test
        void aSecondRevokeRecordsNothingUnlessItRaisesTheAuthority() {
            kit.tokenService.revoke(as(alice), token.id());
            kit.tokenService.revoke(as(alice), token.id());
            assertThat(kit.audit.eventsWith(AuditAction.TOKEN_REVOKED)).hasSize(1);

            AccessToken raised = kit.tokenManagement.revoke(admin, token.id());

            assertThat(raised.revocationAuthority()).isEqualTo(RevocationAuthority.ADMIN);
            assertThat(kit.audit.eventsWith(AuditAction.TOKEN_REVOKED)).hasSize(2);
            refusedWithoutTrace(
                    PermissionDeniedException.REVOCATION_AUTHORITY,
                    () -> kit.tokenService.restore(as(alice), token.id()));
        }

        @Test
        void aGroupAdminDoesNotUndoAnIncident() {
            Group team = kit.group("team");
            Principal lead = kit.allowTokens(kit.user("lead"));
            kit.directory.assignments.add(RoleAssignment.toPrincipal(
                    WORKSPACE,
                    kit.directory
                            .roles
                            .builtIn(WORKSPACE, BuiltInRole.GROUP_ADMIN)
                            .id(),
                    lead.id(),
                    team.id()));
            IssuedToken groupToken =
                    technical.createGroupToken(as(lead), team.id(), scopes("scim:read"), "group-member");
            kit.tokenManagement.bulkRevoke(
                    admin, dev.warden.core.token.TokenFilter.ofGroup(team.id(), kit.clock.instant()), "leaked");

            refusedWithoutTrace(
                    PermissionDeniedException.REVOCATION_AUTHORITY,
                    () -> technical.restore(
                            as(lead), team.id(), groupToken.token().id()));

            technical.restore(admin, team.id(), groupToken.token().id());
        }
    }

    @Nested
    class NobodyGrantsWhatTheyDoNotHold {
        private final Principal roleWriter = holding("role-writer", Permission.ROLES_READ, Permission.ROLES_WRITE);

        @Test
        void rolesWriteAloneCannotAssignWorkspaceAdminToItself() {
            Role workspaceAdmin = kit.directory.roles.builtIn(WORKSPACE, BuiltInRole.WORKSPACE_ADMIN);

            PermissionDeniedException refused = refusedWithoutTrace(
                    PermissionDeniedException.GRANT_BEYOND_ACTOR,
                    () -> roles.assign(as(roleWriter), workspaceAdmin.id(), roleWriter.id(), null, null));

            assertThat(refused.getMessage()).contains("settings:write").contains("workspace-admin");
        }

        @Test
        void aRoleNobodyHoldsMayBeDefinedButNotTakenNorWidenedOnceHeld() {
            Role everything = roles.create(as(roleWriter), "everything", null, Set.copyOf(Permission.warden()));

            refusedWithoutTrace(
                    PermissionDeniedException.GRANT_BEYOND_ACTOR,
                    () -> roles.assign(as(roleWriter), everything.id(), roleWriter.id(), null, null));
            Role own = kit.directory
                    .roles
                    .findByName(WORKSPACE, "role-writer-role")
                    .orElseThrow();
            refusedWithoutTrace(
                    PermissionDeniedException.GRANT_BEYOND_ACTOR,
                    () -> roles.update(
                            as(roleWriter),
                            own.id(),
                            null,
                            null,
                            Set.of(Permission.ROLES_READ, Permission.ROLES_WRITE, Permission.AUDIT_READ)));
        }

        @Test
        void aGrantWithinWhatTheGranterHoldsIsFine() {
            Role readers = roles.create(as(roleWriter), "readers", null, Set.of(Permission.ROLES_READ));
            Principal bob = kit.user("bob");

            roles.assign(as(roleWriter), readers.id(), bob.id(), null, null);

            assertThat(kit.resolver.of(WORKSPACE, bob.id()).holds(Permission.ROLES_READ))
                    .isTrue();
        }

        @Test
        void workspaceAdminAlsoCarriesTokenUsageCanManage() {
            Principal everything = holding("all-but-manage", Permission.warden().toArray(Permission[]::new));
            Role workspaceAdmin = kit.directory.roles.builtIn(WORKSPACE, BuiltInRole.WORKSPACE_ADMIN);
            Principal bob = kit.user("bob");

            PermissionDeniedException refused = refusedWithoutTrace(
                    PermissionDeniedException.GRANT_BEYOND_ACTOR,
                    () -> roles.assign(as(everything), workspaceAdmin.id(), bob.id(), null, null));

            assertThat(refused.getMessage()).contains("CAN_MANAGE");
        }

        @Test
        void aGroupAdminCannotAddItselfToAGroupThatCarriesMore() {
            Group admins = kit.group("admins");
            Group team = kit.group("team");
            kit.directory.assignments.add(RoleAssignment.toGroup(
                    WORKSPACE,
                    kit.directory
                            .roles
                            .builtIn(WORKSPACE, BuiltInRole.WORKSPACE_ADMIN)
                            .id(),
                    admins.id(),
                    null));
            Principal lead = kit.user("lead");
            kit.directory.assignments.add(RoleAssignment.toPrincipal(
                    WORKSPACE,
                    kit.directory
                            .roles
                            .builtIn(WORKSPACE, BuiltInRole.GROUP_ADMIN)
                            .id(),
                    lead.id(),
                    admins.id()));
            kit.acl.replace(WORKSPACE, List.of(TokenUsageEntry.forGroup(team.id(), TokenUsageLevel.CAN_USE)));
            kit.directory.assignments.add(RoleAssignment.toPrincipal(
                    WORKSPACE,
                    kit.directory
                            .roles
                            .builtIn(WORKSPACE, BuiltInRole.GROUP_ADMIN)
                            .id(),
                    lead.id(),
                    team.id()));

            refusedWithoutTrace(
                    PermissionDeniedException.GRANT_BEYOND_ACTOR,
                    () -> groups.addMembers(as(lead), admins.id(), List.of(lead.id())));
            PermissionDeniedException usage = refusedWithoutTrace(
                    PermissionDeniedException.GRANT_BEYOND_ACTOR,
                    () -> groups.addMembers(as(lead), team.id(), List.of(lead.id())));
            assertThat(usage.getMessage()).contains("token usage CAN_USE");
        }

        /** CAN_MANAGE is no delegation question: it comes only with the workspace-admin role, so nobody grants it. */
        @Test
        void tokenUsageIsGrantedAsCanUseOnly() {
            Principal permissionsWriter =
                    holding("perm-writer", Permission.PERMISSIONS_READ, Permission.PERMISSIONS_WRITE);
            Principal bob = kit.user("bob");

            assertThatThrownBy(() -> kit.tokenUsageService.patch(
                            as(permissionsWriter),
                            List.of(TokenUsageEntry.forPrincipal(bob.id(), TokenUsageLevel.CAN_MANAGE))))
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessageContaining("reserved for workspace admins");
            assertThat(kit.usage.mayUseTokens(bob)).isFalse();

            kit.tokenUsageService.patch(
                    as(permissionsWriter), List.of(TokenUsageEntry.forPrincipal(bob.id(), TokenUsageLevel.CAN_USE)));
            assertThat(kit.usage.mayUseTokens(bob)).isTrue();
        }

        @Test
        void reactivatingAPrincipalGivesBackItsRolesSoTheActorHoldsThem() {
            Principal operator = holding("operator", Permission.SCIM_READ, Permission.SCIM_WRITE);
            Principal formerAdmin = kit.user("former-admin", BuiltInRole.WORKSPACE_ADMIN);
            directory.setActive(admin, PrincipalKind.USER, formerAdmin.id(), false);

            PermissionDeniedException refused = refusedWithoutTrace(
                    PermissionDeniedException.GRANT_BEYOND_ACTOR,
                    () -> directory.setActive(as(operator), PrincipalKind.USER, formerAdmin.id(), true));

            assertThat(refused.getMessage()).contains("Reactivating former-admin");
            assertThat(directory
                            .setActive(admin, PrincipalKind.USER, formerAdmin.id(), true)
                            .active())
                    .isTrue();
        }
    }
}
