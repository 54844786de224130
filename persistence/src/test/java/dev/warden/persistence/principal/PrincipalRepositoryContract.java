package dev.warden.persistence.principal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.filter.Filter;
import dev.warden.core.filter.FilterAttribute;
import dev.warden.core.filter.FilterParser;
import dev.warden.core.filter.SortOrder;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalAttributes;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalQuery;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.Tokens;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.Transactional;

/** What every {@link PrincipalRepository} must do: the JDBC adapter on each database and the in-memory fake. * <p>
 * {@code @Transactional} is repeated here although the JDBC subclasses have it through {@code @JdbcAdapterTest}:
 * Spring looks for a test method's transaction on the class that declares the method, so the contract's tests
 * would otherwise run without the rolled-back test transaction. Without a Spring context (the fakes) it does nothing.
 */
@Transactional
public abstract class PrincipalRepositoryContract {
    protected WorkspaceId workspace;

    protected abstract PrincipalRepository principals();

    protected abstract WorkspaceRepository workspaces();

    /** What a principal's delete takes along lives in these; they share the store with {@link #principals()}. */
    protected abstract TokenRepository tokens();

    protected abstract GroupRepository groups();

    protected abstract RoleRepository roles();

    protected abstract RoleAssignmentRepository assignments();

    /** Asserts that the call is refused because the user name is taken in that workspace. */
    protected abstract void assertRefusedAsDuplicate(ThrowingCallable save);

    @BeforeEach
    void givenAWorkspace() {
        workspace = newWorkspace();
    }

    protected WorkspaceId newWorkspace() {
        return workspaces().create("ws-" + UUID.randomUUID()).id();
    }

    protected static Principal user(WorkspaceId workspace, String userName) {
        return Principal.newUser(workspace, userName, "User " + userName, "$2a$10$abcdefghijklmnopqrstuv");
    }

    @Test
    void saveInsertsANewPrincipalAndAssignsItAnId() {
        Principal alice = new Principal(
                null,
                workspace,
                PrincipalKind.USER,
                "alice",
                "Alice Ångström \"A\" 🚀",
                true,
                "$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z2Q.1GoWk4f8E3Oa/jdqJ7w6");

        Principal saved = principals().save(alice);

        assertThat(saved.id()).isNotNull();
        assertThat(saved).isEqualTo(alice.withId(saved.id()));
        assertThat(principals().findById(workspace, saved.id())).contains(saved);
        assertThat(principals().findByUserName(workspace, "alice")).contains(saved);
    }

    @Test
    void everyNewPrincipalGetsItsOwnId() {
        PrincipalId first = principals().save(user(workspace, "alice")).id();
        PrincipalId second = principals().save(user(workspace, "bob")).id();

        assertThat(first).isNotEqualTo(second);
        assertThat(principals().findById(workspace, first))
                .get()
                .extracting(Principal::userName)
                .isEqualTo("alice");
        assertThat(principals().findById(workspace, second))
                .get()
                .extracting(Principal::userName)
                .isEqualTo("bob");
    }

    @Test
    void principalsWithoutUserNameOrPasswordAreStoredToo() {
        Principal robot =
                new Principal(null, workspace, PrincipalKind.SERVICE_PRINCIPAL, null, "deploy robot", true, null);
        Principal technical =
                new Principal(null, workspace, PrincipalKind.TECHNICAL_USER, null, "org token", false, null);

        Principal savedRobot = principals().save(robot);
        Principal savedTechnical = principals().save(technical);

        assertThat(principals().findById(workspace, savedRobot.id())).contains(robot.withId(savedRobot.id()));
        assertThat(principals().findById(workspace, savedTechnical.id()))
                .contains(technical.withId(savedTechnical.id()));
    }

    @Test
    void saveUpdatesAStoredPrincipal() {
        Principal alice = principals().save(user(workspace, "alice"));

        Principal deactivated = principals().save(alice.withActive(false));

        assertThat(deactivated.id()).isEqualTo(alice.id());
        assertThat(principals().findById(workspace, alice.id()))
                .get()
                .satisfies(p -> assertThat(p.active()).isFalse())
                .isEqualTo(alice.withActive(false));
        assertThat(principals().findByUserName(workspace, "alice"))
                .get()
                .extracting(Principal::id)
                .isEqualTo(alice.id());

        Principal renamed = new Principal(alice.id(), workspace, PrincipalKind.USER, "alice2", "Alice Two", true, null);
        principals().save(renamed);

        assertThat(principals().findById(workspace, alice.id())).contains(renamed);
        assertThat(principals().findByUserName(workspace, "alice")).isEmpty();
    }

    @Test
    void theSameUserNameInTwoWorkspacesIsTwoPrincipals() {
        WorkspaceId other = newWorkspace();

        Principal here = principals().save(user(workspace, "alice"));
        Principal there = principals().save(user(other, "alice"));

        assertThat(here.id()).isNotEqualTo(there.id());
        assertThat(principals().findByUserName(workspace, "alice")).contains(here);
        assertThat(principals().findByUserName(other, "alice")).contains(there);
    }

    @Test
    void lookupsInAnotherWorkspaceFindNothing() {
        Principal alice = principals().save(user(workspace, "alice"));
        WorkspaceId other = newWorkspace();

        assertThat(principals().findById(other, alice.id())).isEmpty();
        assertThat(principals().findByUserName(other, "alice")).isEmpty();
    }

    @Test
    void unknownIdsAndNamesFindNothing() {
        principals().save(user(workspace, "alice"));

        assertThat(principals().findByUserName(workspace, "bob")).isEmpty();
        assertThat(principals().findById(workspace, new PrincipalId(987_654_321L)))
                .isEmpty();
    }

    @Test
    void userNamesAreCaseSensitive() {
        Principal lower = principals().save(user(workspace, "alice"));
        Principal upper = principals().save(user(workspace, "Alice"));

        assertThat(lower.id()).isNotEqualTo(upper.id());
        assertThat(principals().findByUserName(workspace, "ALICE")).isEmpty();
        assertThat(principals().findByUserName(workspace, "Alice")).contains(upper);
    }

    @Test
    void aDuplicateUserNameInOneWorkspaceIsRefused() {
        Principal alice = principals().save(user(workspace, "alice"));

        assertRefusedAsDuplicate(() -> principals().save(user(workspace, "alice")));
        assertThat(principals().findByUserName(workspace, "alice")).contains(alice);
    }

    @Test
    void renamingOntoATakenUserNameIsRefused() {
        principals().save(user(workspace, "alice"));
        Principal bob = principals().save(user(workspace, "bob"));

        assertRefusedAsDuplicate(() ->
                principals().save(new Principal(bob.id(), workspace, PrincipalKind.USER, "alice", "Bob", true, null)));
        assertThat(principals().findById(workspace, bob.id()))
                .get()
                .extracting(Principal::userName)
                .isEqualTo("bob");
    }

    // ---- directory profile fields ----

    protected static Principal servicePrincipal(WorkspaceId workspace, String displayName) {
        return Principal.newServicePrincipal(workspace, UUID.randomUUID().toString(), displayName);
    }

    protected static Principal named(WorkspaceId workspace, PrincipalKind kind, String userName, String displayName) {
        return new Principal(null, workspace, kind, userName, displayName, true, null);
    }

    @Test
    void theProfileFieldsRoundTrip() {
        Principal alice = new Principal(
                null,
                workspace,
                PrincipalKind.USER,
                "alice@example.com",
                "Alice Ångström",
                true,
                "$2a$10$abcdefghijklmnopqrstuv",
                null,
                "alice+tokens@exämple.com",
                "Alice 🚀",
                "Ångström-O'Neil",
                "ext-\"1\"-東京");

        Principal saved = principals().save(alice);

        assertThat(saved).isEqualTo(alice.withId(saved.id()));
        assertThat(principals().findById(workspace, saved.id())).contains(saved);
        assertThat(principals().findByUserName(workspace, "alice@example.com")).contains(saved);
    }

    @Test
    void aServicePrincipalKeepsItsApplicationId() {
        Principal robot = servicePrincipal(workspace, "deploy robot");

        Principal saved = principals().save(robot);

        assertThat(principals().findById(workspace, saved.id()))
                .get()
                .satisfies(p -> assertThat(p.applicationId()).isEqualTo(robot.applicationId()))
                .isEqualTo(robot.withId(saved.id()));
    }

    @Test
    void aProfileEditReplacesEveryProfileFieldAndCanClearThem() {
        Principal alice = principals()
                .save(new Principal(
                        null,
                        workspace,
                        PrincipalKind.USER,
                        "alice",
                        "Alice",
                        true,
                        "hash",
                        null,
                        "alice@example.com",
                        "Alice",
                        "Liddell",
                        "ext-1"));

        Principal edited =
                principals().save(alice.withProfile("alice2", "Alice Two", "a2@example.com", "Al", "Two", "ext-2"));

        assertThat(principals().findById(workspace, alice.id())).contains(edited);
        assertThat(edited.email()).isEqualTo("a2@example.com");

        Principal cleared = principals().save(edited.withProfile("alice2", "Alice Two", null, null, null, null));

        assertThat(principals().findById(workspace, alice.id()))
                .get()
                .satisfies(p -> {
                    assertThat(p.email()).isNull();
                    assertThat(p.givenName()).isNull();
                    assertThat(p.familyName()).isNull();
                    assertThat(p.externalId()).isNull();
                    assertThat(p.passwordHash()).isEqualTo("hash");
                })
                .isEqualTo(cleared);
    }

    // ---- findByApplicationId ----

    @Test
    void findByApplicationIdFindsTheServicePrincipal() {
        Principal robot = principals().save(servicePrincipal(workspace, "robot"));
        principals().save(servicePrincipal(workspace, "other robot"));
        principals().save(user(workspace, "alice"));

        assertThat(principals().findByApplicationId(workspace, robot.applicationId()))
                .contains(robot);
        assertThat(principals().findByApplicationId(workspace, UUID.randomUUID().toString()))
                .isEmpty();
    }

    @Test
    void findByApplicationIdInAnotherWorkspaceFindsNothing() {
        Principal robot = principals().save(servicePrincipal(workspace, "robot"));
        WorkspaceId other = newWorkspace();

        assertThat(principals().findByApplicationId(other, robot.applicationId()))
                .isEmpty();
    }

    @Test
    void theSameApplicationIdInTwoWorkspacesIsTwoPrincipals() {
        String applicationId = UUID.randomUUID().toString();
        WorkspaceId other = newWorkspace();

        Principal here = principals().save(Principal.newServicePrincipal(workspace, applicationId, "here"));
        Principal there = principals().save(Principal.newServicePrincipal(other, applicationId, "there"));

        assertThat(here.id()).isNotEqualTo(there.id());
        assertThat(principals().findByApplicationId(workspace, applicationId)).contains(here);
        assertThat(principals().findByApplicationId(other, applicationId)).contains(there);
    }

    @Test
    void aDuplicateApplicationIdInOneWorkspaceIsRefused() {
        Principal robot = principals().save(servicePrincipal(workspace, "robot"));

        assertRefusedAsDuplicate(
                () -> principals().save(Principal.newServicePrincipal(workspace, robot.applicationId(), "copy")));
    }

    // ---- findAllById ----

    @Test
    void findAllByIdReturnsThePrincipalsOfTheWorkspaceOnly() {
        Principal alice = principals().save(user(workspace, "alice"));
        Principal bob = principals().save(user(workspace, "bob"));
        Principal robot = principals().save(servicePrincipal(workspace, "robot"));
        principals().save(user(workspace, "carol"));
        WorkspaceId other = newWorkspace();
        Principal stranger = principals().save(user(other, "alice"));

        List<Principal> found = principals()
                .findAllById(
                        workspace,
                        List.of(alice.id(), robot.id(), bob.id(), stranger.id(), new PrincipalId(987_654_321L)));

        assertThat(found).containsExactlyInAnyOrder(alice, bob, robot);
        assertThat(principals().findAllById(other, List.of(alice.id(), stranger.id())))
                .containsExactly(stranger);
    }

    @Test
    void findAllByIdOfNothingFindsNothing() {
        principals().save(user(workspace, "alice"));

        assertThat(principals().findAllById(workspace, List.of())).isEmpty();
    }

    // ---- search ----

    private Page<Principal> search(PrincipalKind kind, PrincipalQuery query) {
        return principals().search(workspace, kind, query, PageRequest.first(100));
    }

    private static PrincipalQuery equal(FilterAttribute attribute, String value) {
        return PrincipalQuery.filtered(new Filter.Compare(attribute, Filter.Operator.EQ, value), null);
    }

    private static List<String> displayNames(Page<Principal> page) {
        return page.items().stream().map(Principal::displayName).toList();
    }

    @Test
    void searchListsOneKindOrderedByDisplayNameThenId() {
        Principal dave1 = principals().save(named(workspace, PrincipalKind.USER, "dave1", "Dave"));
        Principal carol = principals().save(named(workspace, PrincipalKind.USER, "carol", "Carol"));
        Principal dave2 = principals().save(named(workspace, PrincipalKind.USER, "dave2", "Dave"));
        Principal alice = principals().save(named(workspace, PrincipalKind.USER, "alice", "Alice"));
        Principal robot = principals().save(servicePrincipal(workspace, "Build robot"));
        principals().save(named(workspace, PrincipalKind.TECHNICAL_USER, null, "Backing user"));

        Page<Principal> users = search(PrincipalKind.USER, PrincipalQuery.ALL);

        assertThat(users.items()).containsExactly(alice, carol, dave1, dave2);
        assertThat(users.total()).isEqualTo(4);
        assertThat(dave1.id().value()).isLessThan(dave2.id().value());
        assertThat(search(PrincipalKind.SERVICE_PRINCIPAL, PrincipalQuery.ALL).items())
                .containsExactly(robot);
        assertThat(displayNames(search(PrincipalKind.TECHNICAL_USER, PrincipalQuery.ALL)))
                .containsExactly("Backing user");
    }

    @Test
    void aNullQueryListsEverything() {
        principals().save(named(workspace, PrincipalKind.USER, "bob", "Bob"));
        principals().save(named(workspace, PrincipalKind.USER, "alice", "Alice"));

        Page<Principal> page = principals().search(workspace, PrincipalKind.USER, null, PageRequest.first(10));

        assertThat(displayNames(page)).containsExactly("Alice", "Bob");
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void searchPagesWithOffsetAndLimitAndCountsEveryMatch() {
        List<Principal> saved = new ArrayList<>();
        for (String name : List.of("Eve", "Bob", "Dan", "Ann", "Cid")) {
            saved.add(principals().save(named(workspace, PrincipalKind.USER, name.toLowerCase(), name)));
        }
        principals().save(servicePrincipal(workspace, "Robot"));

        Page<Principal> first =
                principals().search(workspace, PrincipalKind.USER, PrincipalQuery.ALL, new PageRequest(0, 2));
        Page<Principal> second =
                principals().search(workspace, PrincipalKind.USER, PrincipalQuery.ALL, new PageRequest(2, 2));
        Page<Principal> last =
                principals().search(workspace, PrincipalKind.USER, PrincipalQuery.ALL, new PageRequest(4, 2));
        Page<Principal> beyond =
                principals().search(workspace, PrincipalKind.USER, PrincipalQuery.ALL, new PageRequest(7, 2));
        Page<Principal> none =
                principals().search(workspace, PrincipalKind.USER, PrincipalQuery.ALL, new PageRequest(0, 0));

        assertThat(displayNames(first)).containsExactly("Ann", "Bob");
        assertThat(displayNames(second)).containsExactly("Cid", "Dan");
        assertThat(displayNames(last)).containsExactly("Eve");
        assertThat(beyond.items()).isEmpty();
        assertThat(none.items()).isEmpty();
        assertThat(List.of(first, second, last, beyond, none))
                .allSatisfy(page -> assertThat(page.total()).isEqualTo(5));
        assertThat(first.hasNext()).isTrue();
        assertThat(last.hasNext()).isFalse();
        assertThat(second.request()).isEqualTo(new PageRequest(2, 2));
    }

    @Test
    void searchByUserNameIgnoresCaseButMatchesWholeNames() {
        Principal alice = principals().save(named(workspace, PrincipalKind.USER, "alice", "Alice"));
        principals().save(named(workspace, PrincipalKind.USER, "alice2", "Alice"));
        principals().save(named(workspace, PrincipalKind.USER, "malice", "Malice"));
        Principal upper = principals().save(named(workspace, PrincipalKind.USER, "Alice", "Other Alice"));

        Page<Principal> found = search(PrincipalKind.USER, equal(PrincipalAttributes.USER_NAME, "ALICE"));

        assertThat(found.items()).containsExactly(alice, upper);
        assertThat(found.total()).isEqualTo(2);
        assertThat(search(PrincipalKind.USER, equal(PrincipalAttributes.USER_NAME, "alic"))
                        .items())
                .isEmpty();
        assertThat(search(PrincipalKind.SERVICE_PRINCIPAL, equal(PrincipalAttributes.USER_NAME, "alice"))
                        .items())
                .as("another kind")
                .isEmpty();
    }

    @Test
    void searchByExactDisplayNameFindsEveryPrincipalOfThatName() {
        Principal first = principals().save(named(workspace, PrincipalKind.USER, "a1", "Team Lead"));
        Principal second = principals().save(named(workspace, PrincipalKind.USER, "a2", "Team Lead"));
        principals().save(named(workspace, PrincipalKind.USER, "a3", "Team Lead 2"));
        principals().save(named(workspace, PrincipalKind.USER, "a4", "Team"));

        Page<Principal> found = search(PrincipalKind.USER, equal(PrincipalAttributes.DISPLAY_NAME, "Team Lead"));

        assertThat(found.items()).containsExactly(first, second);
        assertThat(found.total()).isEqualTo(2);
    }

    @Test
    void searchByExactApplicationId() {
        Principal robot = principals().save(servicePrincipal(workspace, "robot"));
        principals().save(servicePrincipal(workspace, "other robot"));

        assertThat(search(
                                PrincipalKind.SERVICE_PRINCIPAL,
                                equal(PrincipalAttributes.APPLICATION_ID, robot.applicationId()))
                        .items())
                .containsExactly(robot);
        assertThat(search(
                                PrincipalKind.SERVICE_PRINCIPAL,
                                equal(
                                        PrincipalAttributes.APPLICATION_ID,
                                        robot.applicationId().substring(0, 8)))
                        .items())
                .isEmpty();
    }

    @Test
    void containsMatchesUserNameDisplayNameOrApplicationIdIgnoringCase() {
        Principal byUserName = principals().save(named(workspace, PrincipalKind.USER, "alice.smith", "A. Smith"));
        Principal byDisplayName = principals().save(named(workspace, PrincipalKind.USER, "u2", "Mr ALICEson"));
        principals().save(named(workspace, PrincipalKind.USER, "bob", "Bob"));
        Principal robot = principals()
                .save(Principal.newServicePrincipal(workspace, "0f0e0d0c-aaaa-4bcd-9abc-0123456789ab", "Robot"));
        principals().save(servicePrincipal(workspace, "Other robot"));

        Page<Principal> users = search(PrincipalKind.USER, PrincipalQuery.containing("aLiCe"));
        Page<Principal> robots = search(PrincipalKind.SERVICE_PRINCIPAL, PrincipalQuery.containing("AAAA-4BC"));

        assertThat(users.items()).containsExactly(byUserName, byDisplayName);
        assertThat(users.total()).isEqualTo(2);
        assertThat(robots.items()).containsExactly(robot);
        assertThat(search(PrincipalKind.SERVICE_PRINCIPAL, PrincipalQuery.containing("ROBOT"))
                        .total())
                .isEqualTo(2);
    }

    @Test
    void containsTakesPercentUnderscoreAndBackslashLiterally() {
        principals().save(named(workspace, PrincipalKind.USER, "p1", "100% sure"));
        principals().save(named(workspace, PrincipalKind.USER, "p2", "100 percent"));
        principals().save(named(workspace, PrincipalKind.USER, "p3", "a_b"));
        principals().save(named(workspace, PrincipalKind.USER, "p4", "axb"));
        principals().save(named(workspace, PrincipalKind.USER, "p5", "back\\slash"));

        assertThat(displayNames(search(PrincipalKind.USER, PrincipalQuery.containing("%"))))
                .containsExactly("100% sure");
        assertThat(displayNames(search(PrincipalKind.USER, PrincipalQuery.containing("0%"))))
                .containsExactly("100% sure");
        assertThat(displayNames(search(PrincipalKind.USER, PrincipalQuery.containing("_"))))
                .containsExactly("a_b");
        assertThat(displayNames(search(PrincipalKind.USER, PrincipalQuery.containing("a_b"))))
                .containsExactly("a_b");
        assertThat(displayNames(search(PrincipalKind.USER, PrincipalQuery.containing("\\"))))
                .containsExactly("back\\slash");
        assertThat(search(PrincipalKind.USER, PrincipalQuery.containing("%%")).total())
                .isZero();
    }

    @Test
    void containsPagesAndCountsOnlyTheMatches() {
        for (String name : List.of("Team A", "Team B", "Other", "Team C", "team d")) {
            principals().save(named(workspace, PrincipalKind.USER, name.replace(' ', '-'), name));
        }

        Page<Principal> page = principals()
                .search(workspace, PrincipalKind.USER, PrincipalQuery.containing("TEAM"), new PageRequest(1, 2));

        assertThat(displayNames(page)).containsExactly("Team B", "Team C");
        assertThat(page.total()).isEqualTo(4);
    }

    @Test
    void searchSeesOnlyItsWorkspace() {
        principals().save(named(workspace, PrincipalKind.USER, "alice", "Alice"));
        Principal robot = principals().save(servicePrincipal(workspace, "Robot"));
        WorkspaceId other = newWorkspace();
        Principal otherAlice = principals().save(named(other, PrincipalKind.USER, "alice", "Alice"));

        Page<Principal> all = principals().search(other, PrincipalKind.USER, PrincipalQuery.ALL, PageRequest.first(10));

        assertThat(all.items()).containsExactly(otherAlice);
        assertThat(all.total()).isEqualTo(1);
        assertThat(principals()
                        .search(other, PrincipalKind.USER, PrincipalQuery.containing("ali"), PageRequest.first(10))
                        .items())
                .containsExactly(otherAlice);
        assertThat(principals()
                        .search(
                                other,
                                PrincipalKind.SERVICE_PRINCIPAL,
                                equal(PrincipalAttributes.APPLICATION_ID, robot.applicationId()),
                                PageRequest.first(10))
                        .total())
                .isZero();
        assertThat(principals()
                        .search(newWorkspace(), PrincipalKind.USER, PrincipalQuery.ALL, PageRequest.first(10))
                        .total())
                .isZero();
    }

    // ---- SCIM filters and sorting: the store answers as the core evaluator does ----

    private List<Principal> filterFixtures() {
        List<Principal> users = new ArrayList<>();
        users.add(principals().save(profile("Alice@Example.com", "Alice Liddell", "alice@example.com", "EXT-1", true)));
        users.add(principals().save(profile("bob@example.org", "bob", null, null, false)));
        users.add(principals().save(profile("carol", "Carol \"C\" Ångström", "carol@EXAMPLE.com", "ext-1", true)));
        users.add(principals().save(profile("dave_x", "100% Dave", "", null, true)));
        users.add(principals().save(profile("erin\\back", "Erin", "erin@example.com", null, false)));
        principals().save(servicePrincipal(workspace, "Alice Liddell")); // another kind
        principals().save(named(newWorkspace(), PrincipalKind.USER, "alice@example.com", "Alice Liddell"));
        return users;
    }

    private Principal profile(String userName, String displayName, String email, String externalId, boolean active) {
        return new Principal(
                null,
                workspace,
                PrincipalKind.USER,
                userName,
                displayName,
                active,
                null,
                null,
                email,
                null,
                null,
                externalId);
    }

    @Test
    void aScimFilterFindsWhatTheCoreEvaluatorFinds() {
        List<Principal> users = filterFixtures();
        List<String> filters = List.of(
                "userName eq \"ALICE@example.COM\"",
                "userName ne \"carol\"",
                "userName co \"EXAMPLE\"",
                "userName sw \"B\"",
                "userName ew \".com\"",
                "userName co \"_\"",
                "userName co \"%\"",
                "userName co \"\\\\\"",
                "displayName co \"100%\"",
                "displayName eq \"carol \\\"c\\\" ångström\"",
                "displayName sw \"ÅLICE\"",
                "emails ew \"@example.com\"",
                "emails.value eq \"CAROL@example.com\"",
                "emails pr",
                "not (emails pr)",
                "emails ne \"alice@example.com\"",
                "externalId eq \"ext-1\"",
                "externalId pr",
                "active eq false",
                "active ne false and emails co \"example\"",
                "id eq \"" + users.get(2).id().value() + "\"",
                "id ne \"" + users.get(2).id().value() + "\"",
                "id eq \"nope\"",
                "(userName sw \"a\" or userName sw \"b\") and not (active eq true)",
                "userName sw \"a\" or userName sw \"b\" and active eq true",
                "not (userName co \"example\" or displayName co \"dave\")");

        for (String text : filters) {
            Filter filter = FilterParser.parse(text, PrincipalAttributes.USERS);
            List<Principal> expected = users.stream()
                    .filter(p -> filter.matches(PrincipalAttributes.of(p)))
                    .toList();

            Page<Principal> found = search(PrincipalKind.USER, PrincipalQuery.filtered(filter, null));

            assertThat(found.items()).as(text).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(found.total()).as(text).isEqualTo(expected.size());
        }
    }

    @Test
    void aFilterIsCountedAndPagedByTheStore() {
        for (int i = 0; i < 7; i++) {
            principals().save(profile("pager-" + i, "Pager " + (6 - i), null, null, i % 2 == 0));
        }
        principals().save(profile("other", "Other", null, null, true));
        Filter pagers = FilterParser.parse("userName sw \"PAGER-\" and active eq true", PrincipalAttributes.USERS);

        Page<Principal> first = principals()
                .search(workspace, PrincipalKind.USER, PrincipalQuery.filtered(pagers, null), new PageRequest(0, 3));
        Page<Principal> second = principals()
                .search(workspace, PrincipalKind.USER, PrincipalQuery.filtered(pagers, null), new PageRequest(3, 3));

        assertThat(first.total()).isEqualTo(4);
        assertThat(second.total()).isEqualTo(4);
        assertThat(displayNames(first)).containsExactly("Pager 0", "Pager 2", "Pager 4");
        assertThat(displayNames(second)).containsExactly("Pager 6");
    }

    @Test
    void sortByOrdersIgnoringCaseThenByIdInBothDirectionsAcrossPages() {
        Principal b1 = principals().save(profile("u1", "beta", null, null, true));
        Principal a = principals().save(profile("u2", "Alpha", null, null, true));
        Principal b2 = principals().save(profile("u3", "BETA", null, null, true));
        Principal c = principals().save(profile("u4", "gamma", null, null, true));
        SortOrder up = PrincipalAttributes.USERS.sortOrder("displayName", "ascending");
        SortOrder down = PrincipalAttributes.USERS.sortOrder("displayName", "DESCENDING");

        assertThat(pages(PrincipalQuery.filtered(null, up))).containsExactly(a, b1, b2, c);
        assertThat(pages(PrincipalQuery.filtered(null, down))).containsExactly(c, b2, b1, a);
        assertThat(pages(PrincipalQuery.filtered(null, PrincipalAttributes.USERS.sortOrder("id", "descending"))))
                .containsExactly(c, b2, a, b1);
        assertThat(pages(PrincipalQuery.filtered(null, PrincipalAttributes.USERS.sortOrder("userName", null))))
                .containsExactly(b1, a, b2, c);
    }

    /** Every page of two, put together: a sorted list neither repeats nor skips across pages. */
    private List<Principal> pages(PrincipalQuery query) {
        List<Principal> all = new ArrayList<>();
        for (int offset = 0; offset < 10; offset += 2) {
            all.addAll(principals()
                    .search(workspace, PrincipalKind.USER, query, new PageRequest(offset, 2))
                    .items());
        }
        return all;
    }

    // ---- delete ----

    @Test
    void deleteRemovesThePrincipalAndSaysWhetherThereWasOne() {
        Principal alice = principals().save(user(workspace, "alice"));
        Principal bob = principals().save(user(workspace, "bob"));

        assertThat(principals().delete(workspace, alice.id())).isTrue();
        assertThat(principals().delete(workspace, alice.id())).isFalse();

        assertThat(principals().findById(workspace, alice.id())).isEmpty();
        assertThat(principals().findByUserName(workspace, "alice")).isEmpty();
        assertThat(principals().findAllById(workspace, List.of(alice.id(), bob.id())))
                .containsExactly(bob);
        assertThat(search(PrincipalKind.USER, PrincipalQuery.ALL).items()).containsExactly(bob);
    }

    @Test
    void aDeletedUserNameCanBeTakenAgain() {
        Principal alice = principals().save(user(workspace, "alice"));
        principals().delete(workspace, alice.id());

        Principal again = principals().save(user(workspace, "alice"));

        assertThat(again.id()).isNotEqualTo(alice.id());
        assertThat(principals().findByUserName(workspace, "alice")).contains(again);
    }

    @Test
    void anotherWorkspaceCannotDeleteThePrincipal() {
        Principal alice = principals().save(user(workspace, "alice"));
        WorkspaceId other = newWorkspace();

        assertThat(principals().delete(other, alice.id())).isFalse();

        assertThat(principals().findById(workspace, alice.id())).contains(alice);
    }

    @Test
    void deleteTakesTheTokensTheMembershipsAndTheRoleAssignmentsAlong() {
        Principal alice = principals().save(user(workspace, "alice"));
        Principal bob = principals().save(user(workspace, "bob"));
        AccessToken alicesToken = token(alice, bob)
                .withScopes(Scope.ALL_APIS, Scope.of(Permission.TOKENS_READ))
                .build();
        AccessToken bobsToken = token(bob, alice).build();
        tokens().add(alicesToken);
        tokens().add(bobsToken);
        Group team = groups().save(new Group(null, workspace, "team", null));
        Group crew = groups().save(new Group(null, workspace, "crew", null));
        groups().addMember(workspace, team.id(), alice.id());
        groups().addMember(workspace, crew.id(), alice.id());
        groups().addMember(workspace, team.id(), bob.id());
        roles().seedBuiltIns(workspace);
        Role admin = roles().findByName(workspace, "workspace-admin").orElseThrow();
        Role groupAdmin = roles().findByName(workspace, "group-admin").orElseThrow();
        assignments().add(RoleAssignment.toPrincipal(workspace, admin.id(), alice.id(), null));
        assignments().add(RoleAssignment.toPrincipal(workspace, groupAdmin.id(), alice.id(), team.id()));
        RoleAssignment bobsGrant = assignments().add(RoleAssignment.toPrincipal(workspace, admin.id(), bob.id(), null));
        RoleAssignment teamsGrant = assignments().add(RoleAssignment.toGroup(workspace, admin.id(), team.id(), null));

        assertThat(principals().delete(workspace, alice.id())).isTrue();

        assertThat(tokens().findById(workspace, alicesToken.id())).isEmpty();
        assertThat(tokens().findByDigest(alicesToken.digest())).isEmpty();
        assertThat(tokens().listByOwner(workspace, alice.id())).isEmpty();
        assertThat(groups().groupsOf(workspace, alice.id())).isEmpty();
        assertThat(groups().members(workspace, team.id())).containsExactly(bob.id());
        assertThat(groups().members(workspace, crew.id())).isEmpty();
        assertThat(assignments().forAssignees(workspace, alice.id(), List.of())).isEmpty();
        assertThat(assignments().list(workspace)).containsExactlyInAnyOrder(bobsGrant, teamsGrant);

        // what belongs to others stays, the token alice created for bob included
        assertThat(tokens().findById(workspace, bobsToken.id())).isPresent();
        assertThat(principals().findById(workspace, bob.id())).contains(bob);
        assertThat(groups().findById(workspace, crew.id())).contains(crew);
    }

    @Test
    void aDeleteFromAnotherWorkspaceTakesNothingAlong() {
        Principal alice = principals().save(user(workspace, "alice"));
        AccessToken token = token(alice, alice).build();
        tokens().add(token);
        Group team = groups().save(new Group(null, workspace, "team", null));
        groups().addMember(workspace, team.id(), alice.id());
        roles().seedBuiltIns(workspace);
        Role user = roles().findByName(workspace, "user").orElseThrow();
        RoleAssignment grant = assignments().add(RoleAssignment.toPrincipal(workspace, user.id(), alice.id(), null));
        WorkspaceId other = newWorkspace();

        assertThat(principals().delete(other, alice.id())).isFalse();

        assertThat(tokens().findById(workspace, token.id())).isPresent();
        assertThat(groups().members(workspace, team.id())).containsExactly(alice.id());
        assertThat(assignments().list(workspace)).containsExactly(grant);
    }

    private Tokens.Builder token(Principal owner, Principal creator) {
        return Tokens.aToken()
                .inWorkspace(workspace)
                .ownedBy(owner.id())
                .createdBy(creator.id())
                .createdAt(Instant.parse("2026-03-29T01:30:00.123456Z"));
    }
}
