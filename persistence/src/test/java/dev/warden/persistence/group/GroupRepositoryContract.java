package dev.warden.persistence.group;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.filter.Filter;
import dev.warden.core.filter.FilterParser;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupAttributes;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupQuery;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every {@link GroupRepository} must do: the JDBC adapter on each database and the in-memory fake.
 * <p>
 * {@code @Transactional} is repeated here although the JDBC subclasses have it through {@code @JdbcAdapterTest}:
 * Spring looks for a test method's transaction on the class that declares the method, so the contract's tests
 * would otherwise run without the rolled-back test transaction. Without a Spring context (the fakes) it does nothing.
 */
@Transactional
public abstract class GroupRepositoryContract {
    protected WorkspaceId workspace;
    protected PrincipalId alice;
    protected PrincipalId bob;

    protected abstract GroupRepository groups();

    protected abstract WorkspaceRepository workspaces();

    protected abstract PrincipalRepository principals();

    /** Deleting a group takes role assignments along; they share the store with {@link #groups()}. */
    protected abstract RoleRepository roles();

    protected abstract RoleAssignmentRepository assignments();

    /** Asserts that the call is refused because the display name is taken in that workspace. */
    protected abstract void assertRefusedAsDuplicate(ThrowingCallable save);

    protected Fixtures fixtures() {
        return new Fixtures(workspaces(), principals());
    }

    @BeforeEach
    void givenAWorkspaceWithTwoUsers() {
        workspace = fixtures().workspace();
        alice = fixtures().user(workspace, "alice");
        bob = fixtures().user(workspace, "bob");
    }

    protected Group group(String displayName) {
        return groups().save(new Group(null, workspace, displayName, null));
    }

    private Page<Group> search(String equals, String contains) {
        return groups().search(workspace, query(equals, contains), PageRequest.first(100));
    }

    /** displayName eq (any case) and/or a substring of it. */
    private static GroupQuery query(String equals, String contains) {
        Filter filter =
                equals == null ? null : new Filter.Compare(GroupAttributes.DISPLAY_NAME, Filter.Operator.EQ, equals);
        return new GroupQuery(filter, contains, null);
    }

    private static List<String> names(Page<Group> page) {
        return page.items().stream().map(Group::displayName).toList();
    }

    // ---- save, find, rename ----

    @Test
    void saveInsertsAGroupAndAssignsItAnId() {
        Group admins = new Group(null, workspace, "Admins – Zürich 🚀", "ext-\"42\"");

        Group saved = groups().save(admins);
        Group other = group("Developers");

        assertThat(saved.id()).isNotNull().isNotEqualTo(other.id());
        assertThat(saved).isEqualTo(admins.withId(saved.id()));
        assertThat(groups().findById(workspace, saved.id())).contains(saved);
        assertThat(groups().findByDisplayName(workspace, "Admins – Zürich 🚀")).contains(saved);
        assertThat(groups().findById(workspace, other.id()))
                .get()
                .extracting(Group::externalId)
                .isNull();
    }

    @Test
    void saveRenamesAStoredGroup() {
        Group team = groups().save(new Group(null, workspace, "team", "ext-1"));

        Group renamed = groups().save(team.renamed("crew", null));

        assertThat(renamed.id()).isEqualTo(team.id());
        assertThat(groups().findById(workspace, team.id())).contains(new Group(team.id(), workspace, "crew", null));
        assertThat(groups().findByDisplayName(workspace, "crew")).contains(renamed);
        assertThat(groups().findByDisplayName(workspace, "team")).isEmpty();
    }

    @Test
    void aRenamedGroupKeepsItsMembers() {
        Group team = group("team");
        groups().addMember(workspace, team.id(), alice);

        groups().save(team.renamed("crew", null));

        assertThat(groups().members(workspace, team.id())).containsExactly(alice);
    }

    @Test
    void unknownIdsAndNamesFindNothing() {
        group("team");

        assertThat(groups().findById(workspace, new GroupId(987_654_321L))).isEmpty();
        assertThat(groups().findByDisplayName(workspace, "teams")).isEmpty();
        assertThat(groups().findByDisplayName(workspace, "tea")).isEmpty();
    }

    @Test
    void aDuplicateDisplayNameInOneWorkspaceIsRefused() {
        Group team = group("team");

        assertRefusedAsDuplicate(() -> groups().save(new Group(null, workspace, "team", "other")));
        assertThat(groups().findByDisplayName(workspace, "team")).contains(team);
        assertThat(search(null, null).total()).isEqualTo(1);
    }

    @Test
    void renamingOntoATakenDisplayNameIsRefused() {
        group("team");
        Group crew = group("crew");

        assertRefusedAsDuplicate(() -> groups().save(crew.renamed("team", null)));
        assertThat(groups().findById(workspace, crew.id())).contains(crew);
    }

    @Test
    void theSameDisplayNameInTwoWorkspacesIsTwoGroups() {
        WorkspaceId other = fixtures().workspace();

        Group here = group("team");
        Group there = groups().save(new Group(null, other, "team", null));

        assertThat(here.id()).isNotEqualTo(there.id());
        assertThat(groups().findByDisplayName(workspace, "team")).contains(here);
        assertThat(groups().findByDisplayName(other, "team")).contains(there);
    }

    @Test
    void findAllByIdReturnsTheGroupsOfTheWorkspaceOnly() {
        Group team = group("team");
        Group crew = group("crew");
        group("band");
        WorkspaceId other = fixtures().workspace();
        Group foreign = groups().save(new Group(null, other, "team", null));

        assertThat(groups().findAllById(
                                workspace, List.of(team.id(), crew.id(), foreign.id(), new GroupId(987_654_321L))))
                .containsExactlyInAnyOrder(team, crew);
        assertThat(groups().findAllById(workspace, List.of())).isEmpty();
        assertThat(groups().findAllById(other, List.of(team.id(), foreign.id())))
                .containsExactly(foreign);
    }

    // ---- search ----

    @Test
    void searchListsTheGroupsOrderedByDisplayName() {
        Group c = group("charlie");
        Group a = group("alpha");
        Group b = group("bravo");

        Page<Group> page = search(null, null);

        assertThat(page.items()).containsExactly(a, b, c);
        assertThat(page.total()).isEqualTo(3);
    }

    @Test
    void searchByDisplayNameIgnoresCaseButMatchesWholeNames() {
        Group team = group("team");
        group("teams");
        group("my team");

        Page<Group> found = search("TEAM", null);

        assertThat(found.items()).containsExactly(team);
        assertThat(found.total()).isEqualTo(1);
        assertThat(search("tea", null).items()).isEmpty();
    }

    @Test
    void searchByContainsIgnoresCase() {
        group("Big Data");
        group("DATA scientists");
        group("Operations");

        assertThat(names(search(null, "data"))).containsExactly("Big Data", "DATA scientists");
        assertThat(names(search(null, "SCIEN"))).containsExactly("DATA scientists");
        assertThat(search(null, "nobody").total()).isZero();
    }

    @Test
    void containsTakesPercentUnderscoreAndBackslashLiterally() {
        group("100% club");
        group("100 club");
        group("ops_team");
        group("opsxteam");
        group("back\\slash");

        assertThat(names(search(null, "%"))).containsExactly("100% club");
        assertThat(names(search(null, "_"))).containsExactly("ops_team");
        assertThat(names(search(null, "s_t"))).containsExactly("ops_team");
        assertThat(names(search(null, "\\"))).containsExactly("back\\slash");
    }

    @Test
    void searchPagesWithOffsetAndLimitAndCountsEveryMatch() {
        for (String name : List.of("g-e", "g-b", "g-d", "g-a", "g-c", "other")) {
            group(name);
        }

        Page<Group> first = groups().search(workspace, query(null, "g-"), new PageRequest(0, 2));
        Page<Group> second = groups().search(workspace, query(null, "g-"), new PageRequest(2, 2));
        Page<Group> last = groups().search(workspace, query(null, "g-"), new PageRequest(4, 2));
        Page<Group> beyond = groups().search(workspace, query(null, "g-"), new PageRequest(9, 2));
        Page<Group> none = groups().search(workspace, query(null, "g-"), new PageRequest(0, 0));

        assertThat(names(first)).containsExactly("g-a", "g-b");
        assertThat(names(second)).containsExactly("g-c", "g-d");
        assertThat(names(last)).containsExactly("g-e");
        assertThat(beyond.items()).isEmpty();
        assertThat(none.items()).isEmpty();
        assertThat(List.of(first, second, last, beyond, none))
                .allSatisfy(page -> assertThat(page.total()).isEqualTo(5));
        assertThat(groups().search(workspace, query(null, null), new PageRequest(5, 10))
                        .items())
                .extracting(Group::displayName)
                .containsExactly("other");
    }

    @Test
    void searchSeesOnlyItsWorkspace() {
        group("team");
        WorkspaceId other = fixtures().workspace();
        Group foreign = groups().save(new Group(null, other, "crew", null));

        assertThat(groups().search(other, query(null, null), PageRequest.first(10))
                        .items())
                .containsExactly(foreign);
        assertThat(groups().search(other, query("team", null), PageRequest.first(10))
                        .total())
                .isZero();
        assertThat(groups().search(other, query(null, "tea"), PageRequest.first(10))
                        .total())
                .isZero();
        assertThat(search("crew", null).total()).isZero();
    }

    @Test
    void aScimFilterFindsWhatTheCoreEvaluatorFindsAndSortByPages() {
        Group ops = groups().save(new Group(null, workspace, "Ops", "EXT"));
        Group data = groups().save(new Group(null, workspace, "data_team", null));
        Group opsAdmins = groups().save(new Group(null, workspace, "ops admins", "ext"));
        groups().save(new Group(null, fixtures().workspace(), "Ops", null));
        List<Group> mine = List.of(ops, data, opsAdmins);

        for (String text : List.of(
                "displayName eq \"OPS\"",
                "displayName sw \"ops\"",
                "displayName co \"_\"",
                "displayName ew \"S\" and not (externalId pr)",
                "externalId eq \"ext\"",
                "id eq \"" + data.id().value() + "\" or displayName eq \"ops\"")) {
            Filter filter = FilterParser.parse(text, GroupAttributes.GROUPS);
            List<Group> expected = mine.stream()
                    .filter(group -> filter.matches(GroupAttributes.of(group)))
                    .toList();

            Page<Group> found = groups().search(workspace, GroupQuery.filtered(filter, null), PageRequest.first(10));

            assertThat(found.items()).as(text).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(found.total()).as(text).isEqualTo(expected.size());
        }
        GroupQuery down = GroupQuery.filtered(null, GroupAttributes.GROUPS.sortOrder("displayName", "descending"));
        List<Group> paged = new ArrayList<>();
        for (int offset = 0; offset < 4; offset++) {
            paged.addAll(
                    groups().search(workspace, down, new PageRequest(offset, 1)).items());
        }
        assertThat(paged).containsExactly(opsAdmins, ops, data);
    }

    // ---- members ----

    @Test
    void addMemberAddsOnceAndSaysWhetherItDid() {
        Group team = group("team");

        assertThat(groups().addMember(workspace, team.id(), alice)).isTrue();
        assertThat(groups().addMember(workspace, team.id(), alice)).isFalse();
        assertThat(groups().addMember(workspace, team.id(), bob)).isTrue();

        assertThat(groups().members(workspace, team.id()))
                .containsExactlyInAnyOrder(alice, bob)
                .hasSize(2);
    }

    @Test
    void aServicePrincipalCanBeAMember() {
        Group team = group("team");
        Principal robot = principals()
                .save(Principal.newServicePrincipal(workspace, "8f14e45f-ceea-467a-9575-2d5a8b1e7c01", "robot"));

        assertThat(groups().addMember(workspace, team.id(), robot.id())).isTrue();

        assertThat(groups().members(workspace, team.id())).containsExactly(robot.id());
        assertThat(groups().groupsOf(workspace, robot.id())).containsExactly(team);
    }

    @Test
    void removeMemberRemovesAndSaysWhetherItDid() {
        Group team = group("team");
        groups().addMember(workspace, team.id(), alice);
        groups().addMember(workspace, team.id(), bob);

        assertThat(groups().removeMember(workspace, team.id(), alice)).isTrue();
        assertThat(groups().removeMember(workspace, team.id(), alice)).isFalse();

        assertThat(groups().members(workspace, team.id())).containsExactly(bob);
        assertThat(groups().groupsOf(workspace, alice)).isEmpty();
        assertThat(groups().addMember(workspace, team.id(), alice))
                .as("can join again")
                .isTrue();
    }

    @Test
    void membershipsAreKeptPerGroup() {
        Group team = group("team");
        Group crew = group("crew");
        groups().addMember(workspace, team.id(), alice);
        groups().addMember(workspace, crew.id(), alice);
        groups().addMember(workspace, crew.id(), bob);

        groups().removeMember(workspace, crew.id(), alice);

        assertThat(groups().members(workspace, team.id())).containsExactly(alice);
        assertThat(groups().members(workspace, crew.id())).containsExactly(bob);
    }

    @Test
    void groupsOfListsTheDirectGroupsByDisplayName() {
        Group team = group("team");
        Group crew = group("crew");
        Group band = group("band");
        groups().addMember(workspace, team.id(), alice);
        groups().addMember(workspace, band.id(), alice);
        groups().addMember(workspace, crew.id(), bob);

        assertThat(groups().groupsOf(workspace, alice)).containsExactly(band, team);
        assertThat(groups().groupsOf(workspace, bob)).containsExactly(crew);
        assertThat(groups().groupsOf(workspace, fixtures().user(workspace, "carol")))
                .isEmpty();
    }

    @Test
    void aPrincipalOfAnotherWorkspaceCannotJoin() {
        Group team = group("team");
        WorkspaceId other = fixtures().workspace();
        PrincipalId stranger = fixtures().user(other, "alice");

        assertThat(groups().addMember(workspace, team.id(), stranger)).isFalse();
        assertThat(groups().addMember(other, team.id(), stranger)).isFalse();

        assertThat(groups().members(workspace, team.id())).isEmpty();
        assertThat(groups().members(other, team.id())).isEmpty();
        assertThat(groups().groupsOf(other, stranger)).isEmpty();
        assertThat(groups().groupsOf(workspace, stranger)).isEmpty();
    }

    @Test
    void aGroupOfAnotherWorkspaceTakesNoMembers() {
        WorkspaceId other = fixtures().workspace();
        Group foreign = groups().save(new Group(null, other, "team", null));

        assertThat(groups().addMember(workspace, foreign.id(), alice)).isFalse();
        assertThat(groups().addMember(other, foreign.id(), alice)).isFalse();

        assertThat(groups().members(other, foreign.id())).isEmpty();
        assertThat(groups().groupsOf(workspace, alice)).isEmpty();
        assertThat(groups().groupsOf(other, alice)).isEmpty();
    }

    @Test
    void addingAMemberToAnUnknownGroupAddsNothing() {
        assertThat(groups().addMember(workspace, new GroupId(987_654_321L), alice))
                .isFalse();

        assertThat(groups().groupsOf(workspace, alice)).isEmpty();
    }

    @Test
    void membersAndMembershipsAreInvisibleFromAnotherWorkspace() {
        Group team = group("team");
        groups().addMember(workspace, team.id(), alice);
        WorkspaceId other = fixtures().workspace();

        assertThat(groups().members(other, team.id())).isEmpty();
        assertThat(groups().groupsOf(other, alice)).isEmpty();
        assertThat(groups().removeMember(other, team.id(), alice)).isFalse();

        assertThat(groups().members(workspace, team.id())).containsExactly(alice);
    }

    // ---- delete ----

    @Test
    void deleteRemovesTheGroupWithItsMembershipsButNotTheMembers() {
        Group team = group("team");
        Group crew = group("crew");
        groups().addMember(workspace, team.id(), alice);
        groups().addMember(workspace, crew.id(), alice);

        assertThat(groups().delete(workspace, team.id())).isTrue();
        assertThat(groups().delete(workspace, team.id())).isFalse();

        assertThat(groups().findById(workspace, team.id())).isEmpty();
        assertThat(groups().findByDisplayName(workspace, "team")).isEmpty();
        assertThat(groups().members(workspace, team.id())).isEmpty();
        assertThat(groups().groupsOf(workspace, alice)).containsExactly(crew);
        assertThat(principals().findById(workspace, alice)).isPresent();
        assertThat(search(null, null).items()).containsExactly(crew);
    }

    @Test
    void aDeletedGroupsNameCanBeTakenAgain() {
        Group team = group("team");
        groups().delete(workspace, team.id());

        Group again = group("team");

        assertThat(again.id()).isNotEqualTo(team.id());
        assertThat(groups().members(workspace, again.id())).isEmpty();
    }

    @Test
    void anotherWorkspaceCannotDeleteTheGroup() {
        Group team = group("team");
        groups().addMember(workspace, team.id(), alice);
        WorkspaceId other = fixtures().workspace();

        assertThat(groups().delete(other, team.id())).isFalse();

        assertThat(groups().findById(workspace, team.id())).contains(team);
        assertThat(groups().members(workspace, team.id())).containsExactly(alice);
    }

    @Test
    void lookupsInAnotherWorkspaceFindNothing() {
        Group team = group("team");
        WorkspaceId other = fixtures().workspace();

        assertThat(groups().findById(other, team.id())).isEmpty();
        assertThat(groups().findByDisplayName(other, "team")).isEmpty();
    }

    @Test
    void deleteTakesTheRoleAssignmentsToTheGroupAndScopedToIt() {
        Group team = group("team");
        Group crew = group("crew");
        groups().addMember(workspace, team.id(), alice);
        roles().seedBuiltIns(workspace);
        Role groupAdmin = roles().findByName(workspace, "group-admin").orElseThrow();
        Role auditor = roles().findByName(workspace, "auditor").orElseThrow();
        RoleAssignment toTeam = assignments().add(RoleAssignment.toGroup(workspace, auditor.id(), team.id(), null));
        RoleAssignment scopedToTeam =
                assignments().add(RoleAssignment.toPrincipal(workspace, groupAdmin.id(), bob, team.id()));
        RoleAssignment crewOnTeam =
                assignments().add(RoleAssignment.toGroup(workspace, groupAdmin.id(), crew.id(), team.id()));
        RoleAssignment toCrew = assignments().add(RoleAssignment.toGroup(workspace, auditor.id(), crew.id(), null));
        RoleAssignment scopedToCrew =
                assignments().add(RoleAssignment.toPrincipal(workspace, groupAdmin.id(), bob, crew.id()));
        RoleAssignment toBob = assignments().add(RoleAssignment.toPrincipal(workspace, auditor.id(), bob, null));

        assertThat(groups().delete(workspace, team.id())).isTrue();

        assertThat(assignments().list(workspace)).containsExactlyInAnyOrder(toCrew, scopedToCrew, toBob);
        assertThat(assignments().findById(workspace, toTeam.id())).isEmpty();
        assertThat(assignments().findById(workspace, scopedToTeam.id())).isEmpty();
        assertThat(assignments().findById(workspace, crewOnTeam.id())).isEmpty();
        assertThat(roles().findById(workspace, auditor.id())).isPresent();
        assertThat(principals().findById(workspace, bob)).isPresent();
    }

    @Test
    void aDeleteFromAnotherWorkspaceTakesNoAssignmentAlong() {
        Group team = group("team");
        roles().seedBuiltIns(workspace);
        Role auditor = roles().findByName(workspace, "auditor").orElseThrow();
        RoleAssignment toTeam =
                assignments().add(RoleAssignment.toGroup(workspace, auditor.id(), team.id(), team.id()));
        WorkspaceId other = fixtures().workspace();

        groups().delete(other, team.id());

        assertThat(assignments().list(workspace)).containsExactly(toTeam);
    }
}
