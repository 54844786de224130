package dev.warden.core.role;

import static dev.warden.core.testkit.CoreTestKit.OTHER_WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.Principals;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.testkit.CoreTestKit;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RoleServiceTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final RoleService service = kit.roleService;
    private final Actor admin = kit.asAdmin();
    private final Principal alice = kit.user("alice", BuiltInRole.USER);
    private final Group ops = kit.group("ops");

    private Role tokenOps() {
        return service.create(
                admin,
                "token-ops",
                "Runs tokens",
                Set.of(Permission.TOKEN_MANAGEMENT_READ, Permission.TOKEN_MANAGEMENT_WRITE));
    }

    private InvalidParameterException invalid(ThrowingCallable call) {
        Map<String, Object> before = kit.state();
        InvalidParameterException thrown = catchThrowableOfType(call, InvalidParameterException.class);
        assertThat(thrown).isNotNull();
        assertThat(kit.state()).isEqualTo(before);
        return thrown;
    }

    @Nested
    class CustomRoles {
        @Test
        void createStoresTheRoleWithItsPermissions() {
            Role created = tokenOps();

            assertThat(created.id()).isNotNull();
            assertThat(created.builtIn()).isFalse();
            assertThat(created.workspace()).isEqualTo(WORKSPACE);
            assertThat(created.permissions())
                    .containsExactlyInAnyOrder(Permission.TOKEN_MANAGEMENT_READ, Permission.TOKEN_MANAGEMENT_WRITE);
            assertThat(service.get(admin, created.id())).isEqualTo(created);
            assertThat(service.list(admin))
                    .extracting(Role::name)
                    .endsWith("token-ops")
                    .hasSize(6);
        }

        @Test
        void createIsAudited() {
            Role created = tokenOps();

            assertThat(kit.audit.events()).singleElement().satisfies(event -> {
                assertThat(event.action()).isEqualTo(AuditAction.ROLE_CREATED);
                assertThat(event.targetType()).isEqualTo("role");
                assertThat(event.targetId()).isEqualTo(created.id().toString());
                assertThat(event.details())
                        .containsEntry("after", "token-ops [token-management:read token-management:write]");
            });
        }

        @ParameterizedTest
        @EnumSource(BuiltInRole.class)
        void aBuiltInNameIsRefused(BuiltInRole builtIn) {
            assertThatThrownBy(() -> service.create(admin, builtIn.roleName(), null, Set.of(Permission.AUDIT_READ)))
                    .isInstanceOf(ResourceAlreadyExistsException.class)
                    .hasMessageContaining("built-in");
            assertThat(service.list(admin)).hasSize(5);
        }

        @Test
        void aTakenNameIsRefused() {
            tokenOps();

            assertThatThrownBy(() -> service.create(admin, " token-ops ", null, Set.of()))
                    .isInstanceOf(ResourceAlreadyExistsException.class)
                    .hasMessageContaining("'token-ops'");
            assertThat(service.list(admin)).hasSize(6);
        }

        @Test
        void aNameIsRequiredAndAtMost64Characters() {
            assertThat(invalid(() -> service.create(admin, "  ", null, Set.of()))
                            .field())
                    .isEqualTo("name");
            assertThat(invalid(() -> service.create(admin, "r".repeat(65), null, Set.of()))
                            .field())
                    .isEqualTo("name");
            assertThat(service.create(admin, "r".repeat(64), null, Set.of()).name())
                    .hasSize(64);
        }

        @Test
        void updateChangesNamePermissionsAndDescriptionAndIsAudited() {
            Role role = tokenOps();

            Role updated =
                    service.update(admin, role.id(), "token-readers", null, Set.of(Permission.TOKEN_MANAGEMENT_READ));

            assertThat(updated.name()).isEqualTo("token-readers");
            assertThat(updated.description()).isEqualTo("Runs tokens");
            assertThat(service.get(admin, role.id()).permissions()).containsExactly(Permission.TOKEN_MANAGEMENT_READ);
            assertThat(kit.audit.eventsWith(AuditAction.ROLE_UPDATED))
                    .singleElement()
                    .satisfies(event -> assertThat(event.details())
                            .containsEntry("before", "token-ops [token-management:read token-management:write]")
                            .containsEntry("after", "token-readers [token-management:read]"));
        }

        @Test
        void updateReachesHoldersOnTheirNextRequest() {
            Role role = tokenOps();
            service.assign(admin, role.id(), alice.id(), null, null);
            assertThat(kit.resolver.of(WORKSPACE, alice.id()).holds(Permission.TOKEN_MANAGEMENT_WRITE))
                    .isTrue();

            service.update(admin, role.id(), null, null, Set.of(Permission.TOKEN_MANAGEMENT_READ));

            assertThat(kit.resolver.of(WORKSPACE, alice.id()).holds(Permission.TOKEN_MANAGEMENT_WRITE))
                    .isFalse();
        }

        @Test
        void updateToAnotherRolesNameIsRefused() {
            Role role = tokenOps();

            assertThatThrownBy(() -> service.update(admin, role.id(), "auditor", null, null))
                    .isInstanceOf(ResourceAlreadyExistsException.class);
            assertThat(service.get(admin, role.id()).name()).isEqualTo("token-ops");
        }

        @Test
        void deleteRemovesTheRoleAndItsAssignments() {
            Role role = tokenOps();
            service.assign(admin, role.id(), alice.id(), null, null);
            service.assign(admin, role.id(), null, ops.id(), null);

            int removed = service.delete(admin, role.id());

            assertThat(removed).isEqualTo(2);
            assertThatThrownBy(() -> service.get(admin, role.id())).isInstanceOf(ResourceNotFoundException.class);
            assertThat(kit.directory.assignments.forRole(WORKSPACE, role.id())).isEmpty();
            assertThat(kit.resolver.of(WORKSPACE, alice.id()).roleNames()).containsExactly("user");
            assertThat(kit.audit.eventsWith(AuditAction.ROLE_DELETED))
                    .singleElement()
                    .satisfies(event -> assertThat(event.details()).containsEntry("assignments_removed", "2"));
        }
    }

    @Nested
    class BuiltInRoles {
        @ParameterizedTest
        @EnumSource(BuiltInRole.class)
        void cannotBeChanged(BuiltInRole builtIn) {
            Role role = kit.role(builtIn);
            Map<String, Object> before = kit.state();

            assertThatThrownBy(() -> service.update(admin, role.id(), null, "mine", Set.of(Permission.AUDIT_READ)))
                    .isInstanceOf(InvalidStateException.class)
                    .hasMessageContaining("cannot be changed");
            assertThat(kit.state()).isEqualTo(before);
        }

        @ParameterizedTest
        @EnumSource(BuiltInRole.class)
        void cannotBeDeleted(BuiltInRole builtIn) {
            Role role = kit.role(builtIn);
            Map<String, Object> before = kit.state();

            assertThatThrownBy(() -> service.delete(admin, role.id()))
                    .isInstanceOf(InvalidStateException.class)
                    .hasMessageContaining("cannot be deleted");
            assertThat(kit.state()).isEqualTo(before);
        }

        @Test
        void areListedFirstWithTheirPermissionsFromCode() {
            tokenOps();

            assertThat(service.list(admin))
                    .first()
                    .satisfies(role -> assertThat(role.builtIn()).isTrue());
            assertThat(service.list(admin))
                    .filteredOn(Role::builtIn)
                    .hasSize(5)
                    .allSatisfy(role -> assertThat(role.permissions())
                            .isEqualTo(role.asBuiltIn().orElseThrow().permissions()));
        }
    }

    @Nested
    class Assigning {
        @Test
        void toAPrincipalAtWorkspaceScope() {
            Role role = tokenOps();

            RoleAssignment assignment = service.assign(admin, role.id(), alice.id(), null, null);

            assertThat(assignment.id()).isNotNull();
            assertThat(kit.directory.assignments.findById(WORKSPACE, assignment.id()))
                    .contains(assignment);
            assertThat(assignment.principal()).isEqualTo(alice.id());
            assertThat(assignment.atWorkspaceScope()).isTrue();
            assertThat(kit.resolver.of(WORKSPACE, alice.id()).holds(Permission.TOKEN_MANAGEMENT_WRITE))
                    .isTrue();
            assertThat(service.holders(admin, role.id())).containsExactly(assignment);
        }

        @Test
        void isAuditedWithRoleAssigneeAndScope() {
            Role groupAdmin = kit.role(BuiltInRole.GROUP_ADMIN);

            RoleAssignment assignment = service.assign(admin, groupAdmin.id(), alice.id(), null, ops.id());

            assertThat(kit.audit.eventsWith(AuditAction.ROLE_ASSIGNED))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.targetId()).isEqualTo(groupAdmin.id().toString());
                        assertThat(event.details())
                                .containsEntry("role", "group-admin")
                                .containsEntry("assignment_id", assignment.id().toString())
                                .containsEntry("principal_id", alice.id().toString())
                                .containsEntry("scope", "group " + ops.id())
                                .doesNotContainKey("group_id");
                    });
        }

        @Test
        void toAGroupReachesItsMembers() {
            Role role = tokenOps();
            kit.directory.groups.addMember(WORKSPACE, ops.id(), alice.id());

            RoleAssignment assignment = service.assign(admin, role.id(), null, ops.id(), null);

            assertThat(assignment.group()).isEqualTo(ops.id());
            assertThat(assignment.principal()).isNull();
            assertThat(kit.resolver.of(WORKSPACE, alice.id()).holds(Permission.TOKEN_MANAGEMENT_READ))
                    .isTrue();
        }

        @Test
        void atAGroupsScopeGrantsOnlyForThatGroup() {
            Group dev = kit.group("dev");

            service.assign(admin, kit.role(BuiltInRole.GROUP_ADMIN).id(), alice.id(), null, ops.id());

            var held = kit.resolver.of(WORKSPACE, alice.id());
            assertThat(held.holds(Permission.SCIM_WRITE, ops.id())).isTrue();
            assertThat(held.holds(Permission.SCIM_WRITE, dev.id())).isFalse();
            assertThat(held.holds(Permission.SCIM_WRITE)).isFalse();
        }

        @Test
        void aGroupGivenAScopedRole() {
            Group dev = kit.group("dev", alice);

            RoleAssignment assignment =
                    service.assign(admin, kit.role(BuiltInRole.GROUP_MEMBER).id(), null, dev.id(), ops.id());

            assertThat(assignment.group()).isEqualTo(dev.id());
            assertThat(assignment.scopeGroup()).isEqualTo(ops.id());
            assertThat(kit.resolver.of(WORKSPACE, alice.id()).holds(Permission.SCIM_READ, ops.id()))
                    .isTrue();
        }

        @ParameterizedTest
        @EnumSource(
                value = BuiltInRole.class,
                names = {"GROUP_ADMIN", "GROUP_MEMBER"})
        void aGroupScopedRoleWithoutAScopeIsRefused(BuiltInRole builtIn) {
            InvalidParameterException refused =
                    invalid(() -> service.assign(admin, kit.role(builtIn).id(), alice.id(), null, null));

            assertThat(refused.field()).isEqualTo("scope_group_id");
            assertThat(refused).hasMessageContaining(builtIn.roleName());
        }

        @Test
        void aDuplicateIsRefused() {
            Role role = tokenOps();
            service.assign(admin, role.id(), alice.id(), null, null);

            assertThatThrownBy(() -> service.assign(admin, role.id(), alice.id(), null, null))
                    .isInstanceOf(ResourceAlreadyExistsException.class);
            assertThat(kit.directory.assignments.forRole(WORKSPACE, role.id())).hasSize(1);
        }

        @Test
        void theSameRoleAtAnotherScopeIsNoDuplicate() {
            Group dev = kit.group("dev");
            RoleId groupAdmin = kit.role(BuiltInRole.GROUP_ADMIN).id();
            service.assign(admin, groupAdmin, alice.id(), null, ops.id());

            service.assign(admin, groupAdmin, alice.id(), null, dev.id());

            assertThat(kit.directory.assignments.forRole(WORKSPACE, groupAdmin)).hasSize(2);
        }

        @Test
        void needsExactlyOneAssignee() {
            Role role = tokenOps();

            assertThat(invalid(() -> service.assign(admin, role.id(), null, null, null))
                            .field())
                    .isEqualTo("principal_id");
            assertThat(invalid(() -> service.assign(admin, role.id(), alice.id(), ops.id(), null))
                            .field())
                    .isEqualTo("principal_id");
        }

        @Test
        void anUnknownPrincipalGroupScopeOrRoleIsRefused() {
            Role role = tokenOps();

            assertThat(invalid(() -> service.assign(admin, role.id(), new PrincipalId(9999), null, null))
                            .field())
                    .isEqualTo("principal_id");
            assertThat(invalid(() -> service.assign(admin, role.id(), null, new GroupId(9999), null))
                            .field())
                    .isEqualTo("group_id");
            assertThat(invalid(() -> service.assign(admin, role.id(), alice.id(), null, new GroupId(9999)))
                            .field())
                    .isEqualTo("scope_group_id");
            assertThat(invalid(() -> service.assign(admin, new RoleId(9999), alice.id(), null, null))
                            .field())
                    .isEqualTo("role_id");
        }

        @Test
        void idsOfAnotherWorkspaceAreUnknown() {
            Principal foreign =
                    kit.principalIn(OTHER_WORKSPACE, Principals.aUser("mallory").build());
            Role foreignRole = kit.role(OTHER_WORKSPACE, BuiltInRole.WORKSPACE_ADMIN);

            assertThat(invalid(() -> service.assign(
                                    admin, kit.role(BuiltInRole.AUDITOR).id(), foreign.id(), null, null))
                            .field())
                    .isEqualTo("principal_id");
            assertThat(invalid(() -> service.assign(admin, foreignRole.id(), alice.id(), null, null))
                            .field())
                    .isEqualTo("role_id");
        }
    }

    @Nested
    class Unassigning {
        @Test
        void removesTheAssignmentAndItsPermissionsAndIsAudited() {
            Role role = tokenOps();
            RoleAssignment assignment = service.assign(admin, role.id(), alice.id(), null, null);

            service.unassign(admin, assignment.id());

            assertThat(kit.directory.assignments.findById(WORKSPACE, assignment.id()))
                    .isEmpty();
            assertThat(kit.resolver.of(WORKSPACE, alice.id()).holds(Permission.TOKEN_MANAGEMENT_READ))
                    .isFalse();
            assertThat(kit.audit.eventsWith(AuditAction.ROLE_UNASSIGNED))
                    .singleElement()
                    .satisfies(event -> assertThat(event.details())
                            .containsEntry("assignment_id", assignment.id().toString())
                            .containsEntry("role", "token-ops"));
        }

        @Test
        void anUnknownAssignmentIsNotFound() {
            assertThatThrownBy(() -> service.unassign(admin, new RoleAssignmentId(9999)))
                    .isInstanceOf(ResourceNotFoundException.class);
        }

        @Test
        void anAssignmentOfAnotherWorkspaceIsNotFound() {
            Principal foreignAdmin =
                    kit.principalIn(OTHER_WORKSPACE, Principals.aUser("boss").build(), BuiltInRole.WORKSPACE_ADMIN);
            RoleAssignment mine = service.assign(admin, tokenOps().id(), alice.id(), null, null);

            assertThatThrownBy(() -> service.unassign(Principals.actor(foreignAdmin), mine.id()))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThat(kit.directory.assignments.findById(WORKSPACE, mine.id())).isPresent();
        }
    }

    @Nested
    class WithoutRolesWrite {
        private final Actor user = Principals.actor(alice);

        @Test
        void everyChangeIsRefused() {
            Role role = tokenOps();
            RoleAssignment assignment = service.assign(admin, role.id(), alice.id(), null, null);
            Map<String, Object> before = kit.state();

            for (ThrowingCallable change : new ThrowingCallable[] {
                () -> service.create(user, "mine", null, Set.of(Permission.AUDIT_READ)),
                () -> service.update(user, role.id(), "mine", null, null),
                () -> service.delete(user, role.id()),
                () -> service.assign(user, kit.role(BuiltInRole.WORKSPACE_ADMIN).id(), alice.id(), null, null),
                () -> service.unassign(user, assignment.id())
            }) {
                assertThatThrownBy(change)
                        .isInstanceOfSatisfying(
                                PermissionDeniedException.class,
                                denied -> assertThat(denied.permission()).isEqualTo("roles:write"));
            }
            assertThat(kit.state()).isEqualTo(before);
        }

        @Test
        void readingIsAllowedWithRolesRead() {
            assertThat(service.list(user)).hasSize(5);
            assertThat(service.assignments(user)).isNotEmpty();
        }

        @Test
        void aCustomRoleWithRolesWriteIsEnough() {
            Role roleAdmin = service.create(admin, "role-admin", null, Set.of(Permission.ROLES_WRITE));
            service.assign(admin, roleAdmin.id(), alice.id(), null, null);

            Role created = service.create(user, "mine", null, Set.of(Permission.AUDIT_READ));

            assertThat(created.name()).isEqualTo("mine");
        }

        @Test
        void roleWriteAtAGroupsScopeIsNotEnough() {
            Role roleAdmin = service.create(admin, "role-admin", null, Set.of(Permission.ROLES_WRITE));
            service.assign(admin, roleAdmin.id(), alice.id(), null, ops.id());

            assertThatThrownBy(() -> service.create(user, "mine", null, Set.of()))
                    .isInstanceOf(PermissionDeniedException.class);
        }
    }
}
