package dev.warden.core.role;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.InMemoryGroupRepository;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.InMemoryPrincipalRepository;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.Principals;
import dev.warden.core.service.InMemoryServiceRepository;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.testkit.InMemoryDirectory;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PermissionResolverTest {
    private static final WorkspaceId WORKSPACE = CoreTestKit.WORKSPACE;
    private static final WorkspaceId OTHER_WORKSPACE = CoreTestKit.OTHER_WORKSPACE;

    private final CoreTestKit kit = new CoreTestKit();
    private final InMemoryDirectory directory = kit.directory;
    private final PermissionResolver resolver = kit.resolver;

    private final Principal alice;
    private final Group ops;
    private final Group dev;

    PermissionResolverTest() {
        alice = directory.principals.save(Principals.aUser("alice").build());
        ops = directory.groups.save(new Group(null, WORKSPACE, "ops", null));
        dev = directory.groups.save(new Group(null, WORKSPACE, "dev", null));
    }

    private Role builtIn(BuiltInRole role) {
        return directory.roles.builtIn(WORKSPACE, role);
    }

    private Role custom(String name, Permission... permissions) {
        return directory.roles.save(Role.custom(WORKSPACE, name, "", Set.of(permissions)));
    }

    private RoleAssignment toAlice(Role role, Group scope) {
        return directory.assignments.add(
                RoleAssignment.toPrincipal(WORKSPACE, role.id(), alice.id(), scope == null ? null : scope.id()));
    }

    private RoleAssignment toGroup(Role role, Group group, Group scope) {
        return directory.assignments.add(
                RoleAssignment.toGroup(WORKSPACE, role.id(), group.id(), scope == null ? null : scope.id()));
    }

    private void join(Group group, Principal member) {
        directory.groups.addMember(WORKSPACE, group.id(), member.id());
    }

    private EffectivePermissions alicesPermissions() {
        return resolver.of(WORKSPACE, alice.id());
    }

    @Test
    void aPrincipalWithoutAssignmentsHoldsNothing() {
        EffectivePermissions held = alicesPermissions();

        assertThat(held.grants()).isEmpty();
        assertThat(held.workspacePermissions()).isEmpty();
        assertThat(held.roleNames()).isEmpty();
        assertThat(held.isWorkspaceAdmin()).isFalse();
    }

    @Nested
    class DirectAssignment {
        @Test
        void grantsTheRolesPermissionsAtWorkspaceScope() {
            toAlice(builtIn(BuiltInRole.USER), null);

            EffectivePermissions held = alicesPermissions();

            assertThat(held.workspacePermissions())
                    .containsExactlyInAnyOrder(
                            Permission.TOKENS_READ,
                            Permission.TOKENS_WRITE,
                            Permission.SCIM_READ,
                            Permission.ROLES_READ);
            assertThat(held.holds(Permission.TOKENS_WRITE)).isTrue();
            assertThat(held.holds(Permission.SCIM_WRITE)).isFalse();
            assertThat(held.holds(Permission.TOKENS_WRITE, ops.id())).isTrue();
            assertThat(held.grants()).allSatisfy(grant -> {
                assertThat(grant.inherited()).isFalse();
                assertThat(grant.via()).isNull();
                assertThat(grant.atWorkspaceScope()).isTrue();
            });
        }

        @Test
        void workspaceAdminHoldsEveryPermissionAndIsRecognisedAsAdmin() {
            toAlice(builtIn(BuiltInRole.WORKSPACE_ADMIN), null);

            EffectivePermissions held = alicesPermissions();

            assertThat(held.workspacePermissions()).containsExactlyInAnyOrderElementsOf(Permission.warden());
            assertThat(held.isWorkspaceAdmin()).isTrue();
        }

        @Test
        void theSameIdInAnotherWorkspaceHoldsNothingThere() {
            toAlice(builtIn(BuiltInRole.WORKSPACE_ADMIN), null);

            assertThat(resolver.of(OTHER_WORKSPACE, alice.id()).grants()).isEmpty();
        }

        @Test
        void anUnknownPrincipalHoldsNothing() {
            assertThat(resolver.of(WORKSPACE, new PrincipalId(999)).grants()).isEmpty();
        }
    }

    @Nested
    class ThroughAGroup {
        @Test
        void aMemberHoldsTheGroupsRolesAndTheGrantSaysWhereFrom() {
            join(ops, alice);
            RoleAssignment assignment = toGroup(builtIn(BuiltInRole.AUDITOR), ops, null);

            EffectivePermissions held = alicesPermissions();

            assertThat(held.holds(Permission.AUDIT_READ)).isTrue();
            assertThat(held.holds(Permission.AUDIT_READ, dev.id())).isTrue();
            assertThat(held.holds(Permission.SCIM_WRITE)).isFalse();
            assertThat(held.assignments()).singleElement().satisfies(grant -> {
                assertThat(grant.assignment()).isEqualTo(assignment);
                assertThat(grant.inherited()).isTrue();
                assertThat(grant.via()).isEqualTo(ops);
                assertThat(grant.scope()).isNull();
                assertThat(grant.role().name()).isEqualTo("auditor");
            });
        }

        @Test
        void aNonMemberHoldsNothingFromTheGroup() {
            toGroup(builtIn(BuiltInRole.AUDITOR), ops, null);

            assertThat(alicesPermissions().grants()).isEmpty();
        }

        @Test
        void leavingTheGroupTakesItsRolesAwayOnTheNextCall() {
            join(ops, alice);
            toGroup(builtIn(BuiltInRole.AUDITOR), ops, null);
            assertThat(alicesPermissions().holds(Permission.AUDIT_READ)).isTrue();

            directory.groups.removeMember(WORKSPACE, ops.id(), alice.id());

            assertThat(alicesPermissions().holds(Permission.AUDIT_READ)).isFalse();
        }

        @Test
        void aGroupWorkspaceAdminRoleMakesTheMemberAWorkspaceAdmin() {
            join(ops, alice);
            toGroup(builtIn(BuiltInRole.WORKSPACE_ADMIN), ops, null);

            assertThat(alicesPermissions().isWorkspaceAdmin()).isTrue();
        }
    }

    @Nested
    class AtAGroupsScope {
        @Test
        void grantsOnlyForThatGroup() {
            toAlice(builtIn(BuiltInRole.GROUP_ADMIN), ops);

            EffectivePermissions held = alicesPermissions();

            assertThat(held.holds(Permission.SCIM_WRITE)).isFalse();
            assertThat(held.holds(Permission.SCIM_WRITE, ops.id())).isTrue();
            assertThat(held.holds(Permission.SCIM_WRITE, dev.id())).isFalse();
            assertThat(held.workspacePermissions()).isEmpty();
            assertThat(held.grants())
                    .allSatisfy(grant -> assertThat(grant.scope()).isEqualTo(ops));
        }

        @Test
        void aWorkspaceAdminRoleAtGroupScopeDoesNotMakeAWorkspaceAdmin() {
            toAlice(builtIn(BuiltInRole.WORKSPACE_ADMIN), ops);

            EffectivePermissions held = alicesPermissions();

            assertThat(held.isWorkspaceAdmin()).isFalse();
            assertThat(held.holds(Permission.SETTINGS_WRITE)).isFalse();
            assertThat(held.holds(Permission.SETTINGS_WRITE, ops.id())).isTrue();
        }

        @Test
        void aGroupScopedRoleGivenToAGroupReachesItsMembersForThatScope() {
            join(dev, alice);
            toGroup(builtIn(BuiltInRole.GROUP_MEMBER), dev, ops);

            EffectivePermissions held = alicesPermissions();

            assertThat(held.holds(Permission.SCIM_READ, ops.id())).isTrue();
            assertThat(held.holds(Permission.SCIM_READ, dev.id())).isFalse();
            assertThat(held.holds(Permission.SCIM_READ)).isFalse();
            assertThat(held.assignments()).singleElement().satisfies(grant -> {
                assertThat(grant.via()).isEqualTo(dev);
                assertThat(grant.scope()).isEqualTo(ops);
            });
        }

        @Test
        void deletingTheScopeGroupTakesTheGrantAway() {
            toAlice(builtIn(BuiltInRole.GROUP_ADMIN), ops);
            toAlice(builtIn(BuiltInRole.USER), null);

            directory.groups.delete(WORKSPACE, ops.id());

            EffectivePermissions held = alicesPermissions();
            assertThat(held.grants())
                    .isNotEmpty()
                    .allSatisfy(grant -> assertThat(grant.scope()).isNull());
            assertThat(held.holds(Permission.SCIM_WRITE, ops.id())).isFalse();
            assertThat(held.roleNames()).containsExactly("user");
        }

        @Test
        void anAssignmentScopedToAGroupThatNoLongerResolvesGrantsNothing() {
            InMemoryPrincipalRepository principals = new InMemoryPrincipalRepository();
            GroupId[] gone = new GroupId[1];
            InMemoryGroupRepository groups = new InMemoryGroupRepository(principals) {
                @Override
                public synchronized List<Group> findAllById(WorkspaceId workspace, Collection<GroupId> ids) {
                    return super.findAllById(workspace, ids).stream()
                            .filter(g -> !g.id().equals(gone[0]))
                            .toList();
                }
            };
            InMemoryRoleRepository roles = new InMemoryRoleRepository();
            InMemoryRoleAssignmentRepository assignments =
                    new InMemoryRoleAssignmentRepository(principals, groups, roles);
            roles.seedBuiltIns(WORKSPACE);
            Principal bob = principals.save(Principals.aUser("bob").build());
            Group team = groups.save(new Group(null, WORKSPACE, "team", null));
            assignments.add(RoleAssignment.toPrincipal(
                    WORKSPACE, roles.builtIn(WORKSPACE, BuiltInRole.GROUP_ADMIN).id(), bob.id(), team.id()));
            PermissionResolver stale =
                    new PermissionResolver(principals, groups, roles, assignments, new InMemoryServiceRepository());
            assertThat(stale.of(WORKSPACE, bob.id()).holds(Permission.SCIM_WRITE, team.id()))
                    .isTrue();

            gone[0] = team.id();

            assertThat(stale.of(WORKSPACE, bob.id()).grants()).isEmpty();
        }
    }

    @Nested
    class WithSeveralAssignments {
        @Test
        void holdsTheUnionOfDirectAndGroupRoles() {
            join(ops, alice);
            join(dev, alice);
            toAlice(custom("reader", Permission.AUDIT_READ), null);
            toGroup(custom("settings", Permission.SETTINGS_READ, Permission.SETTINGS_WRITE), ops, null);
            toGroup(custom("perms", Permission.PERMISSIONS_READ), dev, null);

            assertThat(alicesPermissions().workspacePermissions())
                    .containsExactlyInAnyOrder(
                            Permission.AUDIT_READ,
                            Permission.SETTINGS_READ,
                            Permission.SETTINGS_WRITE,
                            Permission.PERMISSIONS_READ);
        }

        @Test
        void listsEachContributingAssignmentOnceWithItsProvenance() {
            join(ops, alice);
            RoleAssignment direct = toAlice(builtIn(BuiltInRole.USER), null);
            RoleAssignment viaOps = toGroup(builtIn(BuiltInRole.AUDITOR), ops, null);
            RoleAssignment scoped = toAlice(builtIn(BuiltInRole.GROUP_ADMIN), dev);

            EffectivePermissions held = alicesPermissions();

            assertThat(held.assignments()).extracting(Grant::assignment).containsExactly(direct, viaOps, scoped);
            assertThat(held.assignments()).extracting(Grant::via).containsExactly(null, ops, null);
            assertThat(held.assignments()).extracting(Grant::scope).containsExactly(null, null, dev);
            assertThat(held.roleNames()).containsExactly("user", "auditor", "group-admin (group dev)");
        }

        @Test
        void aPermissionFromTwoRolesIsOneWorkspacePermission() {
            toAlice(builtIn(BuiltInRole.USER), null);
            toAlice(builtIn(BuiltInRole.AUDITOR), null);

            EffectivePermissions held = alicesPermissions();

            assertThat(held.grants())
                    .filteredOn(g -> g.permission().equals(Permission.SCIM_READ))
                    .hasSize(2);
            assertThat(held.workspacePermissions()).contains(Permission.SCIM_READ);
            assertThat(held.roleNames()).containsExactly("user", "auditor");
        }
    }

    @Nested
    class RolePermissions {
        @Test
        void aCustomRoleGrantsExactlyItsPermissions() {
            toAlice(custom("token-ops", Permission.TOKEN_MANAGEMENT_READ, Permission.TOKEN_MANAGEMENT_WRITE), null);

            assertThat(alicesPermissions().workspacePermissions())
                    .containsExactlyInAnyOrder(Permission.TOKEN_MANAGEMENT_READ, Permission.TOKEN_MANAGEMENT_WRITE);
        }

        @Test
        void aBuiltInRoleTakesItsPermissionsFromCodeNotFromTheStoredRow() {
            Role stored = builtIn(BuiltInRole.AUDITOR);
            Role tampered = new Role(
                    stored.id(),
                    WORKSPACE,
                    stored.name(),
                    stored.description(),
                    true,
                    Set.of(Permission.SETTINGS_WRITE));

            assertThat(resolver.permissionsOf(tampered))
                    .isEqualTo(BuiltInRole.AUDITOR.permissions())
                    .doesNotContain(Permission.SETTINGS_WRITE);
        }

        @Test
        void theAuditorReadsEverythingAndChangesNothing() {
            toAlice(builtIn(BuiltInRole.AUDITOR), null);

            Set<Permission> held = alicesPermissions().workspacePermissions();

            assertThat(held)
                    .allMatch(p -> p.key().endsWith(":read"))
                    .contains(
                            Permission.AUDIT_READ,
                            Permission.SCIM_READ,
                            Permission.TOKEN_MANAGEMENT_READ,
                            Permission.ROLES_READ);
        }

        @Test
        void aChangeToTheRoleIsVisibleOnTheNextCall() {
            Role role = custom("ops", Permission.AUDIT_READ);
            toAlice(role, null);
            assertThat(alicesPermissions().holds(Permission.SETTINGS_WRITE)).isFalse();

            directory.roles.save(role.edited("ops", "", Set.of(Permission.SETTINGS_WRITE)));

            EffectivePermissions held = alicesPermissions();
            assertThat(held.holds(Permission.SETTINGS_WRITE)).isTrue();
            assertThat(held.holds(Permission.AUDIT_READ)).isFalse();
        }

        @Test
        void anAssignmentAddedAfterwardsCountsOnTheNextCall() {
            EffectivePermissions before = alicesPermissions();

            toAlice(builtIn(BuiltInRole.WORKSPACE_ADMIN), null);

            assertThat(before.isWorkspaceAdmin()).isFalse();
            assertThat(alicesPermissions().isWorkspaceAdmin()).isTrue();
        }

        @Test
        void deletingACustomRoleTakesItsPermissionsAway() {
            Role role = custom("ops", Permission.AUDIT_READ);
            toAlice(role, null);

            directory.roles.delete(WORKSPACE, role.id());

            assertThat(alicesPermissions().grants()).isEmpty();
        }
    }

    @Nested
    class WhenThePrincipalIsInactive {
        @Test
        void itHoldsNothingWhateverItsRoles() {
            toAlice(builtIn(BuiltInRole.WORKSPACE_ADMIN), null);
            join(ops, alice);
            toGroup(builtIn(BuiltInRole.AUDITOR), ops, null);
            Principal inactive = directory.principals.save(alice.withActive(false));

            assertThat(resolver.of(WORKSPACE, alice.id()).grants()).isEmpty();
            assertThat(resolver.of(inactive).grants()).isEmpty();
            assertThat(resolver.of(inactive).isWorkspaceAdmin()).isFalse();
        }

        @Test
        void reactivatingBringsTheRolesBack() {
            toAlice(builtIn(BuiltInRole.USER), null);
            directory.principals.save(alice.withActive(false));

            directory.principals.save(alice.withActive(true));

            assertThat(alicesPermissions().holds(Permission.TOKENS_WRITE)).isTrue();
        }
    }
}
