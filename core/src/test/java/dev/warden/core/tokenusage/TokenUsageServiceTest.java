package dev.warden.core.tokenusage;

import static dev.warden.core.testkit.CoreTestKit.OTHER_WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.Principals;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.testkit.CoreTestKit;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TokenUsageServiceTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final TokenUsageService service = kit.tokenUsageService;
    private final Actor admin = kit.asAdmin();
    private final Principal alice = kit.user("alice", BuiltInRole.USER);
    private final Principal bob = kit.user("bob", BuiltInRole.USER);
    private final Principal robot = kit.servicePrincipal("etl robot");
    private final Group dataEng = kit.group("data-eng", alice);
    private final Group analysts = kit.group("analysts", bob);

    private static TokenUsageEntry canUse(Principal principal) {
        return TokenUsageEntry.forPrincipal(principal.id(), TokenUsageLevel.CAN_USE);
    }

    /** A level no request may grant: only stored directly, as entries saved before V7 were. */
    private static TokenUsageEntry canManage(Principal principal) {
        return TokenUsageEntry.forPrincipal(principal.id(), TokenUsageLevel.CAN_MANAGE);
    }

    private static TokenUsageEntry canUse(Group group) {
        return TokenUsageEntry.forGroup(group.id(), TokenUsageLevel.CAN_USE);
    }

    private static TokenUsageEntry canManage(Group group) {
        return TokenUsageEntry.forGroup(group.id(), TokenUsageLevel.CAN_MANAGE);
    }

    /** Stores the list as if an admin had saved it before the test. */
    private void given(TokenUsageEntry... entries) {
        kit.acl.replace(WORKSPACE, List.of(entries));
    }

    private <T extends RuntimeException> T refused(Class<T> type, ThrowingCallable call) {
        Map<String, Object> before = kit.state();
        T thrown = catchThrowableOfType(call, type);
        assertThat(thrown).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(kit.state()).isEqualTo(before);
        return thrown;
    }

    @Nested
    class Reading {
        @Test
        void aWorkspaceWithoutEntriesOrTokensHasAnEmptyList() {
            assertThat(kit.tokens.all()).isEmpty();

            assertThat(service.entries(admin)).isEmpty();
        }

        @Test
        void listsTheDirectEntriesInTheOrderTheyWereSaved() {
            given(canUse(dataEng), canUse(robot));

            assertThat(service.entries(admin)).containsExactly(canUse(dataEng), canUse(robot));
        }

        @Test
        void doesNotShowAnotherWorkspacesEntries() {
            Principal stranger = kit.save(
                    Principals.aUser("stranger").inWorkspace(OTHER_WORKSPACE).build());
            kit.acl.replace(OTHER_WORKSPACE, List.of(canUse(stranger)));

            assertThat(service.entries(admin)).isEmpty();
        }

        @Test
        void anAuditorMayReadTheList() {
            Principal auditor = kit.user("carol", BuiltInRole.AUDITOR);
            given(canUse(alice));

            assertThat(service.entries(as(auditor))).containsExactly(canUse(alice));
        }

        @Test
        void aUserMayNotReadTheList() {
            PermissionDeniedException denied =
                    catchThrowableOfType(() -> service.entries(as(alice)), PermissionDeniedException.class);

            assertThat(denied.permission()).isEqualTo("permissions:read");
        }
    }

    @Nested
    class ImplicitManagers {
        @Test
        void areTheActiveWorkspaceAdminsSortedByName() {
            Principal zoe = kit.user("zoe", BuiltInRole.WORKSPACE_ADMIN);
            Principal carol = kit.user("carol", BuiltInRole.WORKSPACE_ADMIN);

            assertThat(service.implicitManagers(admin))
                    .extracting(Principal::name)
                    .containsExactly("admin", "carol", "zoe");
            assertThat(service.implicitManagers(admin))
                    .extracting(Principal::id)
                    .containsExactly(kit.admin.id(), carol.id(), zoe.id());
        }

        @Test
        void includeAdminsThroughAGroup() {
            Group admins = kit.group("admins", bob);
            kit.directory.assignments.add(RoleAssignment.toGroup(
                    WORKSPACE,
                    kit.directory
                            .roles
                            .builtIn(WORKSPACE, BuiltInRole.WORKSPACE_ADMIN)
                            .id(),
                    admins.id(),
                    null));

            assertThat(service.implicitManagers(admin))
                    .extracting(Principal::name)
                    .containsExactly("admin", "bob");
        }

        @Test
        void leaveOutDeactivatedAdminsAndEveryoneElse() {
            kit.deactivate(kit.user("carol", BuiltInRole.WORKSPACE_ADMIN));
            given(canUse(alice));

            assertThat(service.implicitManagers(admin))
                    .extracting(Principal::name)
                    .containsExactly("admin");
        }

        @Test
        void needPermissionsRead() {
            assertThat(catchThrowableOfType(() -> service.implicitManagers(as(alice)), PermissionDeniedException.class))
                    .isNotNull();
        }
    }

    @Nested
    class Patch {
        @Test
        void addsTheGivenEntriesAndKeepsTheRest() {
            given(canUse(dataEng));

            List<TokenUsageEntry> result = service.patch(admin, List.of(canUse(bob), canUse(robot)));

            assertThat(result).containsExactly(canUse(dataEng), canUse(bob), canUse(robot));
            assertThat(kit.acl.list(WORKSPACE)).isEqualTo(result);
        }

        @Test
        void changesTheLevelOfAnExistingSubjectAndKeepsTheRest() {
            given(canUse(dataEng), canManage(bob), canUse(robot));

            List<TokenUsageEntry> result = service.patch(admin, List.of(canUse(bob)));

            assertThat(result).containsExactlyInAnyOrder(canUse(dataEng), canUse(bob), canUse(robot));
            assertThat(result)
                    .filteredOn(entry -> bob.id().equals(entry.principal()))
                    .hasSize(1);
            assertThat(kit.acl.list(WORKSPACE)).isEqualTo(result);
        }

        @Test
        void aPrincipalAndAGroupWithTheSameNumberAreDifferentSubjects() {
            Principal same = kit.directory
                    .principals
                    .findById(WORKSPACE, new PrincipalId(dataEng.id().value()))
                    .orElseThrow();
            given(canUse(dataEng));

            assertThat(service.patch(admin, List.of(canUse(same)))).containsExactly(canUse(dataEng), canUse(same));
        }

        @Test
        void anEmptyPatchKeepsEverything() {
            given(canUse(dataEng), canUse(bob));

            assertThat(service.patch(admin, List.of())).containsExactly(canUse(dataEng), canUse(bob));
        }

        @Test
        void theLastEntryForASubjectInOneRequestWins() {
            List<TokenUsageEntry> result = service.patch(admin, List.of(canUse(alice), canUse(bob), canUse(alice)));

            assertThat(result).containsExactly(canUse(bob), canUse(alice));
        }

        @Test
        void grantsUsageAtOnce() {
            assertThat(kit.usage.mayUseTokens(alice)).isFalse();

            service.patch(admin, List.of(canUse(dataEng)));

            assertThat(kit.usage.levelOf(alice)).contains(TokenUsageLevel.CAN_USE);
        }
    }

    @Nested
    class Put {
        @Test
        void replacesAllDirectEntriesAndReturnsTheCompleteList() {
            given(canUse(dataEng), canUse(bob));

            List<TokenUsageEntry> result = service.replace(admin, List.of(canUse(robot), canUse(analysts)));

            assertThat(result).containsExactly(canUse(robot), canUse(analysts));
            assertThat(kit.acl.list(WORKSPACE)).isEqualTo(result);
        }

        /** The audit record names who lost usage with working tokens, read before the change (for token.suspended). */
        @Test
        void theAuditRecordNamesTheOwnersWhoseWorkingTokensItSuspends() {
            given(canUse(dataEng), canUse(bob), canUse(robot));
            kit.store(dev.warden.core.token.Tokens.aToken()
                    .inWorkspace(WORKSPACE)
                    .ownedBy(alice.id())
                    .createdAt(kit.clock.instant())
                    .expiringIn(java.time.Duration.ofDays(3)));

            service.replace(admin, List.of(canUse(robot)));

            assertThat(kit.audit.eventsWith(AuditAction.TOKEN_ACL_CHANGED))
                    .last()
                    .satisfies(e -> assertThat(e.details())
                            .as("alice (through data-eng) had a working token; bob had none")
                            .containsEntry(
                                    TokenUsageService.SUSPENDED_OWNERS,
                                    alice.id().toString()));
        }

        @Test
        void anEmptyListClearsEveryEntry() {
            given(canUse(dataEng), canUse(bob));

            assertThat(service.replace(admin, List.of())).isEmpty();
            assertThat(kit.acl.list(WORKSPACE)).isEmpty();
        }

        @Test
        void anEmptyListKeepsTheAdminsImplicitCanManage() {
            given(canUse(dataEng));

            service.replace(admin, List.of());

            assertThat(kit.usage.levelOf(kit.admin)).contains(TokenUsageLevel.CAN_MANAGE);
            assertThat(service.implicitManagers(admin))
                    .extracting(Principal::id)
                    .containsExactly(kit.admin.id());
        }

        @Test
        void keepsOneEntryPerSubject() {
            assertThat(service.replace(admin, List.of(canUse(bob), canUse(dataEng), canUse(bob))))
                    .containsExactly(canUse(dataEng), canUse(bob));
        }

        @Test
        void removingTheEntrySuspendsUsageWithoutDeletingTokens() {
            given(canUse(dataEng));
            var token = kit.activeToken(alice);

            service.replace(admin, List.of());

            assertThat(kit.usage.mayUseTokens(alice)).isFalse();
            assertThat(kit.tokens.all()).extracting(t -> t.id()).containsExactly(token.id());
        }
    }

    @Nested
    class InvalidEntries {
        @Test
        void anUnknownPrincipalIsRefusedAndNothingChanges() {
            given(canUse(dataEng));

            InvalidParameterException thrown = refused(
                    InvalidParameterException.class,
                    () -> service.patch(
                            admin,
                            List.of(
                                    canUse(bob),
                                    TokenUsageEntry.forPrincipal(new PrincipalId(999), TokenUsageLevel.CAN_USE))));

            assertThat(thrown.field()).isEqualTo("access_control_list");
            assertThat(thrown).hasMessageContaining("999").hasMessageContaining("does not exist");
        }

        @Test
        void anUnknownGroupIsRefusedAndNothingChanges() {
            given(canUse(dataEng));

            InvalidParameterException thrown = refused(
                    InvalidParameterException.class,
                    () -> service.replace(
                            admin,
                            List.of(canUse(bob), TokenUsageEntry.forGroup(new GroupId(999), TokenUsageLevel.CAN_USE))));

            assertThat(thrown.field()).isEqualTo("access_control_list");
            assertThat(thrown).hasMessageContaining("Group 999");
        }

        @Test
        void aPrincipalOfAnotherWorkspaceIsUnknownHere() {
            Principal stranger = kit.save(
                    Principals.aUser("stranger").inWorkspace(OTHER_WORKSPACE).build());

            refused(InvalidParameterException.class, () -> service.patch(admin, List.of(canUse(stranger))));
        }

        @Test
        void aGroupOfAnotherWorkspaceIsUnknownHere() {
            Group foreign = kit.directory.groups.save(new Group(null, OTHER_WORKSPACE, "foreign", null));

            refused(InvalidParameterException.class, () -> service.patch(admin, List.of(canUse(foreign))));
        }

        @Test
        void aTechnicalUserCannotBeNamed() {
            Principal technical = kit.save(new Principal(
                    null, WORKSPACE, PrincipalKind.TECHNICAL_USER, "group-token-1", "group token", true, null));

            refused(InvalidParameterException.class, () -> service.patch(admin, List.of(canUse(technical))));
        }

        @Test
        void anUnknownPrincipalInAPutLeavesTheOldListInPlace() {
            given(canUse(dataEng), canUse(bob));

            refused(
                    InvalidParameterException.class,
                    () -> service.replace(
                            admin,
                            List.of(TokenUsageEntry.forPrincipal(new PrincipalId(999), TokenUsageLevel.CAN_USE))));

            assertThat(kit.acl.list(WORKSPACE)).containsExactly(canUse(dataEng), canUse(bob));
        }
    }

    /** CAN_MANAGE is the workspace admins' own, through their role: no request grants it, not even an admin's. */
    @Nested
    class CanManageIsNotGrantable {
        @Test
        void aPatchAskingForItIsRefusedNamingTheLevelAndChangesNothing() {
            given(canUse(dataEng));

            InvalidParameterException thrown = refused(
                    InvalidParameterException.class,
                    () -> service.patch(admin, List.of(canUse(bob), canManage(alice))));

            assertThat(thrown.field()).isEqualTo("access_control_list[1].permission_level");
            assertThat(thrown)
                    .hasMessageContaining("CAN_MANAGE cannot be granted")
                    .hasMessageContaining("reserved for workspace admins")
                    .hasMessageContaining("workspace-admin role")
                    .hasMessageContaining("token-management:write");
            assertThat(kit.usage.mayUseTokens(bob)).isFalse();
        }

        @Test
        void aPutAskingForItForAGroupLeavesTheOldListInPlace() {
            given(canUse(dataEng), canUse(bob));

            InvalidParameterException thrown = refused(
                    InvalidParameterException.class, () -> service.replace(admin, List.of(canManage(analysts))));

            assertThat(thrown.field()).isEqualTo("access_control_list[0].permission_level");
            assertThat(kit.acl.list(WORKSPACE)).containsExactly(canUse(dataEng), canUse(bob));
            assertThat(kit.audit.events()).isEmpty();
        }

        @Test
        void theWorkspaceAdminsHoldItWithoutAnEntryAndNobodyElseDoes() {
            given(canManage(alice));

            assertThat(kit.usage.levelOf(kit.admin)).contains(TokenUsageLevel.CAN_MANAGE);
            assertThat(kit.usage.levelOf(alice)).contains(TokenUsageLevel.CAN_USE);
        }
    }

    @Nested
    class Permissions {
        @Test
        void aUserMayNotPatch() {
            PermissionDeniedException denied =
                    refused(PermissionDeniedException.class, () -> service.patch(as(alice), List.of(canUse(alice))));

            assertThat(denied.permission()).isEqualTo("permissions:write");
            assertThat(denied).hasMessageContaining("alice").hasMessageContaining("permissions:write");
        }

        @Test
        void aUserMayNotPut() {
            given(canUse(dataEng));

            PermissionDeniedException denied =
                    refused(PermissionDeniedException.class, () -> service.replace(as(alice), List.of()));

            assertThat(denied.permission()).isEqualTo("permissions:write");
        }

        @Test
        void aUserWithCanManageButNoAdminRoleMayNotChangeTheListThroughThisService() {
            given(canManage(alice));

            refused(PermissionDeniedException.class, () -> service.replace(as(alice), List.of(canUse(bob))));
        }

        @Test
        void anAuditorMayReadButNotWrite() {
            Principal auditor = kit.user("carol", BuiltInRole.AUDITOR);

            refused(PermissionDeniedException.class, () -> service.patch(as(auditor), List.of(canUse(bob))));
        }

        @Test
        void aUserMayNotPreview() {
            refused(PermissionDeniedException.class, () -> service.preview(as(alice), List.of()));
        }
    }

    @Nested
    class Audit {
        @Test
        void aPatchIsAuditedWithTheEntriesBeforeAndAfter() {
            given(canUse(dataEng));

            service.patch(admin, List.of(canUse(bob)));

            assertThat(kit.audit.events()).singleElement().satisfies(event -> {
                assertThat(event.action()).isEqualTo(AuditAction.TOKEN_ACL_CHANGED);
                assertThat(event.workspace()).isEqualTo(WORKSPACE);
                assertThat(event.actorId()).isEqualTo(kit.admin.id());
                assertThat(event.actorName()).isEqualTo("admin");
                assertThat(event.occurredAt()).isEqualTo(kit.clock.instant());
                assertThat(event.targetType()).isEqualTo("object");
                assertThat(event.targetId()).isEqualTo("authorization/tokens");
                assertThat(event.details())
                        .containsEntry("before", "[group " + dataEng.id() + "=CAN_USE]")
                        .containsEntry(
                                "after", "[group " + dataEng.id() + "=CAN_USE, principal " + bob.id() + "=CAN_USE]");
            });
        }

        @Test
        void aPutThatClearsTheListIsAuditedWithAnEmptyAfter() {
            given(canUse(dataEng), canUse(robot));

            service.replace(admin, List.of());

            assertThat(kit.audit.eventsWith(AuditAction.TOKEN_ACL_CHANGED))
                    .singleElement()
                    .satisfies(event -> assertThat(event.details())
                            .containsEntry(
                                    "before",
                                    "[group " + dataEng.id() + "=CAN_USE, principal " + robot.id() + "=CAN_USE]")
                            .containsEntry("after", "[]"));
        }

        @Test
        void aChangeIsOneAuditRecordHoweverManyEntriesItTouches() {
            service.replace(admin, List.of(canUse(dataEng), canUse(analysts), canUse(robot)));

            assertThat(kit.audit.eventsWith(AuditAction.TOKEN_ACL_CHANGED)).hasSize(1);
        }

        @Test
        void readingAndPreviewingAreNotAudited() {
            given(canUse(dataEng));

            service.entries(admin);
            service.implicitManagers(admin);
            service.preview(admin, List.of());

            assertThat(kit.audit.events()).isEmpty();
        }
    }

    @Nested
    class Preview {
        @Test
        void listsAPrincipalLosingItsDirectEntryWithItsActiveTokenCount() {
            given(canUse(robot), canUse(bob));
            kit.activeToken(robot);
            kit.activeToken(robot);
            kit.revokedToken(robot);
            kit.expiredToken(robot);

            TokenUsageImpact impact = service.preview(admin, List.of(canUse(bob)));

            assertThat(impact.losses()).singleElement().satisfies(loss -> {
                assertThat(loss.principal().id()).isEqualTo(robot.id());
                assertThat(loss.activeTokens()).isEqualTo(2);
            });
            assertThat(impact.tokensStopping()).isEqualTo(2);
        }

        @Test
        void listsTheMembersOfARemovedGroupSortedByName() {
            Principal carol = kit.user("carol", BuiltInRole.USER);
            kit.directory.groups.addMember(WORKSPACE, dataEng.id(), carol.id());
            given(canUse(dataEng));
            kit.activeToken(alice);
            kit.activeToken(carol);
            kit.activeToken(carol);

            TokenUsageImpact impact = service.preview(admin, List.of());

            assertThat(impact.losses())
                    .extracting(loss -> loss.principal().name(), TokenUsageImpact.Loss::activeTokens)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("alice", 1),
                            org.assertj.core.groups.Tuple.tuple("carol", 2));
            assertThat(impact.tokensStopping()).isEqualTo(3);
        }

        @Test
        void listsAPrincipalWithoutTokensWithZero() {
            given(canUse(bob));

            assertThat(service.preview(admin, List.of()).losses())
                    .singleElement()
                    .satisfies(loss -> assertThat(loss.activeTokens()).isZero());
        }

        @Test
        void leavesOutWorkspaceAdmins() {
            kit.directory.groups.addMember(WORKSPACE, dataEng.id(), kit.admin.id());
            given(canUse(dataEng), canUse(kit.admin));
            kit.activeToken(kit.admin);

            assertThat(service.preview(admin, List.of()).losses())
                    .extracting(loss -> loss.principal().name())
                    .containsExactly("alice");
        }

        @Test
        void leavesOutPrincipalsStillCoveredByADirectEntry() {
            kit.directory.groups.addMember(WORKSPACE, dataEng.id(), bob.id());
            given(canUse(dataEng), canUse(bob));

            assertThat(service.preview(admin, List.of(canUse(bob))).losses())
                    .extracting(loss -> loss.principal().name())
                    .containsExactly("alice");
        }

        @Test
        void leavesOutPrincipalsStillCoveredByAnotherGroup() {
            kit.directory.groups.addMember(WORKSPACE, analysts.id(), alice.id());
            given(canUse(dataEng), canUse(analysts));

            assertThat(service.preview(admin, List.of(canUse(analysts))).losses())
                    .isEmpty();
        }

        @Test
        void leavesOutPrincipalsWhoseEntryMovesToAGroup() {
            given(canUse(alice));

            assertThat(service.preview(admin, List.of(canUse(dataEng))).losses())
                    .isEmpty();
        }

        @Test
        void aLowerLevelIsNoLoss() {
            given(canManage(dataEng), canManage(bob));

            assertThat(service.preview(admin, List.of(canUse(dataEng), canUse(bob)))
                            .losses())
                    .isEmpty();
        }

        @Test
        void leavesOutDeactivatedPrincipals() {
            given(canUse(bob));
            kit.activeToken(bob);
            kit.deactivate(bob);

            assertThat(service.preview(admin, List.of()).losses()).isEmpty();
        }

        @Test
        void aPrincipalInBothARemovedGroupAndARemovedEntryIsListedOnce() {
            given(canUse(dataEng), canUse(alice));
            kit.activeToken(alice);

            assertThat(service.preview(admin, List.of()).losses())
                    .singleElement()
                    .satisfies(loss -> {
                        assertThat(loss.principal().id()).isEqualTo(alice.id());
                        assertThat(loss.activeTokens()).isEqualTo(1);
                    });
        }

        @Test
        void changesNothing() {
            given(canUse(dataEng), canUse(bob));
            kit.activeToken(alice);
            Map<String, Object> before = kit.state();

            service.preview(admin, List.of());

            assertThat(kit.state()).isEqualTo(before);
        }

        @Test
        void isEmptyWhenNothingIsRemoved() {
            given(canUse(dataEng));

            assertThat(service.preview(admin, List.of(canUse(dataEng), canUse(bob)))
                            .losses())
                    .isEmpty();
            assertThat(service.preview(admin, List.of(canUse(dataEng))).tokensStopping())
                    .isZero();
        }
    }
}
