package dev.warden.core.group;

import static dev.warden.core.testkit.CoreTestKit.OTHER_WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.filter.Filter;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.Principals;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.testkit.CoreTestKit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GroupServiceTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final GroupService service = kit.groupService;

    private static GroupQuery displayName(String value) {
        return GroupQuery.filtered(new Filter.Compare(GroupAttributes.DISPLAY_NAME, Filter.Operator.EQ, value), null);
    }

    private final Actor admin = kit.asAdmin();
    private final Principal alice = kit.user("alice", BuiltInRole.USER);
    private final Principal bob = kit.user("bob", BuiltInRole.USER);
    private final Principal carol = kit.user("carol", BuiltInRole.USER);

    private List<String> memberDetails(AuditAction action) {
        return kit.audit.eventsWith(action).stream()
                .map(e -> e.details().get("member"))
                .toList();
    }

    @Nested
    class Creating {
        @Test
        void storesTheTrimmedGroupWithItsMembers() {
            Group created = service.create(admin, "  ops ", " ext ", List.of(alice.id(), bob.id()));

            assertThat(created.id()).isNotNull();
            assertThat(created.displayName()).isEqualTo("ops");
            assertThat(created.externalId()).isEqualTo("ext");
            assertThat(kit.directory.groups.findById(WORKSPACE, created.id())).contains(created);
            assertThat(kit.members(created)).containsExactly(alice.id(), bob.id());
        }

        @Test
        void isAuditedWithTheMembersAdded() {
            Group created = service.create(admin, "ops", null, List.of(alice.id(), alice.id(), bob.id()));

            assertThat(kit.audit.events())
                    .extracting(AuditEvent::action)
                    .containsExactly(
                            AuditAction.GROUP_MEMBER_ADDED, AuditAction.GROUP_MEMBER_ADDED, AuditAction.GROUP_CREATED);
            assertThat(kit.audit.eventsWith(AuditAction.GROUP_CREATED))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.targetType()).isEqualTo("group");
                        assertThat(event.targetId()).isEqualTo(created.id().toString());
                        assertThat(event.details())
                                .containsEntry("after", "ops")
                                .containsEntry("members", alice.id() + ", " + bob.id());
                    });
        }

        @Test
        void mayHaveNoMembers() {
            Group created = service.create(admin, "empty", null, null);

            assertThat(kit.members(created)).isEmpty();
            assertThat(kit.audit.eventsWith(AuditAction.GROUP_CREATED)).hasSize(1);
        }

        @Test
        void aServicePrincipalMayBeAMember() {
            Principal ci = kit.principalIn(
                    WORKSPACE, Principals.aServicePrincipal("ci").build());

            Group created = service.create(admin, "bots", null, List.of(ci.id()));

            assertThat(kit.members(created)).containsExactly(ci.id());
        }

        @Test
        void aTakenNameIsRefused() {
            service.create(admin, "ops", null, List.of());

            assertThatThrownBy(() -> service.create(admin, "ops ", null, List.of(alice.id())))
                    .isInstanceOf(ResourceAlreadyExistsException.class)
                    .hasMessageContaining("'ops'");
            assertThat(kit.directory.groups.all()).hasSize(1);
        }

        @Test
        void namesDifferingInCaseAreDifferentGroups() {
            service.create(admin, "ops", null, List.of());

            assertThat(service.create(admin, "OPS", null, List.of()).displayName())
                    .isEqualTo("OPS");
        }

        @Test
        void aNameIsRequired() {
            assertThat(catchThrowableOfType(
                                    () -> service.create(admin, " ", null, List.of()), InvalidParameterException.class)
                            .field())
                    .isEqualTo("displayName");
        }

        @Test
        void anUnknownMemberIsRefusedAndNothingIsCreated() {
            Map<String, Object> before = kit.state();

            InvalidParameterException refused = catchThrowableOfType(
                    () -> service.create(admin, "ops", null, List.of(alice.id(), new PrincipalId(9999))),
                    InvalidParameterException.class);

            assertThat(refused.field()).isEqualTo("members");
            assertThat(refused).hasMessageContaining("9999").hasMessageNotContaining(alice.id() + ",");
            assertThat(kit.state()).isEqualTo(before);
            assertThat(kit.directory.groups.findByDisplayName(WORKSPACE, "ops")).isEmpty();
        }

        @Test
        void aMemberOfAnotherWorkspaceIsUnknown() {
            Principal foreign =
                    kit.principalIn(OTHER_WORKSPACE, Principals.aUser("mallory").build());

            assertThat(catchThrowableOfType(
                                    () -> service.create(admin, "ops", null, List.of(foreign.id())),
                                    InvalidParameterException.class)
                            .field())
                    .isEqualTo("members");
            assertThat(kit.directory.groups.all()).isEmpty();
        }

        @Test
        void needsWorkspaceScimWrite() {
            assertThatThrownBy(() -> service.create(Principals.actor(alice), "ops", null, List.of()))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThat(kit.directory.groups.all()).isEmpty();
        }
    }

    @Nested
    class ChangingMembers {
        private final Group ops = kit.group("ops", alice);

        @Test
        void addingIsAuditedPerNewMember() {
            service.addMembers(admin, ops.id(), List.of(alice.id(), bob.id(), carol.id()));

            assertThat(kit.members(ops)).containsExactly(alice.id(), bob.id(), carol.id());
            assertThat(memberDetails(AuditAction.GROUP_MEMBER_ADDED))
                    .containsExactly(bob.id().toString(), carol.id().toString());
        }

        @Test
        void removingIsAuditedPerFormerMember() {
            service.removeMembers(admin, ops.id(), List.of(alice.id(), bob.id()));

            assertThat(kit.members(ops)).isEmpty();
            assertThat(memberDetails(AuditAction.GROUP_MEMBER_REMOVED))
                    .containsExactly(alice.id().toString());
            assertThat(kit.audit.eventsWith(AuditAction.GROUP_MEMBER_REMOVED))
                    .singleElement()
                    .satisfies(event ->
                            assertThat(event.targetId()).isEqualTo(ops.id().toString()));
        }

        @Test
        void addingAnUnknownMemberAddsNone() {
            assertThat(catchThrowableOfType(
                                    () -> service.addMembers(admin, ops.id(), List.of(bob.id(), new PrincipalId(9999))),
                                    InvalidParameterException.class)
                            .field())
                    .isEqualTo("members");
            assertThat(kit.members(ops)).containsExactly(alice.id());
            assertThat(kit.audit.events()).isEmpty();
        }

        @Test
        void anUnknownGroupIsNotFound() {
            assertThatThrownBy(() -> service.addMembers(admin, new GroupId(9999), List.of(bob.id())))
                    .isInstanceOf(ResourceNotFoundException.class);
        }

        @Test
        void aMemberGainsTheGroupsRolesAndLosesThemOnRemoval() {
            kit.assignToGroup(BuiltInRole.AUDITOR, ops, null);

            service.addMembers(admin, ops.id(), List.of(bob.id()));
            assertThat(kit.resolver.of(WORKSPACE, bob.id()).roleNames()).contains("auditor");

            service.removeMembers(admin, ops.id(), List.of(bob.id()));
            assertThat(kit.resolver.of(WORKSPACE, bob.id()).roleNames()).doesNotContain("auditor");
        }
    }

    @Nested
    class Replacing {
        private final Group ops = kit.group("ops", alice, bob);

        @Test
        void withAMemberListAddsAndRemovesTheDifference() {
            Group result = service.replace(admin, ops.id(), "ops", null, List.of(bob.id(), carol.id()));

            assertThat(result).isEqualTo(ops);
            assertThat(kit.members(ops)).containsExactly(bob.id(), carol.id());
            assertThat(memberDetails(AuditAction.GROUP_MEMBER_REMOVED))
                    .containsExactly(alice.id().toString());
            assertThat(memberDetails(AuditAction.GROUP_MEMBER_ADDED))
                    .containsExactly(carol.id().toString());
            assertThat(kit.audit.eventsWith(AuditAction.GROUP_UPDATED)).isEmpty();
        }

        @Test
        void withoutAMemberListKeepsTheMembers() {
            Group renamed = service.replace(admin, ops.id(), "operations", "x", null);

            assertThat(renamed.displayName()).isEqualTo("operations");
            assertThat(kit.directory.groups.findById(WORKSPACE, ops.id())).contains(renamed);
            assertThat(kit.members(ops)).containsExactly(alice.id(), bob.id());
            assertThat(kit.audit.eventsWith(AuditAction.GROUP_UPDATED))
                    .singleElement()
                    .satisfies(event -> assertThat(event.details())
                            .containsEntry("before", "ops")
                            .containsEntry("after", "operations"));
        }

        @Test
        void withAnEmptyMemberListRemovesEveryone() {
            service.replace(admin, ops.id(), "ops", null, List.of());

            assertThat(kit.members(ops)).isEmpty();
        }

        @Test
        void toATakenNameIsRefused() {
            kit.group("dev");

            assertThatThrownBy(() -> service.replace(admin, ops.id(), "dev", null, List.of()))
                    .isInstanceOf(ResourceAlreadyExistsException.class);
            assertThat(kit.directory
                            .groups
                            .findById(WORKSPACE, ops.id())
                            .orElseThrow()
                            .displayName())
                    .isEqualTo("ops");
            assertThat(kit.members(ops)).containsExactly(alice.id(), bob.id());
        }

        @Test
        void withAnUnknownMemberChangesNothing() {
            Map<String, Object> before = kit.state();

            assertThat(catchThrowableOfType(
                                    () -> service.replace(admin, ops.id(), "ops", null, List.of(new PrincipalId(9999))),
                                    InvalidParameterException.class)
                            .field())
                    .isEqualTo("members");
            assertThat(kit.state()).isEqualTo(before);
        }
    }

    @Nested
    class Deleting {
        private final Group ops = kit.group("ops", alice, bob);

        @Test
        void returnsTheMemberCountAndRemovesGroupMembershipsAndRoles() {
            kit.assignToGroup(BuiltInRole.AUDITOR, ops, null);
            kit.assign(BuiltInRole.GROUP_ADMIN, carol, ops);

            int members = service.delete(admin, ops.id());

            assertThat(members).isEqualTo(2);
            assertThat(kit.directory.groups.findById(WORKSPACE, ops.id())).isEmpty();
            assertThat(kit.directory.groups.groupsOf(WORKSPACE, alice.id())).isEmpty();
            assertThat(kit.directory.assignments.list(WORKSPACE))
                    .noneMatch(a -> ops.id().equals(a.group()) || ops.id().equals(a.scopeGroup()));
            assertThat(kit.directory.principals.findById(WORKSPACE, alice.id())).isPresent();
        }

        @Test
        void isAudited() {
            service.delete(admin, ops.id());

            assertThat(kit.audit.eventsWith(AuditAction.GROUP_DELETED))
                    .singleElement()
                    .satisfies(event -> assertThat(event.details())
                            .containsEntry("before", "ops")
                            .containsEntry("members", "2"));
        }

        @Test
        void anUnknownGroupIsNotFound() {
            assertThatThrownBy(() -> service.delete(admin, new GroupId(9999)))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Nested
    class ForAGroupAdmin {
        private final Group a = kit.group("a", alice);
        private final Group b = kit.group("b", bob);
        /** Holds group-admin of A and nothing else. */
        private final Principal manager = kit.user("manager");

        private final Actor actor = Principals.actor(manager);

        ForAGroupAdmin() {
            kit.assign(BuiltInRole.GROUP_ADMIN, manager, a);
        }

        @Test
        void mayAddAndRemoveMembersOfItsGroup() {
            service.addMembers(actor, a.id(), List.of(carol.id()));
            service.removeMembers(actor, a.id(), List.of(alice.id()));

            assertThat(kit.members(a)).containsExactly(carol.id());
            assertThat(kit.audit.events())
                    .allSatisfy(event -> assertThat(event.actorId()).isEqualTo(manager.id()));
        }

        @Test
        void mayNotAddAnyoneToItsGroupWhenTheGroupGrantsMoreThanItHolds() {
            kit.assignToGroup(BuiltInRole.WORKSPACE_ADMIN, a, null);
            Map<String, Object> before = kit.state();

            assertThatThrownBy(() -> service.addMembers(actor, a.id(), List.of(manager.id())))
                    .isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("would give them")
                    .hasMessageContaining("roles:write");
            assertThat(kit.state()).isEqualTo(before);
            assertThat(kit.resolver.of(WORKSPACE, manager.id()).isWorkspaceAdmin())
                    .isFalse();
        }

        @Test
        void mayNotGainAnotherGroupsAdminRoleThroughItsGroup() {
            kit.assignToGroup(BuiltInRole.GROUP_ADMIN, a, b);

            assertThatThrownBy(() -> service.addMembers(actor, a.id(), List.of(manager.id())))
                    .isInstanceOf(PermissionDeniedException.class)
                    .hasMessageContaining("(group b)");
        }

        @Test
        void aWorkspaceAdminMayAddMembersToAnAdminGroup() {
            kit.assignToGroup(BuiltInRole.WORKSPACE_ADMIN, a, null);

            service.addMembers(kit.asAdmin(), a.id(), List.of(manager.id()));

            assertThat(kit.resolver.of(WORKSPACE, manager.id()).isWorkspaceAdmin())
                    .isTrue();
        }

        @Test
        void mayReplaceTheMembersOfItsGroupKeepingItsName() {
            service.replace(actor, a.id(), "a", null, List.of(bob.id()));

            assertThat(kit.members(a)).containsExactly(bob.id());
        }

        @Test
        void mayNotChangeMembersOfAnotherGroup() {
            assertThatThrownBy(() -> service.addMembers(actor, b.id(), List.of(carol.id())))
                    .isInstanceOfSatisfying(
                            PermissionDeniedException.class,
                            denied -> assertThat(denied.permission()).isEqualTo("scim:write"))
                    .hasMessageContaining("for group " + b.id())
                    .hasMessageContaining("group-admin (group a)");
            assertThatThrownBy(() -> service.removeMembers(actor, b.id(), List.of(bob.id())))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThat(kit.members(b)).containsExactly(bob.id());
        }

        @Test
        void mayNotRenameItsGroup() {
            assertThatThrownBy(() -> service.replace(actor, a.id(), "renamed", null, null))
                    .isInstanceOf(PermissionDeniedException.class);
            assertThat(kit.directory.groups.findById(WORKSPACE, a.id())).contains(a);
        }

        @Test
        void mayNotDeleteItsGroup() {
            assertThatThrownBy(() -> service.delete(actor, a.id())).isInstanceOf(PermissionDeniedException.class);
            assertThat(kit.directory.groups.findById(WORKSPACE, a.id())).isPresent();
        }

        @Test
        void mayNotCreateGroups() {
            assertThatThrownBy(() -> service.create(actor, "c", null, List.of()))
                    .isInstanceOf(PermissionDeniedException.class);
        }

        @Test
        void searchShowsOnlyItsGroup() {
            kit.group("another a");

            var page = service.search(actor, GroupQuery.ALL, PageRequest.first(10));

            assertThat(page.items()).containsExactly(a);
            assertThat(page.total()).isEqualTo(1);
            assertThat(service.search(actor, GroupQuery.containing("b"), PageRequest.first(10))
                            .items())
                    .isEmpty();
            assertThat(service.search(actor, displayName("b"), PageRequest.first(10))
                            .items())
                    .isEmpty();
        }

        @Test
        void readsItsGroupAndMembersButNotAnotherGroup() {
            assertThat(service.get(actor, a.id())).isEqualTo(a);
            assertThat(service.members(actor, a.id())).containsExactly(alice);
            assertThatThrownBy(() -> service.get(actor, b.id())).isInstanceOf(PermissionDeniedException.class);
            assertThatThrownBy(() -> service.members(actor, b.id())).isInstanceOf(PermissionDeniedException.class);
        }

        @Test
        void aGroupMemberRoleOnlyReads() {
            Principal reader = kit.user("reader");
            kit.assign(BuiltInRole.GROUP_MEMBER, reader, b);
            Actor readerActor = Principals.actor(reader);

            assertThat(service.get(readerActor, b.id())).isEqualTo(b);
            assertThat(service.search(readerActor, GroupQuery.ALL, PageRequest.first(10))
                            .items())
                    .containsExactly(b);
            assertThatThrownBy(() -> service.addMembers(readerActor, b.id(), List.of(carol.id())))
                    .isInstanceOf(PermissionDeniedException.class);
        }
    }

    @Nested
    class Reading {
        @Test
        void searchPagesInNameOrderWithTheTotal() {
            kit.group("charlie");
            Group alpha = kit.group("alpha");
            Group bravo = kit.group("Bravo");

            var page = service.search(admin, GroupQuery.ALL, new PageRequest(1, 1));

            assertThat(page.total()).isEqualTo(3);
            assertThat(page.items()).containsExactly(alpha);
            assertThat(service.search(admin, GroupQuery.containing("BRAV"), PageRequest.first(10))
                            .items())
                    .containsExactly(bravo);
            assertThat(service.search(admin, displayName("ALPHA"), PageRequest.first(10))
                            .items())
                    .containsExactly(alpha);
        }

        @Test
        void membersAreSortedByDisplayName() {
            Group ops = kit.group("ops", carol, alice, bob);

            assertThat(service.members(admin, ops.id())).containsExactly(alice, bob, carol);
        }

        @Test
        void groupsOfAPrincipal() {
            Group ops = kit.group("ops", alice);
            kit.group("dev", bob);

            assertThat(service.groupsOf(Principals.actor(alice), alice.id())).containsExactly(ops);
        }

        @Test
        void aGroupOfAnotherWorkspaceIsUnknown() {
            Group ops = kit.group("ops", alice);
            Principal foreign =
                    kit.principalIn(OTHER_WORKSPACE, Principals.aUser("mallory").build(), BuiltInRole.WORKSPACE_ADMIN);
            Actor other = Principals.actor(foreign);

            assertThatThrownBy(() -> service.get(other, ops.id())).isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> service.delete(other, ops.id())).isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> service.addMembers(other, ops.id(), List.of(foreign.id())))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThat(service.search(other, GroupQuery.ALL, PageRequest.first(10))
                            .items())
                    .isEmpty();
            assertThat(kit.members(ops)).containsExactly(alice.id());
        }
    }
}
