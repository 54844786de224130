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
import dev.warden.core.role.RoleAssignmentId;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every {@link RoleAssignmentRepository} must do: the JDBC adapter on each database and the in-memory fake.
 * <p>
 * {@code @Transactional} is repeated here although the JDBC subclasses have it through {@code @JdbcAdapterTest}:
 * Spring looks for a test method's transaction on the class that declares the method, so the contract's tests
 * would otherwise run without the rolled-back test transaction. Without a Spring context (the fakes) it does nothing.
 */
@Transactional
public abstract class RoleAssignmentRepositoryContract {
    protected WorkspaceId workspace;
    protected PrincipalId alice;
    protected PrincipalId bob;
    protected Group team;
    protected Group crew;
    protected Role admin;
    protected Role auditor;
    protected Role groupAdmin;
    protected Role operator;

    protected abstract RoleAssignmentRepository assignments();

    protected abstract RoleRepository roles();

    protected abstract GroupRepository groups();

    protected abstract PrincipalRepository principals();

    protected abstract WorkspaceRepository workspaces();

    protected Fixtures fixtures() {
        return new Fixtures(workspaces(), principals());
    }

    @BeforeEach
    void givenAWorkspaceWithUsersGroupsAndRoles() {
        workspace = fixtures().workspace();
        alice = fixtures().user(workspace, "alice");
        bob = fixtures().user(workspace, "bob");
        team = groups().save(new Group(null, workspace, "team", null));
        crew = groups().save(new Group(null, workspace, "crew", null));
        roles().seedBuiltIns(workspace);
        admin = roles().findByName(workspace, BuiltInRole.WORKSPACE_ADMIN.roleName())
                .orElseThrow();
        auditor = roles().findByName(workspace, BuiltInRole.AUDITOR.roleName()).orElseThrow();
        groupAdmin = roles().findByName(workspace, BuiltInRole.GROUP_ADMIN.roleName())
                .orElseThrow();
        operator = roles().save(Role.custom(workspace, "operator", "", Set.of(Permission.TOKENS_READ)));
    }

    protected RoleAssignment toPrincipal(Role role, PrincipalId principal, Group scope) {
        return assignments()
                .add(RoleAssignment.toPrincipal(workspace, role.id(), principal, scope == null ? null : scope.id()));
    }

    protected RoleAssignment toGroup(Role role, Group group, Group scope) {
        return assignments()
                .add(RoleAssignment.toGroup(workspace, role.id(), group.id(), scope == null ? null : scope.id()));
    }

    @Test
    void addStoresAnAssignmentToAPrincipalAtWorkspaceScope() {
        RoleAssignment wanted = RoleAssignment.toPrincipal(workspace, admin.id(), alice, null);

        RoleAssignment saved = assignments().add(wanted);

        assertThat(saved.id()).isNotNull();
        assertThat(saved).isEqualTo(wanted.withId(saved.id()));
        assertThat(assignments().findById(workspace, saved.id()))
                .get()
                .satisfies(a -> {
                    assertThat(a.principal()).isEqualTo(alice);
                    assertThat(a.group()).isNull();
                    assertThat(a.scopeGroup()).isNull();
                    assertThat(a.atWorkspaceScope()).isTrue();
                })
                .isEqualTo(saved);
    }

    @Test
    void addStoresAnAssignmentToAGroup() {
        RoleAssignment wanted = RoleAssignment.toGroup(workspace, operator.id(), team.id(), null);

        RoleAssignment saved = assignments().add(wanted);

        assertThat(assignments().findById(workspace, saved.id()))
                .get()
                .satisfies(a -> {
                    assertThat(a.principal()).isNull();
                    assertThat(a.group()).isEqualTo(team.id());
                    assertThat(a.role()).isEqualTo(operator.id());
                })
                .isEqualTo(wanted.withId(saved.id()));
    }

    @Test
    void addStoresAnAssignmentAtOneGroupsScope() {
        RoleAssignment toAlice =
                assignments().add(RoleAssignment.toPrincipal(workspace, groupAdmin.id(), alice, team.id()));
        RoleAssignment toCrew =
                assignments().add(RoleAssignment.toGroup(workspace, groupAdmin.id(), crew.id(), team.id()));

        assertThat(assignments().findById(workspace, toAlice.id()))
                .get()
                .satisfies(a -> {
                    assertThat(a.scopeGroup()).isEqualTo(team.id());
                    assertThat(a.atWorkspaceScope()).isFalse();
                })
                .isEqualTo(RoleAssignment.toPrincipal(workspace, groupAdmin.id(), alice, team.id())
                        .withId(toAlice.id()));
        assertThat(assignments().findById(workspace, toCrew.id()))
                .contains(RoleAssignment.toGroup(workspace, groupAdmin.id(), crew.id(), team.id())
                        .withId(toCrew.id()));
    }

    @Test
    void everyAssignmentGetsItsOwnId() {
        RoleAssignment first = toPrincipal(admin, alice, null);
        RoleAssignment second = toPrincipal(auditor, alice, null);
        RoleAssignment third = toGroup(auditor, team, null);

        assertThat(List.of(first.id(), second.id(), third.id())).doesNotHaveDuplicates();
    }

    @Test
    void unknownIdsFindNothing() {
        toPrincipal(admin, alice, null);

        assertThat(assignments().findById(workspace, new RoleAssignmentId(987_654_321L)))
                .isEmpty();
        assertThat(assignments().delete(workspace, new RoleAssignmentId(987_654_321L)))
                .isFalse();
    }

    @Test
    void forAssigneesFindsTheDirectAssignmentsAndThoseOfTheGivenGroups() {
        RoleAssignment direct = toPrincipal(auditor, alice, null);
        RoleAssignment scoped = toPrincipal(groupAdmin, alice, crew);
        RoleAssignment viaTeam = toGroup(operator, team, null);
        RoleAssignment viaCrew = toGroup(admin, crew, null);
        toPrincipal(admin, bob, null);
        toPrincipal(groupAdmin, bob, team);

        assertThat(assignments().forAssignees(workspace, alice, List.of(team.id(), crew.id())))
                .containsExactlyInAnyOrder(direct, scoped, viaTeam, viaCrew);
        assertThat(assignments().forAssignees(workspace, alice, List.of(team.id())))
                .containsExactlyInAnyOrder(direct, scoped, viaTeam);
        assertThat(assignments().forAssignees(workspace, alice, Set.of(crew.id())))
                .containsExactlyInAnyOrder(direct, scoped, viaCrew);
    }

    @Test
    void forAssigneesWithoutGroupsFindsTheDirectAssignmentsOnly() {
        RoleAssignment direct = toPrincipal(auditor, alice, null);
        RoleAssignment scoped = toPrincipal(groupAdmin, alice, team);
        toGroup(operator, team, null);
        toPrincipal(admin, bob, null);

        assertThat(assignments().forAssignees(workspace, alice, List.of())).containsExactlyInAnyOrder(direct, scoped);
        assertThat(assignments().forAssignees(workspace, fixtures().user(workspace, "carol"), List.of()))
                .isEmpty();
    }

    @Test
    void aGroupScopeIsNotAnAssigneeItself() {
        toPrincipal(groupAdmin, bob, team);

        assertThat(assignments().forAssignees(workspace, alice, List.of(team.id())))
                .isEmpty();
    }

    @Test
    void forRoleFindsEveryAssignmentOfTheRole() {
        RoleAssignment alicesAdmin = toPrincipal(admin, alice, null);
        RoleAssignment crewsAdmin = toGroup(admin, crew, null);
        toPrincipal(auditor, alice, null);
        toPrincipal(operator, bob, null);

        assertThat(assignments().forRole(workspace, admin.id())).containsExactlyInAnyOrder(alicesAdmin, crewsAdmin);
        assertThat(assignments().forRole(workspace, groupAdmin.id())).isEmpty();
    }

    @Test
    void listShowsEveryAssignmentOfTheWorkspace() {
        RoleAssignment first = toPrincipal(admin, alice, null);
        RoleAssignment second = toGroup(operator, team, crew);
        RoleAssignment third = toPrincipal(groupAdmin, bob, team);

        assertThat(assignments().list(workspace)).containsExactlyInAnyOrder(first, second, third);
    }

    @Test
    void deleteRemovesTheAssignmentAndSaysWhetherThereWasOne() {
        RoleAssignment gone = toPrincipal(admin, alice, null);
        RoleAssignment kept = toPrincipal(auditor, alice, null);

        assertThat(assignments().delete(workspace, gone.id())).isTrue();
        assertThat(assignments().delete(workspace, gone.id())).isFalse();

        assertThat(assignments().findById(workspace, gone.id())).isEmpty();
        assertThat(assignments().list(workspace)).containsExactly(kept);
        assertThat(assignments().forRole(workspace, admin.id())).isEmpty();
        assertThat(assignments().forAssignees(workspace, alice, List.of())).containsExactly(kept);
    }

    // ---- workspace isolation ----

    @Test
    void anotherWorkspaceSeesNoneOfTheAssignments() {
        RoleAssignment direct = toPrincipal(admin, alice, null);
        toGroup(operator, team, null);
        WorkspaceId other = fixtures().workspace();
        roles().seedBuiltIns(other);
        PrincipalId stranger = fixtures().user(other, "alice");
        Role otherAdmin = roles().findByName(other, "workspace-admin").orElseThrow();
        RoleAssignment foreign = assignments().add(RoleAssignment.toPrincipal(other, otherAdmin.id(), stranger, null));

        assertThat(assignments().findById(other, direct.id())).isEmpty();
        assertThat(assignments().forAssignees(other, alice, List.of(team.id()))).isEmpty();
        assertThat(assignments().forRole(other, admin.id())).isEmpty();
        assertThat(assignments().list(other)).containsExactly(foreign);
        assertThat(assignments().findById(workspace, foreign.id())).isEmpty();
        assertThat(assignments().forRole(workspace, otherAdmin.id())).isEmpty();
        assertThat(assignments().forAssignees(workspace, stranger, List.of())).isEmpty();
        assertThat(assignments().list(workspace)).hasSize(2).doesNotContain(foreign);
    }

    @Test
    void anotherWorkspaceCannotDeleteTheAssignment() {
        RoleAssignment direct = toPrincipal(admin, alice, null);
        WorkspaceId other = fixtures().workspace();

        assertThat(assignments().delete(other, direct.id())).isFalse();

        assertThat(assignments().findById(workspace, direct.id())).contains(direct);
    }

    @Test
    void anAssignmentNamingAnotherWorkspacesRoleOrAssigneeIsNotStored() {
        WorkspaceId other = fixtures().workspace();
        roles().seedBuiltIns(other);
        PrincipalId stranger = fixtures().user(other, "mallory");
        Group foreignGroup = groups().save(new Group(null, other, "foreign", null));
        Role foreignAdmin = roles().findByName(other, "workspace-admin").orElseThrow();

        for (RoleAssignment forged : List.of(
                RoleAssignment.toPrincipal(workspace, foreignAdmin.id(), alice, null),
                RoleAssignment.toPrincipal(workspace, admin.id(), stranger, null),
                RoleAssignment.toGroup(workspace, admin.id(), foreignGroup.id(), null),
                RoleAssignment.toPrincipal(workspace, groupAdmin.id(), alice, foreignGroup.id()),
                RoleAssignment.toPrincipal(other, admin.id(), stranger, null))) {
            try {
                assignments().add(forged);
            } catch (RuntimeException refused) {
                // refusing is fine; what matters is what is stored afterwards
            }
        }

        assertThat(assignments().list(workspace)).isEmpty();
        assertThat(assignments().list(other)).isEmpty();
    }
}
