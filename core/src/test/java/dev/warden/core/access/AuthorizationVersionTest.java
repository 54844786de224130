package dev.warden.core.access;

import static dev.warden.core.testkit.CoreTestKit.OTHER_WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.directory.UserDetails;
import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * DESIGN, "Request cost": every change that can alter a decision moves its workspace's authorisation version on, in
 * the change's own transaction, so that no node reuses what it resolved before; a change of a token row does not,
 * since every request reads its token afresh. (The kit checks the first half for every service transaction of every
 * core test as well: see {@code CoreTestKit#versionsMoveWithDecisions}.)
 */
class AuthorizationVersionTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final Actor admin = kit.asAdmin();
    private final Principal alice = kit.allowTokens(kit.user("alice", BuiltInRole.USER));
    private final Group ops = kit.group("ops", alice);

    private void assertMoves(Runnable change) {
        long before = kit.versions.current(WORKSPACE);
        long other = kit.versions.current(OTHER_WORKSPACE);

        change.run();

        assertThat(kit.versions.current(WORKSPACE))
                .as("the workspace's version")
                .isGreaterThan(before);
        assertThat(kit.versions.current(OTHER_WORKSPACE))
                .as("another workspace's version")
                .isEqualTo(other);
    }

    private void assertStays(Runnable change) {
        long before = kit.versions.current(WORKSPACE);

        change.run();

        assertThat(kit.versions.current(WORKSPACE)).isEqualTo(before);
    }

    private Role tokenReader() {
        return kit.roleService.create(admin, "token-reader", "", Set.of(Permission.TOKENS_READ));
    }

    @Nested
    class ChangesADecisionReads {
        @Test
        void creatingChangingAndDeletingACustomRole() {
            assertMoves(AuthorizationVersionTest.this::tokenReader);
            Role role =
                    kit.directory.roles.findByName(WORKSPACE, "token-reader").orElseThrow();
            assertMoves(() -> kit.roleService.update(admin, role.id(), null, null, Set.of()));
            assertMoves(() -> kit.roleService.delete(admin, role.id()));
        }

        @Test
        void assigningAndRemovingARole() {
            Role role = tokenReader();
            RoleAssignment[] given = new RoleAssignment[1];
            assertMoves(() -> given[0] = kit.roleService.assign(admin, role.id(), alice.id(), null, null));
            assertMoves(() -> kit.roleService.unassign(admin, given[0].id()));
        }

        @Test
        void creatingRenamingAndDeletingAGroupAndChangingItsMembers() {
            Principal bob = kit.user("bob", BuiltInRole.USER);
            Group[] created = new Group[1];
            assertMoves(() -> created[0] = kit.groupService.create(admin, "devs", null, List.of()));
            assertMoves(() -> kit.groupService.addMembers(admin, created[0].id(), List.of(bob.id())));
            assertMoves(() -> kit.groupService.removeMembers(admin, created[0].id(), List.of(bob.id())));
            assertMoves(() -> kit.groupService.replace(admin, created[0].id(), "developers", null, null));
            assertMoves(() -> kit.groupService.delete(admin, created[0].id()));
        }

        @Test
        void changingTheTokenUsageList() {
            assertMoves(() -> kit.tokenUsageService.patch(
                    admin, List.of(TokenUsageEntry.forGroup(ops.id(), TokenUsageLevel.CAN_USE))));
            assertMoves(() -> kit.tokenUsageService.replace(admin, List.of()));
        }

        @Test
        void changingWorkspaceSettings() {
            assertMoves(() -> kit.settingsService.update(admin, Map.of(SettingsService.ENABLE_TOKENS, "false")));
        }

        @Test
        void deactivatingActivatingChangingAndDeletingAPrincipal() {
            assertMoves(() -> kit.directoryService.setActive(admin, PrincipalKind.USER, alice.id(), false));
            assertMoves(() -> kit.directoryService.setActive(admin, PrincipalKind.USER, alice.id(), true));
            assertMoves(() -> kit.directoryService.replaceUser(
                    admin, alice.id(), new UserDetails("alice2", "Alice", null, null, null, null, null)));
            assertMoves(() -> kit.directoryService.delete(admin, PrincipalKind.USER, alice.id()));
        }

        @Test
        void creatingAPrincipal() {
            assertMoves(() -> kit.directoryService.createUser(
                    admin, new UserDetails("carol", null, null, null, null, null, null), null));
        }

        @Test
        void creatingAndDeletingAnOrganisationTokenWithItsTechnicalUser() {
            IssuedToken[] issued = new IssuedToken[1];
            assertMoves(() -> issued[0] = kit.technicalTokens.createOrganisationToken(
                    admin, new CreateTokenCommand("robot", null, List.of("all-apis")), "user"));
            assertMoves(
                    () -> kit.technicalTokens.delete(admin, issued[0].token().id()));
        }
    }

    @Nested
    class LeavesItAlone {
        @Test
        void aRefusedChangeRollsTheVersionBackWithEverythingElse() {
            assertStays(() -> assertThatThrownBy(
                            () -> kit.directoryService.setActive(admin, PrincipalKind.USER, kit.admin.id(), false))
                    .isInstanceOf(InvalidStateException.class));
        }

        @Test
        void creatingRevokingRestoringAndDeletingOnesOwnTokenSinceEveryRequestReadsItsToken() {
            Actor asAlice = CoreTestKit.as(alice);
            AccessToken[] token = new AccessToken[1];
            assertStays(() -> token[0] = kit.tokenService
                    .create(asAlice, new CreateTokenCommand("ci", null, List.of("tokens:read")))
                    .token());
            assertStays(() -> kit.tokenService.revoke(asAlice, token[0].id()));
            assertStays(() -> kit.tokenService.restore(asAlice, token[0].id()));
            assertStays(() -> kit.tokenService.delete(asAlice, token[0].id()));
        }
    }
}
