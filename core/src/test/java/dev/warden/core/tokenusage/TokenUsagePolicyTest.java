package dev.warden.core.tokenusage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.Group;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.Principals;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.testkit.InMemoryDirectory;
import dev.warden.core.workspace.WorkspaceId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TokenUsagePolicyTest {
    private static final WorkspaceId WORKSPACE = CoreTestKit.WORKSPACE;
    private static final WorkspaceId OTHER_WORKSPACE = CoreTestKit.OTHER_WORKSPACE;

    private final CoreTestKit kit = new CoreTestKit();
    private final InMemoryDirectory directory = kit.directory;
    private final InMemoryTokenUsageRepository acl = kit.acl;
    private final TokenUsagePolicy policy = kit.usage;

    private final Principal alice;
    private final Group dataEng;

    TokenUsagePolicyTest() {
        alice = directory.principals.save(Principals.aUser("alice").build());
        dataEng = directory.groups.save(new Group(null, WORKSPACE, "data-eng", null));
        give(BuiltInRole.USER, alice);
    }

    private void give(BuiltInRole role, Principal principal) {
        directory.assignments.add(RoleAssignment.toPrincipal(
                principal.workspace(),
                directory.roles.builtIn(principal.workspace(), role).id(),
                principal.id(),
                null));
    }

    private void join(Group group, Principal member) {
        directory.groups.addMember(group.workspace(), group.id(), member.id());
    }

    private void grant(TokenUsageEntry entry) {
        acl.grant(WORKSPACE, entry);
    }

    private static TokenUsageEntry direct(Principal principal, TokenUsageLevel level) {
        return TokenUsageEntry.forPrincipal(principal.id(), level);
    }

    private static TokenUsageEntry group(Group group, TokenUsageLevel level) {
        return TokenUsageEntry.forGroup(group.id(), level);
    }

    private Principal deactivated(Principal principal) {
        return directory.principals.save(principal.withActive(false));
    }

    @Nested
    class WorkspaceAdmins {
        @Test
        void holdCanManageWithoutAnyEntry() {
            give(BuiltInRole.WORKSPACE_ADMIN, alice);

            assertThat(policy.levelOf(alice)).contains(TokenUsageLevel.CAN_MANAGE);
            assertThat(policy.mayUseTokens(alice)).isTrue();
        }

        @Test
        void holdCanManageEvenWhenTheirOwnEntrySaysCanUse() {
            give(BuiltInRole.WORKSPACE_ADMIN, alice);
            grant(direct(alice, TokenUsageLevel.CAN_USE));

            assertThat(policy.levelOf(alice)).contains(TokenUsageLevel.CAN_MANAGE);
        }

        @Test
        void holdCanManageWhenTheAdminRoleComesThroughAGroup() {
            Group admins = directory.groups.save(new Group(null, WORKSPACE, "admins", null));
            join(admins, alice);
            directory.assignments.add(RoleAssignment.toGroup(
                    WORKSPACE,
                    directory
                            .roles
                            .builtIn(WORKSPACE, BuiltInRole.WORKSPACE_ADMIN)
                            .id(),
                    admins.id(),
                    null));

            assertThat(policy.levelOf(alice)).contains(TokenUsageLevel.CAN_MANAGE);
        }

        @Test
        void aCustomRoleWithEveryPermissionIsNotWorkspaceAdmin() {
            Role everything = directory.roles.save(Role.custom(
                    WORKSPACE, "almost-admin", "", Set.copyOf(dev.warden.core.permission.Permission.warden())));
            directory.assignments.add(RoleAssignment.toPrincipal(WORKSPACE, everything.id(), alice.id(), null));

            assertThat(policy.levelOf(alice)).isEmpty();
        }

        @Test
        void aGroupAdminOfOneGroupIsNoWorkspaceAdmin() {
            directory.assignments.add(RoleAssignment.toPrincipal(
                    WORKSPACE,
                    directory.roles.builtIn(WORKSPACE, BuiltInRole.GROUP_ADMIN).id(),
                    alice.id(),
                    dataEng.id()));

            assertThat(policy.levelOf(alice)).isEmpty();
        }
    }

    @Nested
    class Entries {
        @Test
        void nobodyElseHoldsAnythingUntilGranted() {
            assertThat(policy.levelOf(alice)).isEmpty();
            assertThat(policy.mayUseTokens(alice)).isFalse();
        }

        @Test
        void aDirectEntryGivesItsLevel() {
            grant(direct(alice, TokenUsageLevel.CAN_USE));

            assertThat(policy.levelOf(alice)).contains(TokenUsageLevel.CAN_USE);
            assertThat(policy.mayUseTokens(alice)).isTrue();
        }

        @Test
        void aServicePrincipalCanHoldADirectEntry() {
            Principal robot = directory.principals.save(
                    Principals.aServicePrincipal("etl robot").build());
            grant(direct(robot, TokenUsageLevel.CAN_USE));

            assertThat(policy.levelOf(robot)).contains(TokenUsageLevel.CAN_USE);
        }

        @Test
        void aGroupsEntryGivesItsLevelToEveryMember() {
            Principal bob = directory.principals.save(Principals.aUser("bob").build());
            join(dataEng, alice);
            join(dataEng, bob);
            grant(group(dataEng, TokenUsageLevel.CAN_USE));

            assertThat(policy.levelOf(alice)).contains(TokenUsageLevel.CAN_USE);
            assertThat(policy.levelOf(bob)).contains(TokenUsageLevel.CAN_USE);
        }

        @Test
        void aGroupsEntryGivesNothingToNonMembers() {
            grant(group(dataEng, TokenUsageLevel.CAN_USE));

            assertThat(policy.levelOf(alice)).isEmpty();
        }

        @Test
        void anEntryForSomebodyElseGivesNothing() {
            Principal bob = directory.principals.save(Principals.aUser("bob").build());
            grant(direct(bob, TokenUsageLevel.CAN_USE));

            assertThat(policy.levelOf(alice)).isEmpty();
        }

        @Test
        void severalMatchingEntriesStillGiveCanUse() {
            Group analysts = directory.groups.save(new Group(null, WORKSPACE, "analysts", null));
            join(dataEng, alice);
            join(analysts, alice);
            grant(group(dataEng, TokenUsageLevel.CAN_USE));
            grant(direct(alice, TokenUsageLevel.CAN_USE));
            grant(group(analysts, TokenUsageLevel.CAN_USE));

            assertThat(policy.levelOf(alice)).contains(TokenUsageLevel.CAN_USE);
        }

        /** CAN_MANAGE is a workspace admin's alone: an entry stored with it (before V7) gives CAN_USE, no more. */
        @Test
        void anEntryCarryingCanManageGivesOnlyCanUse() {
            join(dataEng, alice);
            Principal bob = directory.principals.save(Principals.aUser("bob").build());
            grant(group(dataEng, TokenUsageLevel.CAN_MANAGE));
            grant(direct(bob, TokenUsageLevel.CAN_MANAGE));

            assertThat(policy.levelOf(alice)).contains(TokenUsageLevel.CAN_USE);
            assertThat(policy.levelOf(bob)).contains(TokenUsageLevel.CAN_USE);
            assertThat(policy.levelIn(List.of(direct(alice, TokenUsageLevel.CAN_MANAGE)), alice))
                    .contains(TokenUsageLevel.CAN_USE);
        }

        @Test
        void isReadOnEveryCallSoAChangeCountsAtOnce() {
            grant(direct(alice, TokenUsageLevel.CAN_USE));
            assertThat(policy.levelOf(alice)).contains(TokenUsageLevel.CAN_USE);

            acl.replace(WORKSPACE, List.of());

            assertThat(policy.levelOf(alice)).isEmpty();
        }

        @Test
        void entriesOfAnotherWorkspaceDoNotCount() {
            acl.grant(OTHER_WORKSPACE, direct(alice, TokenUsageLevel.CAN_USE));

            assertThat(policy.levelOf(alice)).isEmpty();
        }
    }

    @Nested
    class InactivePrincipals {
        @Test
        void holdNothingDespiteADirectEntry() {
            grant(direct(alice, TokenUsageLevel.CAN_USE));

            assertThat(policy.levelOf(deactivated(alice))).isEmpty();
            assertThat(policy.mayUseTokens(deactivated(alice))).isFalse();
        }

        @Test
        void holdNothingDespiteAGroupEntry() {
            join(dataEng, alice);
            grant(group(dataEng, TokenUsageLevel.CAN_USE));

            assertThat(policy.levelOf(deactivated(alice))).isEmpty();
        }

        @Test
        void holdNothingEvenAsWorkspaceAdmin() {
            give(BuiltInRole.WORKSPACE_ADMIN, alice);

            assertThat(policy.levelOf(deactivated(alice))).isEmpty();
        }
    }

    @Nested
    class LevelInAProposedList {
        @Test
        void usesTheProposedListNotTheStoredOne() {
            grant(direct(alice, TokenUsageLevel.CAN_USE));

            assertThat(policy.levelIn(List.of(), alice)).isEmpty();
            assertThat(policy.levelIn(List.of(direct(alice, TokenUsageLevel.CAN_USE)), alice))
                    .contains(TokenUsageLevel.CAN_USE);
        }

        @Test
        void countsTheGroupsThePrincipalIsIn() {
            join(dataEng, alice);

            assertThat(policy.levelIn(List.of(group(dataEng, TokenUsageLevel.CAN_USE)), alice))
                    .contains(TokenUsageLevel.CAN_USE);
        }

        @Test
        void keepsWorkspaceAdminsAtCanManageWhateverTheList() {
            give(BuiltInRole.WORKSPACE_ADMIN, alice);

            assertThat(policy.levelIn(List.of(), alice)).contains(TokenUsageLevel.CAN_MANAGE);
        }

        @Test
        void isEmptyWhenNoProposedEntryCoversThePrincipal() {
            Principal bob = directory.principals.save(Principals.aUser("bob").build());

            assertThat(policy.levelIn(
                            List.of(direct(bob, TokenUsageLevel.CAN_USE), group(dataEng, TokenUsageLevel.CAN_USE)),
                            alice))
                    .isEmpty();
        }
    }

    @Test
    void theDeniedMessageNamesThePrincipalWhatItLacksAndWhereAnAdminGrantsIt() {
        Principal robot = directory.principals.save(
                Principals.aServicePrincipal("etl robot").build());

        assertThat(TokenUsagePolicy.deniedMessage(alice))
                .startsWith("alice does not have permission to use tokens")
                .contains("Settings → Admin Console → Workspace settings → Permission Settings")
                .contains("PATCH /api/2.0/permissions/authorization/tokens");
        assertThat(TokenUsagePolicy.deniedMessage(robot)).startsWith("etl robot does not have permission");
    }

    @Test
    void onlyCanUseIsGrantableAndTheDescriptionsSaySo() {
        assertThat(TokenUsageLevel.CAN_USE.grantable()).isTrue();
        assertThat(TokenUsageLevel.CAN_MANAGE.grantable()).isFalse();
        assertThat(TokenUsageLevel.CAN_MANAGE.description())
                .contains("Workspace admins only")
                .contains("cannot be granted");
    }
}
