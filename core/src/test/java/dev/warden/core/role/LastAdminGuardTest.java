package dev.warden.core.role;

import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.directory.UserDetails;
import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.Principals;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.testkit.CoreTestKit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LastAdminGuardTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final LastAdminGuard guard = kit.lastAdmin;
    private final Principal admin = kit.admin;

    /** Someone else who may change the directory and roles, without being an admin: nobody acts on itself here. */
    private Actor operator() {
        Role operators = kit.directory.roles.save(Role.custom(
                WORKSPACE,
                "operators",
                "",
                Set.of(Permission.SCIM_READ, Permission.SCIM_WRITE, Permission.ROLES_READ, Permission.ROLES_WRITE)));
        Principal operator =
                kit.user("operator-" + kit.directory.principals.all().size());
        kit.directory.assignments.add(RoleAssignment.toPrincipal(WORKSPACE, operators.id(), operator.id(), null));
        return Principals.actor(operator);
    }

    /** The change is refused as leaving no admin, and every fake (audit and tokens included) is as before. */
    private void assertRefusedWithoutTrace(ThrowingCallable change) {
        Map<String, Object> before = kit.state();
        int rollbacks = kit.tx.rollbackCount();

        assertThatThrownBy(change)
                .isInstanceOf(InvalidStateException.class)
                .hasMessageContaining("without an active workspace admin")
                .hasMessageContaining("workspace admin first");

        assertThat(kit.tx.rollbackCount()).isEqualTo(rollbacks + 1);
        assertThat(kit.state()).isEqualTo(before);
        assertThat(guard.activeWorkspaceAdmins(WORKSPACE)).isNotEmpty();
    }

    @Nested
    class CountingActiveWorkspaceAdmins {
        @Test
        void countsAPrincipalHoldingTheRoleDirectly() {
            assertThat(guard.activeWorkspaceAdmins(WORKSPACE)).containsExactly(admin.id());
        }

        @Test
        void countsTheActiveMembersOfAGroupHoldingTheRole() {
            Principal alice = kit.user("alice");
            Principal bob = kit.user("bob");
            Principal inactive = kit.principalIn(
                    WORKSPACE, Principals.aUser("carol").inactive().build());
            Group admins = kit.group("admins", alice, bob, inactive);
            kit.assignToGroup(BuiltInRole.WORKSPACE_ADMIN, admins, null);

            assertThat(guard.activeWorkspaceAdmins(WORKSPACE))
                    .containsExactlyInAnyOrder(admin.id(), alice.id(), bob.id());
        }

        @Test
        void leavesOutInactivePrincipalsOtherRolesAndGroupScopedAdmins() {
            Principal inactiveAdmin = kit.principalIn(
                    WORKSPACE, Principals.aUser("old").inactive().build(), BuiltInRole.WORKSPACE_ADMIN);
            kit.user("auditor", BuiltInRole.AUDITOR, BuiltInRole.USER);
            Principal scoped = kit.user("scoped");
            kit.assign(BuiltInRole.WORKSPACE_ADMIN, scoped, kit.group("team"));

            assertThat(guard.activeWorkspaceAdmins(WORKSPACE))
                    .containsExactly(admin.id())
                    .doesNotContain(inactiveAdmin.id(), scoped.id());
        }

        @Test
        void looksOnlyAtTheGivenWorkspace() {
            assertThat(guard.activeWorkspaceAdmins(CoreTestKit.OTHER_WORKSPACE)).isEmpty();
            assertThatThrownBy(() -> guard.check(CoreTestKit.OTHER_WORKSPACE, "testing"))
                    .isInstanceOf(InvalidStateException.class)
                    .hasMessageStartingWith("Refused: testing would leave");
        }

        @Test
        void passesWhileAnActiveAdminRemains() {
            guard.check(WORKSPACE, "anything");

            kit.directory.principals.save(admin.withActive(false));

            assertThatThrownBy(() -> guard.check(WORKSPACE, "deactivating admin"))
                    .isInstanceOf(InvalidStateException.class)
                    .hasMessageContaining("deactivating admin");
        }
    }

    @Nested
    class WhenThePrincipalIsTheLastActiveAdmin {
        @Test
        void cannotBeDeactivated() {
            Actor operator = operator();
            assertRefusedWithoutTrace(
                    () -> kit.directoryService.setActive(operator, PrincipalKind.USER, admin.id(), false));
            assertThat(kit.directory
                            .principals
                            .findById(WORKSPACE, admin.id())
                            .orElseThrow()
                            .active())
                    .isTrue();
        }

        @Test
        void cannotBeDeactivatedThroughAReplace() {
            Actor operator = operator();
            assertRefusedWithoutTrace(() -> kit.directoryService.replaceUser(
                    operator, admin.id(), new UserDetails("admin", "Admin", null, null, null, null, false)));
        }

        @Test
        void cannotBeDeletedAndKeepsItsTokens() {
            kit.activeToken(admin);
            Actor operator = operator();

            assertRefusedWithoutTrace(() -> kit.directoryService.delete(operator, PrincipalKind.USER, admin.id()));
            assertThat(kit.tokens.listByOwner(WORKSPACE, admin.id())).hasSize(1);
        }

        @Test
        void cannotBeStrippedOfTheRole() {
            RoleAssignment adminRole = kit.directory
                    .assignments
                    .forAssignees(WORKSPACE, admin.id(), List.of())
                    .get(0);

            assertRefusedWithoutTrace(() -> kit.roleService.unassign(kit.asAdmin(), adminRole.id()));
            assertThat(kit.directory.assignments.findById(WORKSPACE, adminRole.id()))
                    .isPresent();
        }

        @Test
        void canLoseOtherRoles() {
            RoleAssignment user = kit.assign(BuiltInRole.USER, admin, null);

            kit.roleService.unassign(kit.asAdmin(), user.id());

            assertThat(kit.directory.assignments.findById(WORKSPACE, user.id())).isEmpty();
            assertThat(kit.audit.eventsWith(AuditAction.ROLE_UNASSIGNED)).hasSize(1);
        }
    }

    @Nested
    class WhenTheLastAdminHoldsTheRoleThroughAGroup {
        private final Principal alice = kit.user("alice");
        private final Group admins = kit.group("admins", alice);
        private final RoleAssignment groupAdminRole = kit.assignToGroup(BuiltInRole.WORKSPACE_ADMIN, admins, null);

        WhenTheLastAdminHoldsTheRoleThroughAGroup() {
            // alice, through the group, becomes the only admin
            RoleAssignment direct = kit.directory
                    .assignments
                    .forAssignees(WORKSPACE, admin.id(), List.of())
                    .get(0);
            kit.roleService.unassign(Principals.actor(alice), direct.id());
        }

        @Test
        void theGroupGrantsTheOnlyAdmin() {
            assertThat(guard.activeWorkspaceAdmins(WORKSPACE)).containsExactly(alice.id());
        }

        @Test
        void cannotBeRemovedFromTheGroup() {
            assertRefusedWithoutTrace(
                    () -> kit.groupService.removeMembers(Principals.actor(alice), admins.id(), List.of(alice.id())));
            assertThat(kit.members(admins)).containsExactly(alice.id());
        }

        @Test
        void cannotBeReplacedOutOfTheGroup() {
            Principal bob = kit.user("bob");

            assertRefusedWithoutTrace(() ->
                    kit.groupService.replace(Principals.actor(alice), admins.id(), "admins", null, List.of(bob.id())));
            assertThat(kit.members(admins)).containsExactly(alice.id());
        }

        @Test
        void theGroupCannotBeDeleted() {
            assertRefusedWithoutTrace(() -> kit.groupService.delete(Principals.actor(alice), admins.id()));
            assertThat(kit.directory.groups.findById(WORKSPACE, admins.id())).isPresent();
            assertThat(kit.directory.assignments.findById(WORKSPACE, groupAdminRole.id()))
                    .isPresent();
        }

        @Test
        void theGroupCannotBeStrippedOfTheRole() {
            assertRefusedWithoutTrace(() -> kit.roleService.unassign(Principals.actor(alice), groupAdminRole.id()));
        }

        @Test
        void theMemberCannotBeDeactivated() {
            Actor operator = operator();
            assertRefusedWithoutTrace(
                    () -> kit.directoryService.setActive(operator, PrincipalKind.USER, alice.id(), false));
        }

        @Test
        void anotherMemberMayLeaveOnceAliceIsNotAlone() {
            Principal bob = kit.user("bob");
            kit.groupService.addMembers(Principals.actor(alice), admins.id(), List.of(bob.id()));

            kit.groupService.removeMembers(Principals.actor(bob), admins.id(), List.of(alice.id()));

            assertThat(kit.members(admins)).containsExactly(bob.id());
            assertThat(guard.activeWorkspaceAdmins(WORKSPACE)).containsExactly(bob.id());
        }
    }

    @Nested
    class WithTwoActiveAdmins {
        private final Principal second = kit.user("second", BuiltInRole.WORKSPACE_ADMIN);

        @Test
        void deactivatingOneWorks() {
            Principal deactivated =
                    kit.directoryService.setActive(kit.asAdmin(), PrincipalKind.USER, second.id(), false);

            assertThat(deactivated.active()).isFalse();
            assertThat(kit.directory
                            .principals
                            .findById(WORKSPACE, second.id())
                            .orElseThrow()
                            .active())
                    .isFalse();
            assertThat(guard.activeWorkspaceAdmins(WORKSPACE)).containsExactly(admin.id());
            assertThat(kit.audit.eventsWith(AuditAction.PRINCIPAL_DEACTIVATED)).hasSize(1);
        }

        @Test
        void nobodyDeactivatesOrDeletesItselfEvenWhileAnotherAdminRemains() {
            Map<String, Object> before = kit.state();

            assertThatThrownBy(
                            () -> kit.directoryService.setActive(kit.asAdmin(), PrincipalKind.USER, admin.id(), false))
                    .isInstanceOf(InvalidStateException.class)
                    .hasMessageContaining("cannot deactivate itself");
            assertThatThrownBy(() -> kit.directoryService.delete(kit.asAdmin(), PrincipalKind.USER, admin.id()))
                    .isInstanceOf(InvalidStateException.class)
                    .hasMessageContaining("cannot delete itself");

            assertThat(kit.state()).isEqualTo(before);
            kit.directoryService.setActive(Principals.actor(second), PrincipalKind.USER, admin.id(), false);
            assertThat(guard.activeWorkspaceAdmins(WORKSPACE)).containsExactly(second.id());
        }

        @Test
        void adminsWhoCannotSignInDoNotCount() {
            Principal scimAdmin = kit.principalIn(
                    WORKSPACE, Principals.aUser("scim-admin").withoutPassword().build(), BuiltInRole.WORKSPACE_ADMIN);
            Principal robot = kit.principalIn(
                    WORKSPACE, Principals.aServicePrincipal("robot").build(), BuiltInRole.WORKSPACE_ADMIN);
            Principal technical = kit.principalIn(
                    WORKSPACE,
                    Principal.newTechnicalUser(WORKSPACE, "Organisation token"),
                    BuiltInRole.WORKSPACE_ADMIN);
            kit.directoryService.setActive(kit.asAdmin(), PrincipalKind.USER, second.id(), false);

            assertThat(guard.signInWorkspaceAdmins(WORKSPACE)).containsExactly(admin.id());
            assertThat(guard.activeWorkspaceAdmins(WORKSPACE))
                    .containsExactlyInAnyOrder(admin.id(), scimAdmin.id(), robot.id(), technical.id());
            assertRefusedWithoutTrace(() ->
                    kit.directoryService.setActive(Principals.actor(robot), PrincipalKind.USER, admin.id(), false));
        }

        @Test
        void deletingOneWorksButNotTheOtherAfterwards() {
            kit.directoryService.delete(kit.asAdmin(), PrincipalKind.USER, second.id());
            Actor operator = operator();

            assertThat(guard.activeWorkspaceAdmins(WORKSPACE)).containsExactly(admin.id());
            assertRefusedWithoutTrace(() -> kit.directoryService.delete(operator, PrincipalKind.USER, admin.id()));
        }

        @Test
        void anInactiveSecondAdminDoesNotCount() {
            kit.directory.principals.save(second.withActive(false));
            Actor operator = operator();

            assertRefusedWithoutTrace(
                    () -> kit.directoryService.setActive(operator, PrincipalKind.USER, admin.id(), false));
        }
    }
}
