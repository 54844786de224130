package dev.warden.persistence.role;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.Group;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleId;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every {@link RoleRepository} must do: the JDBC adapter on each database and the in-memory fake.
 * <p>
 * {@code @Transactional} is repeated here although the JDBC subclasses have it through {@code @JdbcAdapterTest}:
 * Spring looks for a test method's transaction on the class that declares the method, so the contract's tests
 * would otherwise run without the rolled-back test transaction. Without a Spring context (the fakes) it does nothing.
 */
@Transactional
public abstract class RoleRepositoryContract {
    protected static final Set<String> BUILT_IN_NAMES =
            Set.of("workspace-admin", "user", "auditor", "group-admin", "group-member");

    protected WorkspaceId workspace;

    protected abstract RoleRepository roles();

    protected abstract WorkspaceRepository workspaces();

    /** Deleting a role takes its assignments along; these share the store with {@link #roles()}. */
    protected abstract PrincipalRepository principals();

    protected abstract GroupRepository groups();

    protected abstract RoleAssignmentRepository assignments();

    /** Asserts that the call is refused because the name is taken in that workspace. */
    protected abstract void assertRefusedAsDuplicate(ThrowingCallable save);

    @BeforeEach
    void givenAWorkspaceWithItsBuiltInRoles() {
        workspace = newWorkspace();
        roles().seedBuiltIns(workspace);
    }

    protected WorkspaceId newWorkspace() {
        return workspaces().create("ws-" + UUID.randomUUID()).id();
    }

    protected Role custom(String name, Permission... permissions) {
        return roles().save(Role.custom(workspace, name, "about " + name, Set.of(permissions)));
    }

    protected Role builtIn(BuiltInRole role) {
        return roles().findByName(workspace, role.roleName()).orElseThrow();
    }

    // ---- built-ins ----

    @Test
    void seedBuiltInsCreatesTheFiveBuiltInRolesWithTheirPermissions() {
        List<Role> all = roles().list(workspace);

        assertThat(all).hasSize(5).allSatisfy(role -> {
            assertThat(role.builtIn()).isTrue();
            assertThat(role.workspace()).isEqualTo(workspace);
            assertThat(role.id()).isNotNull();
        });
        assertThat(all).extracting(Role::name).containsExactlyInAnyOrderElementsOf(BUILT_IN_NAMES);
        for (BuiltInRole builtIn : BuiltInRole.values()) {
            Role role = builtIn(builtIn);
            assertThat(role.permissions()).as(builtIn.roleName()).isEqualTo(builtIn.permissions());
            assertThat(role.description()).isEqualTo(builtIn.description());
            assertThat(role.asBuiltIn()).contains(builtIn);
            assertThat(roles().findById(workspace, role.id())).contains(role);
        }
        assertThat(builtIn(BuiltInRole.WORKSPACE_ADMIN).permissions())
                .containsExactlyInAnyOrderElementsOf(Permission.warden());
        assertThat(builtIn(BuiltInRole.AUDITOR).permissions())
                .contains(Permission.AUDIT_READ)
                .doesNotContain(Permission.TOKENS_WRITE, Permission.ROLES_WRITE);
        assertThat(all).extracting(Role::id).doesNotHaveDuplicates();
    }

    @Test
    void everyWorkspaceHasItsOwnBuiltInRoles() {
        WorkspaceId other = newWorkspace();
        assertThat(roles().list(other)).as("not seeded yet").isEmpty();

        roles().seedBuiltIns(other);

        Role here = builtIn(BuiltInRole.WORKSPACE_ADMIN);
        Role there = roles().findByName(other, "workspace-admin").orElseThrow();
        assertThat(there.id()).isNotEqualTo(here.id());
        assertThat(there.workspace()).isEqualTo(other);
        assertThat(roles().list(other)).hasSize(5);
        assertThat(roles().list(workspace)).hasSize(5);
    }

    // ---- custom roles ----

    @Test
    void saveInsertsACustomRoleWithItsPermissions() {
        Role wanted = Role.custom(
                workspace,
                "token-reader",
                "Reads tokens – ü 🚀",
                Set.of(Permission.TOKENS_READ, Permission.TOKEN_MANAGEMENT_READ, Permission.AUDIT_READ));

        Role saved = roles().save(wanted);

        assertThat(saved.id()).isNotNull();
        assertThat(saved).isEqualTo(wanted.withId(saved.id()));
        assertThat(roles().findById(workspace, saved.id())).contains(saved);
        assertThat(roles().findByName(workspace, "token-reader"))
                .get()
                .satisfies(role -> {
                    assertThat(role.builtIn()).isFalse();
                    assertThat(role.asBuiltIn()).isEmpty();
                    assertThat(role.permissions())
                            .containsExactlyInAnyOrder(
                                    Permission.TOKENS_READ, Permission.TOKEN_MANAGEMENT_READ, Permission.AUDIT_READ);
                })
                .isEqualTo(saved);
    }

    @Test
    void aCustomRoleMayHoldNoPermissions() {
        Role empty = custom("nothing");

        assertThat(roles().findById(workspace, empty.id()))
                .get()
                .satisfies(role -> assertThat(role.permissions()).isEmpty())
                .isEqualTo(empty);
    }

    @Test
    void aCustomRoleMayHoldEveryPermission() {
        Role all = custom("everything", Permission.warden().toArray(Permission[]::new));

        assertThat(roles().findById(workspace, all.id()))
                .get()
                .extracting(Role::permissions)
                .isEqualTo(Set.copyOf(Permission.warden()));
    }

    @Test
    void saveUpdatesACustomRoleAndReplacesItsPermissions() {
        Role role = custom("operator", Permission.TOKENS_READ, Permission.TOKENS_WRITE);

        Role edited = roles().save(
                        role.edited("operator-2", "changed", Set.of(Permission.TOKENS_WRITE, Permission.SCIM_READ)));

        assertThat(edited.id()).isEqualTo(role.id());
        assertThat(roles().findById(workspace, role.id()))
                .get()
                .satisfies(r -> {
                    assertThat(r.name()).isEqualTo("operator-2");
                    assertThat(r.description()).isEqualTo("changed");
                    assertThat(r.permissions())
                            .containsExactlyInAnyOrder(Permission.TOKENS_WRITE, Permission.SCIM_READ);
                })
                .isEqualTo(edited);
        assertThat(roles().findByName(workspace, "operator")).isEmpty();

        roles().save(edited.edited("operator-2", "", Set.of()));

        assertThat(roles().findById(workspace, role.id()))
                .get()
                .satisfies(r -> assertThat(r.permissions()).isEmpty());
    }

    @Test
    void updatingOneRoleLeavesTheOthersPermissionsAlone() {
        Role first = custom("first", Permission.TOKENS_READ, Permission.AUDIT_READ);
        Role second = custom("second", Permission.TOKENS_READ, Permission.AUDIT_READ);

        roles().save(first.edited("first", "", Set.of(Permission.SCIM_WRITE)));

        assertThat(roles().findById(workspace, second.id())).contains(second);
    }

    @Test
    void aBuiltInRoleIsNeverChangedBySave() {
        Role admin = builtIn(BuiltInRole.WORKSPACE_ADMIN);
        Role auditor = builtIn(BuiltInRole.AUDITOR);

        for (Role changed : List.of(
                admin.edited("root", "hacked", Set.of(Permission.TOKENS_READ)),
                auditor.edited("auditor", "changed", Set.copyOf(Permission.warden())))) {
            try {
                roles().save(changed);
            } catch (RuntimeException refused) {
                // refusing is fine; what matters is what is stored afterwards
            }
        }

        assertThat(roles().findById(workspace, admin.id())).contains(admin);
        assertThat(roles().findById(workspace, auditor.id())).contains(auditor);
        assertThat(roles().findByName(workspace, "root")).isEmpty();
        assertThat(roles().list(workspace)).hasSize(5);
    }

    @Test
    void aBuiltInRoleIsNeverDeleted() {
        for (BuiltInRole builtIn : BuiltInRole.values()) {
            assertThat(roles().delete(workspace, builtIn(builtIn).id()))
                    .as(builtIn.roleName())
                    .isFalse();
        }

        assertThat(roles().list(workspace)).extracting(Role::name).containsExactlyInAnyOrderElementsOf(BUILT_IN_NAMES);
    }

    @Test
    void listShowsTheBuiltInRolesFirstThenTheCustomRolesByName() {
        Role zeta = custom("zeta", Permission.AUDIT_READ);
        Role alpha = custom("alpha");
        Role mid = custom("mid", Permission.SCIM_READ, Permission.SCIM_WRITE);

        List<Role> all = roles().list(workspace);

        assertThat(all).hasSize(8);
        assertThat(all.subList(0, 5)).extracting(Role::name).containsExactlyInAnyOrderElementsOf(BUILT_IN_NAMES);
        assertThat(all.subList(5, 8)).containsExactly(alpha, mid, zeta);
    }

    @Test
    void aDuplicateNameInOneWorkspaceIsRefused() {
        Role operator = custom("operator", Permission.TOKENS_READ);

        assertRefusedAsDuplicate(
                () -> roles().save(Role.custom(workspace, "operator", "", Set.of(Permission.AUDIT_READ))));
        assertThat(roles().findByName(workspace, "operator")).contains(operator);
        assertThat(roles().list(workspace)).hasSize(6);
    }

    @Test
    void aCustomRoleCannotTakeABuiltInName() {
        assertRefusedAsDuplicate(
                () -> roles().save(Role.custom(workspace, "auditor", "", Set.of(Permission.AUDIT_READ))));

        assertThat(builtIn(BuiltInRole.AUDITOR).builtIn()).isTrue();
        assertThat(roles().list(workspace)).hasSize(5);
    }

    @Test
    void renamingOntoATakenNameIsRefused() {
        custom("first");
        Role second = custom("second", Permission.TOKENS_READ);

        assertRefusedAsDuplicate(() -> roles().save(second.edited("first", "", Set.of(Permission.TOKENS_READ))));
        assertThat(roles().findById(workspace, second.id())).contains(second);
    }

    @Test
    void theSameCustomNameInTwoWorkspacesIsTwoRoles() {
        WorkspaceId other = newWorkspace();

        Role here = custom("operator", Permission.TOKENS_READ);
        Role there = roles().save(Role.custom(other, "operator", "", Set.of(Permission.AUDIT_READ)));

        assertThat(here.id()).isNotEqualTo(there.id());
        assertThat(roles().findByName(workspace, "operator")).contains(here);
        assertThat(roles().findByName(other, "operator")).contains(there);
    }

    @Test
    void deleteRemovesACustomRoleAndSaysWhetherThereWasOne() {
        Role operator = custom("operator", Permission.TOKENS_READ);
        Role kept = custom("kept", Permission.TOKENS_READ);

        assertThat(roles().delete(workspace, operator.id())).isTrue();
        assertThat(roles().delete(workspace, operator.id())).isFalse();

        assertThat(roles().findById(workspace, operator.id())).isEmpty();
        assertThat(roles().findByName(workspace, "operator")).isEmpty();
        assertThat(roles().findById(workspace, kept.id())).contains(kept);
        assertThat(roles().list(workspace)).hasSize(6);
    }

    @Test
    void aDeletedRolesNameCanBeTakenAgainWithoutItsOldPermissions() {
        Role operator = custom("operator", Permission.TOKENS_READ, Permission.AUDIT_READ);
        roles().delete(workspace, operator.id());

        Role again = custom("operator", Permission.SCIM_READ);

        assertThat(roles().findByName(workspace, "operator"))
                .get()
                .satisfies(r -> assertThat(r.permissions()).containsExactly(Permission.SCIM_READ))
                .isEqualTo(again);
    }

    // ---- workspace isolation ----

    @Test
    void lookupsInAnotherWorkspaceFindNothing() {
        Role operator = custom("operator", Permission.TOKENS_READ);
        Role admin = builtIn(BuiltInRole.WORKSPACE_ADMIN);
        WorkspaceId other = newWorkspace();

        assertThat(roles().findById(other, operator.id())).isEmpty();
        assertThat(roles().findById(other, admin.id())).isEmpty();
        assertThat(roles().findByName(other, "operator")).isEmpty();
        assertThat(roles().findByName(other, "workspace-admin")).isEmpty();
        assertThat(roles().list(other)).isEmpty();
        assertThat(roles().findById(workspace, new RoleId(987_654_321L))).isEmpty();
    }

    @Test
    void anotherWorkspaceCannotDeleteTheRole() {
        Role operator = custom("operator", Permission.TOKENS_READ);
        WorkspaceId other = newWorkspace();

        assertThat(roles().delete(other, operator.id())).isFalse();

        assertThat(roles().findById(workspace, operator.id())).contains(operator);
    }

    @Test
    void saveCannotChangeARoleOfAnotherWorkspace() {
        Role operator = custom("operator", Permission.ROLES_WRITE);
        WorkspaceId other = newWorkspace();
        roles().seedBuiltIns(other);

        try {
            roles().save(new Role(
                    operator.id(),
                    other,
                    "hijacked",
                    "",
                    false,
                    Set.of(Permission.TOKENS_READ, Permission.TOKEN_MANAGEMENT_WRITE)));
        } catch (RuntimeException refused) {
            // refusing is fine; what matters is what is stored afterwards
        }

        assertThat(roles().findById(workspace, operator.id())).contains(operator);
        assertThat(roles().findById(other, operator.id())).isEmpty();
        assertThat(roles().findByName(other, "hijacked")).isEmpty();
        assertThat(roles().list(other)).hasSize(5);
    }

    @Test
    void saveCannotChangeABuiltInRoleOfAnotherWorkspace() {
        Role admin = builtIn(BuiltInRole.USER);
        WorkspaceId other = newWorkspace();

        try {
            roles().save(new Role(admin.id(), other, "user", "", false, Set.copyOf(Permission.warden())));
        } catch (RuntimeException refused) {
            // refusing is fine; what matters is what is stored afterwards
        }

        assertThat(roles().findById(workspace, admin.id())).contains(admin);
    }

    @Test
    void deleteTakesTheAssignmentsOfTheRoleAlong() {
        PrincipalId alice = new Fixtures(workspaces(), principals()).user(workspace, "alice");
        Group team = groups().save(new Group(null, workspace, "team", null));
        Role operator = custom("operator", Permission.TOKENS_READ, Permission.AUDIT_READ);
        Role kept = custom("kept", Permission.TOKENS_READ);
        assignments().add(RoleAssignment.toPrincipal(workspace, operator.id(), alice, null));
        assignments().add(RoleAssignment.toGroup(workspace, operator.id(), team.id(), team.id()));
        RoleAssignment keptGrant = assignments().add(RoleAssignment.toPrincipal(workspace, kept.id(), alice, null));
        RoleAssignment adminGrant = assignments()
                .add(RoleAssignment.toPrincipal(
                        workspace, builtIn(BuiltInRole.WORKSPACE_ADMIN).id(), alice, null));

        assertThat(roles().delete(workspace, operator.id())).isTrue();

        assertThat(assignments().forRole(workspace, operator.id())).isEmpty();
        assertThat(assignments().list(workspace)).containsExactlyInAnyOrder(keptGrant, adminGrant);
        assertThat(assignments().forAssignees(workspace, alice, List.of(team.id())))
                .containsExactlyInAnyOrder(keptGrant, adminGrant);
        assertThat(groups().findById(workspace, team.id())).contains(team);
    }

    @Test
    void aRefusedDeleteKeepsTheAssignments() {
        PrincipalId alice = new Fixtures(workspaces(), principals()).user(workspace, "alice");
        Role admin = builtIn(BuiltInRole.WORKSPACE_ADMIN);
        Role operator = custom("operator", Permission.TOKENS_READ);
        RoleAssignment adminGrant = assignments().add(RoleAssignment.toPrincipal(workspace, admin.id(), alice, null));
        RoleAssignment operatorGrant =
                assignments().add(RoleAssignment.toPrincipal(workspace, operator.id(), alice, null));
        WorkspaceId other = newWorkspace();

        assertThat(roles().delete(workspace, admin.id())).isFalse();
        assertThat(roles().delete(other, operator.id())).isFalse();

        assertThat(assignments().list(workspace)).containsExactlyInAnyOrder(adminGrant, operatorGrant);
    }
}
