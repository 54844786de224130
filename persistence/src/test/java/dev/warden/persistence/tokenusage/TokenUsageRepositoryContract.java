package dev.warden.persistence.tokenusage;

import static dev.warden.core.tokenusage.TokenUsageLevel.CAN_MANAGE;
import static dev.warden.core.tokenusage.TokenUsageLevel.CAN_USE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsageRepository;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every {@link TokenUsageRepository} must do: the JDBC adapter on each database and the in-memory fake, linked
 * to the directory fakes as the foreign keys link the tables.
 * <p>
 * {@code @Transactional} is repeated here although the JDBC subclasses have it through {@code @JdbcAdapterTest}:
 * Spring looks for a test method's transaction on the class that declares the method, so the contract's tests
 * would otherwise run without the rolled-back test transaction. Without a Spring context (the fakes) it does nothing.
 */
@Transactional
public abstract class TokenUsageRepositoryContract {
    protected WorkspaceId workspace;
    protected PrincipalId alice;
    protected PrincipalId bob;
    protected PrincipalId robot;
    protected GroupId dataEng;
    protected GroupId ops;

    protected abstract TokenUsageRepository tokenUsage();

    protected abstract WorkspaceRepository workspaces();

    /** Deleting a principal or group takes its entries along; they share the store with {@link #tokenUsage()}. */
    protected abstract PrincipalRepository principals();

    protected abstract GroupRepository groups();

    /**
     * Runs work as the application does: the JDBC contract gives the real runner (its tests that use it run without
     * the test transaction, so what they check was committed); a fake gives a runner that rolls the fakes back.
     */
    protected abstract TransactionRunner transactions();

    /**
     * Asserts that the call is refused because an entry names a principal or group that is not in the workspace.
     * What a refused call leaves behind is up to the transaction around it (see the JDBC contract).
     */
    protected abstract void assertRefused(ThrowingCallable replace);

    protected Fixtures fixtures() {
        return new Fixtures(workspaces(), principals());
    }

    @BeforeEach
    void givenAWorkspaceWithUsersAServicePrincipalAndGroups() {
        workspace = fixtures().workspace();
        alice = fixtures().user(workspace, "alice");
        bob = fixtures().user(workspace, "bob");
        robot = servicePrincipal(workspace, "robot");
        dataEng = group(workspace, "data-eng");
        ops = group(workspace, "ops");
    }

    protected PrincipalId servicePrincipal(WorkspaceId in, String displayName) {
        return principals()
                .save(Principal.newServicePrincipal(in, UUID.randomUUID().toString(), displayName))
                .id();
    }

    protected GroupId group(WorkspaceId in, String displayName) {
        return groups().save(new Group(null, in, displayName, null)).id();
    }

    protected static TokenUsageEntry entry(PrincipalId principal, TokenUsageLevel level) {
        return TokenUsageEntry.forPrincipal(principal, level);
    }

    protected static TokenUsageEntry entry(GroupId group, TokenUsageLevel level) {
        return TokenUsageEntry.forGroup(group, level);
    }

    // ---- list and replace ----

    @Test
    void aNewWorkspaceHasNoEntries() {
        assertThat(tokenUsage().list(workspace)).isEmpty();
    }

    @Test
    void replaceThenListKeepsTheGivenOrder() {
        List<TokenUsageEntry> entries = List.of(
                entry(ops, CAN_USE),
                entry(bob, CAN_MANAGE),
                entry(robot, CAN_USE),
                entry(dataEng, CAN_MANAGE),
                entry(alice, CAN_USE));

        tokenUsage().replace(workspace, entries);

        assertThat(tokenUsage().list(workspace)).containsExactlyElementsOf(entries);
    }

    @Test
    void usersServicePrincipalsAndGroupsRoundTripWithEitherLevel() {
        List<TokenUsageEntry> entries = List.of(
                entry(alice, CAN_USE),
                entry(bob, CAN_MANAGE),
                entry(robot, CAN_MANAGE),
                entry(dataEng, CAN_USE),
                entry(ops, CAN_MANAGE));

        tokenUsage().replace(workspace, entries);

        List<TokenUsageEntry> listed = tokenUsage().list(workspace);
        assertThat(listed).containsExactlyElementsOf(entries);
        assertThat(listed)
                .filteredOn(entry -> entry.principal() != null)
                .allMatch(entry -> entry.group() == null)
                .hasSize(3);
        assertThat(listed)
                .filteredOn(entry -> entry.group() != null)
                .allMatch(entry -> entry.principal() == null)
                .hasSize(2);
    }

    @Test
    void replaceReplacesAllEntries() {
        tokenUsage().replace(workspace, List.of(entry(alice, CAN_USE), entry(dataEng, CAN_USE), entry(bob, CAN_USE)));

        tokenUsage().replace(workspace, List.of(entry(ops, CAN_MANAGE), entry(alice, CAN_MANAGE)));

        assertThat(tokenUsage().list(workspace)).containsExactly(entry(ops, CAN_MANAGE), entry(alice, CAN_MANAGE));
    }

    @Test
    void replacingWithAReorderedListKeepsTheNewOrder() {
        tokenUsage().replace(workspace, List.of(entry(alice, CAN_USE), entry(bob, CAN_USE), entry(ops, CAN_USE)));

        tokenUsage().replace(workspace, List.of(entry(ops, CAN_USE), entry(bob, CAN_USE), entry(alice, CAN_USE)));

        assertThat(tokenUsage().list(workspace))
                .containsExactly(entry(ops, CAN_USE), entry(bob, CAN_USE), entry(alice, CAN_USE));
    }

    @Test
    void replacingWithTheSameListKeepsIt() {
        List<TokenUsageEntry> entries = List.of(entry(dataEng, CAN_USE), entry(robot, CAN_MANAGE));
        tokenUsage().replace(workspace, entries);

        tokenUsage().replace(workspace, entries);

        assertThat(tokenUsage().list(workspace)).containsExactlyElementsOf(entries);
    }

    @Test
    void replaceWithAnEmptyListClears() {
        tokenUsage().replace(workspace, List.of(entry(alice, CAN_USE), entry(dataEng, CAN_MANAGE)));

        tokenUsage().replace(workspace, List.of());

        assertThat(tokenUsage().list(workspace)).isEmpty();
    }

    @Test
    void replacingAnEmptyListWithAnEmptyListIsFine() {
        tokenUsage().replace(workspace, List.of());

        assertThat(tokenUsage().list(workspace)).isEmpty();
    }

    // ---- subjects of another workspace ----

    @Test
    void aPrincipalOfAnotherWorkspaceIsRefused() {
        WorkspaceId other = fixtures().workspace();
        PrincipalId stranger = fixtures().user(other, "alice");
        tokenUsage().replace(other, List.of(entry(stranger, CAN_USE)));

        assertRefused(() ->
                tokenUsage().replace(workspace, List.of(entry(alice, CAN_USE), entry(stranger, CAN_MANAGE))));

        assertThat(tokenUsage().list(other)).as("the other workspace's list").containsExactly(entry(stranger, CAN_USE));
    }

    @Test
    void aServicePrincipalOfAnotherWorkspaceIsRefused() {
        WorkspaceId other = fixtures().workspace();
        PrincipalId strangeRobot = servicePrincipal(other, "robot");

        assertRefused(() -> tokenUsage().replace(workspace, List.of(entry(strangeRobot, CAN_USE))));

        assertThat(tokenUsage().list(other)).isEmpty();
    }

    @Test
    void aGroupOfAnotherWorkspaceIsRefused() {
        WorkspaceId other = fixtures().workspace();
        GroupId foreign = group(other, "data-eng");
        tokenUsage().replace(other, List.of(entry(foreign, CAN_MANAGE)));

        assertRefused(() -> tokenUsage().replace(workspace, List.of(entry(dataEng, CAN_USE), entry(foreign, CAN_USE))));

        assertThat(tokenUsage().list(other))
                .as("the other workspace's list")
                .containsExactly(entry(foreign, CAN_MANAGE));
    }

    @Test
    void theOtherWorkspaceCannotListThisWorkspacesSubjectsEither() {
        WorkspaceId other = fixtures().workspace();

        assertRefused(() -> tokenUsage().replace(other, List.of(entry(alice, CAN_USE))));
        assertRefused(() -> tokenUsage().replace(other, List.of(entry(dataEng, CAN_USE))));

        assertThat(tokenUsage().list(other)).isEmpty();
    }

    @Test
    void anUnknownPrincipalOrGroupIsRefused() {
        assertRefused(() -> tokenUsage().replace(workspace, List.of(entry(new PrincipalId(987_654_321L), CAN_USE))));
        assertRefused(() -> tokenUsage().replace(workspace, List.of(entry(new GroupId(987_654_321L), CAN_USE))));
    }

    // ---- a refused batch inside a transaction: nothing of it stays ----

    /** The list the refused batch was meant to replace, committed; then the batch in a transaction of its own. */
    private void assertRefusedBatchLeavesTheCommittedList(List<TokenUsageEntry> batch) {
        List<TokenUsageEntry> before = List.of(entry(bob, CAN_MANAGE), entry(ops, CAN_USE));
        transactions().inTransaction(() -> tokenUsage().replace(workspace, before));
        assertThat(tokenUsage().list(workspace)).as("committed").containsExactlyElementsOf(before);

        assertRefused(() -> transactions().inTransaction(() -> tokenUsage().replace(workspace, batch)));

        assertThat(tokenUsage().list(workspace)).as("after the refused batch").containsExactlyElementsOf(before);
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void aBatchWithAPrincipalOfAnotherWorkspaceLeavesNothingBehind() {
        WorkspaceId other = fixtures().workspace();
        PrincipalId stranger = fixtures().user(other, "alice");

        assertRefusedBatchLeavesTheCommittedList(List.of(
                entry(alice, CAN_USE), entry(dataEng, CAN_MANAGE), entry(stranger, CAN_USE), entry(robot, CAN_USE)));

        assertThat(tokenUsage().list(other)).isEmpty();
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void aBatchWithAGroupOfAnotherWorkspaceLeavesNothingBehind() {
        WorkspaceId other = fixtures().workspace();
        GroupId foreign = group(other, "data-eng");

        assertRefusedBatchLeavesTheCommittedList(List.of(entry(dataEng, CAN_USE), entry(foreign, CAN_MANAGE)));

        assertThat(tokenUsage().list(other)).isEmpty();
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void aBatchWhoseLastEntryIsUnknownLeavesNothingBehind() {
        assertRefusedBatchLeavesTheCommittedList(
                List.of(entry(alice, CAN_USE), entry(bob, CAN_USE), entry(new PrincipalId(987_654_321L), CAN_USE)));
        assertRefusedBatchLeavesTheCommittedList(List.of(entry(new GroupId(987_654_321L), CAN_USE)));
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void aRefusedBatchInTheOtherWorkspaceLeavesThisWorkspacesListAlone() {
        WorkspaceId other = fixtures().workspace();
        PrincipalId carol = fixtures().user(other, "carol");
        transactions().inTransaction(() -> tokenUsage().replace(workspace, List.of(entry(alice, CAN_USE))));
        transactions().inTransaction(() -> tokenUsage().replace(other, List.of(entry(carol, CAN_USE))));

        assertRefused(() ->
                transactions().inTransaction(() -> tokenUsage().replace(other, List.of(entry(alice, CAN_MANAGE)))));

        assertThat(tokenUsage().list(workspace)).containsExactly(entry(alice, CAN_USE));
        assertThat(tokenUsage().list(other)).containsExactly(entry(carol, CAN_USE));
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void aBatchInATransactionIsKept() {
        List<TokenUsageEntry> entries = List.of(entry(dataEng, CAN_USE), entry(alice, CAN_MANAGE));

        transactions().inTransaction(() -> tokenUsage().replace(workspace, entries));

        assertThat(tokenUsage().list(workspace)).containsExactlyElementsOf(entries);
    }

    // ---- deletes take entries along ----

    @Test
    void deletingAPrincipalRemovesItsEntries() {
        tokenUsage()
                .replace(
                        workspace,
                        List.of(
                                entry(alice, CAN_USE),
                                entry(dataEng, CAN_USE),
                                entry(bob, CAN_MANAGE),
                                entry(robot, CAN_USE)));

        assertThat(principals().delete(workspace, alice)).isTrue();
        assertThat(principals().delete(workspace, robot)).isTrue();

        assertThat(tokenUsage().list(workspace)).containsExactly(entry(dataEng, CAN_USE), entry(bob, CAN_MANAGE));
    }

    @Test
    void deletingAGroupRemovesItsEntriesButNotItsMembersEntries() {
        groups().addMember(workspace, dataEng, alice);
        tokenUsage()
                .replace(workspace, List.of(entry(dataEng, CAN_MANAGE), entry(alice, CAN_USE), entry(ops, CAN_USE)));

        assertThat(groups().delete(workspace, dataEng)).isTrue();

        assertThat(tokenUsage().list(workspace)).containsExactly(entry(alice, CAN_USE), entry(ops, CAN_USE));
    }

    @Test
    void deletingEverySubjectEmptiesTheList() {
        tokenUsage().replace(workspace, List.of(entry(alice, CAN_USE), entry(ops, CAN_USE)));

        principals().delete(workspace, alice);
        groups().delete(workspace, ops);

        assertThat(tokenUsage().list(workspace)).isEmpty();
    }

    @Test
    void aDeleteInAnotherWorkspaceLeavesTheEntries() {
        tokenUsage().replace(workspace, List.of(entry(alice, CAN_USE), entry(ops, CAN_USE)));
        WorkspaceId other = fixtures().workspace();

        assertThat(principals().delete(other, alice)).isFalse();
        assertThat(groups().delete(other, ops)).isFalse();

        assertThat(tokenUsage().list(workspace)).containsExactly(entry(alice, CAN_USE), entry(ops, CAN_USE));
    }

    // ---- isolation ----

    @Test
    void eachWorkspaceHasItsOwnList() {
        WorkspaceId other = fixtures().workspace();
        PrincipalId carol = fixtures().user(other, "carol");
        GroupId otherOps = group(other, "ops");
        WorkspaceId empty = fixtures().workspace();

        tokenUsage().replace(workspace, List.of(entry(alice, CAN_USE), entry(ops, CAN_MANAGE)));
        tokenUsage().replace(other, List.of(entry(otherOps, CAN_USE), entry(carol, CAN_MANAGE)));

        assertThat(tokenUsage().list(workspace)).containsExactly(entry(alice, CAN_USE), entry(ops, CAN_MANAGE));
        assertThat(tokenUsage().list(other)).containsExactly(entry(otherOps, CAN_USE), entry(carol, CAN_MANAGE));
        assertThat(tokenUsage().list(empty)).isEmpty();
    }

    @Test
    void replacingOneWorkspacesListLeavesTheOthers() {
        WorkspaceId other = fixtures().workspace();
        PrincipalId carol = fixtures().user(other, "carol");
        tokenUsage().replace(workspace, List.of(entry(alice, CAN_USE)));
        tokenUsage().replace(other, List.of(entry(carol, CAN_USE)));

        tokenUsage().replace(other, List.of());
        tokenUsage().replace(workspace, List.of(entry(bob, CAN_MANAGE)));

        assertThat(tokenUsage().list(workspace)).containsExactly(entry(bob, CAN_MANAGE));
        assertThat(tokenUsage().list(other)).isEmpty();

        tokenUsage().replace(other, List.of(entry(carol, CAN_MANAGE)));
        assertThat(tokenUsage().list(workspace)).containsExactly(entry(bob, CAN_MANAGE));
    }
}
