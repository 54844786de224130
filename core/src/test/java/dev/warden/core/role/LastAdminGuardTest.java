package dev.warden.core.role;

import dev.warden.core.directory.UserDetails;
import dev.warden.core.testkit.DirectoryFixture;

import static dev.warden.core.testkit.DirectoryFixture.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.Principals;
import dev.warden.core.shared.InvalidStateException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LastAdminGuardTest {
    private final DirectoryFixture fixture = new DirectoryFixture();
    private final LastAdminGuard guard = fixture.lastAdmin;
    private final Principal admin = fixture.admin;

    /** Someone else who may change the directory and roles, without being an admin: nobody acts on itself here. */
    private Actor operator() {
        Role operators = fixture.directory.roles.save(Role.custom(WORKSPACE, "operators", "", Set.of(
                Permission.SCIM_READ, Permission.SCIM_WRITE, Permission.ROLES_READ, Permission.ROLES_WRITE)));
        Principal operator = fixture.user("operator-" + fixture.directory.principals.all().size());
        fixture.directory.assignments.add(RoleAssignment.toPrincipal(WORKSPACE, operators.id(), operator.id(), null));
        return Principals.actor(operator);
    }

    /** The change is refused as leaving no admin, and every fake (audit and tokens included) is as before. */
    private void assertRefusedWithoutTrace(ThrowingCallable change) {
        Map<String, Object> before = fixture.state();
        int rollbacks = fixture.tx.rollbackCount();

        assertThatThrownBy(change).isInstanceOf(InvalidStateException.class)
                .hasMessageContaining("without an active workspace admin")
                .hasMessageContaining("workspace admin first");

        assertThat(fixture.tx.rollbackCount()).isEqualTo(rollbacks + 1);
        assertThat(fixture.state()).isEqualTo(before);
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
            Principal alice = fixture.user("alice");
            Principal bob = fixture.user("bob");
            Principal inactive = fixture.principalIn(WORKSPACE, Principals.aUser("carol").inactive().build());
            Group admins = fixture.group("admins", alice, bob, inactive);
            fixture.assignToGroup(BuiltInRole.WORKSPACE_ADMIN, admins, null);

            assertThat(guard.activeWorkspaceAdmins(WORKSPACE)).containsExactlyInAnyOrder(admin.id(), alice.id(), bob.id());
        }

        @Test
        void leavesOutInactivePrincipalsOtherRolesAndGroupScopedAdmins() {
            Principal inactiveAdmin = fixture.principalIn(WORKSPACE, Principals.aUser("old").inactive().build(),
                    BuiltInRole.WORKSPACE_ADMIN);
            fixture.user("auditor", BuiltInRole.AUDITOR, BuiltInRole.USER);
            Principal scoped = fixture.user("scoped");
            fixture.assign(BuiltInRole.WORKSPACE_ADMIN, scoped, fixture.group("team"));

            assertThat(guard.activeWorkspaceAdmins(WORKSPACE)).containsExactly(admin.id())
                    .doesNotContain(inactiveAdmin.id(), scoped.id());
        }

        @Test
        void looksOnlyAtTheGivenWorkspace() {
            assertThat(guard.activeWorkspaceAdmins(DirectoryFixture.OTHER_WORKSPACE)).isEmpty();
            assertThatThrownBy(() -> guard.check(DirectoryFixture.OTHER_WORKSPACE, "testing"))
                    .isInstanceOf(InvalidStateException.class).hasMessageStartingWith("Refused: testing would leave");
        }

        @Test
        void passesWhileAnActiveAdminRemains() {
            guard.check(WORKSPACE, "anything");

            fixture.directory.principals.save(admin.withActive(false));

            assertThatThrownBy(() -> guard.check(WORKSPACE, "deactivating admin"))
                    .isInstanceOf(InvalidStateException.class).hasMessageContaining("deactivating admin");
        }
    }

    @Nested
    class WhenThePrincipalIsTheLastActiveAdmin {
        @Test
        void cannotBeDeactivated() {
            Actor operator = operator();
            assertRefusedWithoutTrace(() -> fixture.directoryService.setActive(operator, PrincipalKind.USER,
                    admin.id(), false));
            assertThat(fixture.directory.principals.findById(WORKSPACE, admin.id()).orElseThrow().active()).isTrue();
        }

        @Test
        void cannotBeDeactivatedThroughAReplace() {
            Actor operator = operator();
            assertRefusedWithoutTrace(() -> fixture.directoryService.replaceUser(operator, admin.id(),
                    new UserDetails("admin", "Admin", null, null, null, null, false)));
        }

        @Test
        void cannotBeDeletedAndKeepsItsTokens() {
            fixture.tokenOf(admin);
            Actor operator = operator();

            assertRefusedWithoutTrace(() -> fixture.directoryService.delete(operator, PrincipalKind.USER,
                    admin.id()));
            assertThat(fixture.tokens.listByOwner(WORKSPACE, admin.id())).hasSize(1);
        }

        @Test
        void cannotBeStrippedOfTheRole() {
            RoleAssignment adminRole = fixture.directory.assignments.forAssignees(WORKSPACE, admin.id(), List.of())
                    .get(0);

            assertRefusedWithoutTrace(() -> fixture.roleService.unassign(fixture.asAdmin(), adminRole.id()));
            assertThat(fixture.directory.assignments.findById(WORKSPACE, adminRole.id())).isPresent();
        }

        @Test
        void canLoseOtherRoles() {
            RoleAssignment user = fixture.assign(BuiltInRole.USER, admin, null);

            fixture.roleService.unassign(fixture.asAdmin(), user.id());

            assertThat(fixture.directory.assignments.findById(WORKSPACE, user.id())).isEmpty();
            assertThat(fixture.audit.eventsWith(AuditAction.ROLE_UNASSIGNED)).hasSize(1);
        }
    }

    @Nested
    class WhenTheLastAdminHoldsTheRoleThroughAGroup {
        private final Principal alice = fixture.user("alice");
        private final Group admins = fixture.group("admins", alice);
        private final RoleAssignment groupAdminRole = fixture.assignToGroup(BuiltInRole.WORKSPACE_ADMIN, admins, null);

        WhenTheLastAdminHoldsTheRoleThroughAGroup() {
            // alice, through the group, becomes the only admin
            RoleAssignment direct = fixture.directory.assignments.forAssignees(WORKSPACE, admin.id(), List.of()).get(0);
            fixture.roleService.unassign(Principals.actor(alice), direct.id());
        }

        @Test
        void theGroupGrantsTheOnlyAdmin() {
            assertThat(guard.activeWorkspaceAdmins(WORKSPACE)).containsExactly(alice.id());
        }

        @Test
        void cannotBeRemovedFromTheGroup() {
            assertRefusedWithoutTrace(() -> fixture.groupService.removeMembers(Principals.actor(alice), admins.id(),
                    List.of(alice.id())));
            assertThat(fixture.members(admins)).containsExactly(alice.id());
        }

        @Test
        void cannotBeReplacedOutOfTheGroup() {
            Principal bob = fixture.user("bob");

            assertRefusedWithoutTrace(() -> fixture.groupService.replace(Principals.actor(alice), admins.id(),
                    "admins", null, List.of(bob.id())));
            assertThat(fixture.members(admins)).containsExactly(alice.id());
        }

        @Test
        void theGroupCannotBeDeleted() {
            assertRefusedWithoutTrace(() -> fixture.groupService.delete(Principals.actor(alice), admins.id()));
            assertThat(fixture.directory.groups.findById(WORKSPACE, admins.id())).isPresent();
            assertThat(fixture.directory.assignments.findById(WORKSPACE, groupAdminRole.id())).isPresent();
        }

        @Test
        void theGroupCannotBeStrippedOfTheRole() {
            assertRefusedWithoutTrace(() -> fixture.roleService.unassign(Principals.actor(alice), groupAdminRole.id()));
        }

        @Test
        void theMemberCannotBeDeactivated() {
            Actor operator = operator();
            assertRefusedWithoutTrace(() -> fixture.directoryService.setActive(operator,
                    PrincipalKind.USER, alice.id(), false));
        }

        @Test
        void anotherMemberMayLeaveOnceAliceIsNotAlone() {
            Principal bob = fixture.user("bob");
            fixture.groupService.addMembers(Principals.actor(alice), admins.id(), List.of(bob.id()));

            fixture.groupService.removeMembers(Principals.actor(bob), admins.id(), List.of(alice.id()));

            assertThat(fixture.members(admins)).containsExactly(bob.id());
            assertThat(guard.activeWorkspaceAdmins(WORKSPACE)).containsExactly(bob.id());
        }
    }

    @Nested
    class WithTwoActiveAdmins {
        private final Principal second = fixture.user("second", BuiltInRole.WORKSPACE_ADMIN);

        @Test
        void deactivatingOneWorks() {
            Principal deactivated = fixture.directoryService.setActive(fixture.asAdmin(), PrincipalKind.USER,
                    second.id(), false);

            assertThat(deactivated.active()).isFalse();
            assertThat(fixture.directory.principals.findById(WORKSPACE, second.id()).orElseThrow().active()).isFalse();
            assertThat(guard.activeWorkspaceAdmins(WORKSPACE)).containsExactly(admin.id());
            assertThat(fixture.audit.eventsWith(AuditAction.PRINCIPAL_DEACTIVATED)).hasSize(1);
        }

        @Test
        void nobodyDeactivatesOrDeletesItselfEvenWhileAnotherAdminRemains() {
            Map<String, Object> before = fixture.state();

            assertThatThrownBy(() -> fixture.directoryService.setActive(fixture.asAdmin(), PrincipalKind.USER,
                    admin.id(), false)).isInstanceOf(InvalidStateException.class)
                    .hasMessageContaining("cannot deactivate itself");
            assertThatThrownBy(() -> fixture.directoryService.delete(fixture.asAdmin(), PrincipalKind.USER,
                    admin.id())).isInstanceOf(InvalidStateException.class).hasMessageContaining("cannot delete itself");

            assertThat(fixture.state()).isEqualTo(before);
            fixture.directoryService.setActive(Principals.actor(second), PrincipalKind.USER, admin.id(), false);
            assertThat(guard.activeWorkspaceAdmins(WORKSPACE)).containsExactly(second.id());
        }

        @Test
        void adminsWhoCannotSignInDoNotCount() {
            Principal scimAdmin = fixture.principalIn(WORKSPACE, Principals.aUser("scim-admin").withoutPassword()
                    .build(), BuiltInRole.WORKSPACE_ADMIN);
            Principal robot = fixture.principalIn(WORKSPACE, Principals.aServicePrincipal("robot").build(),
                    BuiltInRole.WORKSPACE_ADMIN);
            Principal technical = fixture.principalIn(WORKSPACE,
                    Principal.newTechnicalUser(WORKSPACE, "Organisation token"), BuiltInRole.WORKSPACE_ADMIN);
            fixture.directoryService.setActive(fixture.asAdmin(), PrincipalKind.USER, second.id(), false);

            assertThat(guard.signInWorkspaceAdmins(WORKSPACE)).containsExactly(admin.id());
            assertThat(guard.activeWorkspaceAdmins(WORKSPACE))
                    .containsExactlyInAnyOrder(admin.id(), scimAdmin.id(), robot.id(), technical.id());
            assertRefusedWithoutTrace(() -> fixture.directoryService.setActive(Principals.actor(robot),
                    PrincipalKind.USER, admin.id(), false));
        }

        @Test
        void deletingOneWorksButNotTheOtherAfterwards() {
            fixture.directoryService.delete(fixture.asAdmin(), PrincipalKind.USER, second.id());
            Actor operator = operator();

            assertThat(guard.activeWorkspaceAdmins(WORKSPACE)).containsExactly(admin.id());
            assertRefusedWithoutTrace(() -> fixture.directoryService.delete(operator, PrincipalKind.USER,
                    admin.id()));
        }

        @Test
        void anInactiveSecondAdminDoesNotCount() {
            fixture.directory.principals.save(second.withActive(false));
            Actor operator = operator();

            assertRefusedWithoutTrace(() -> fixture.directoryService.setActive(operator, PrincipalKind.USER,
                    admin.id(), false));
        }
    }
}
