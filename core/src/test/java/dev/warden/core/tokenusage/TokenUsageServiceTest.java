package dev.warden.core.tokenusage;

import dev.warden.core.testkit.AdministrationFixture;

import static dev.warden.core.testkit.AdministrationFixture.OTHER_WORKSPACE;
import static dev.warden.core.testkit.AdministrationFixture.WORKSPACE;
import static dev.warden.core.testkit.AdministrationFixture.as;
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
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TokenUsageServiceTest {
    private final AdministrationFixture fixture = new AdministrationFixture();
    private final TokenUsageService service = fixture.tokenUsageService;
    private final Actor admin = fixture.asAdmin();
    private final Principal alice = fixture.user("alice", BuiltInRole.USER);
    private final Principal bob = fixture.user("bob", BuiltInRole.USER);
    private final Principal robot = fixture.servicePrincipal("etl robot");
    private final Group dataEng = fixture.group("data-eng", alice);
    private final Group analysts = fixture.group("analysts", bob);

    private static TokenUsageEntry canUse(Principal principal) {
        return TokenUsageEntry.forPrincipal(principal.id(), TokenUsageLevel.CAN_USE);
    }

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
        fixture.acl.replace(WORKSPACE, List.of(entries));
    }

    private <T extends RuntimeException> T refused(Class<T> type, ThrowingCallable call) {
        Map<String, Object> before = fixture.state();
        T thrown = catchThrowableOfType(call, type);
        assertThat(thrown).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(fixture.state()).isEqualTo(before);
        return thrown;
    }

    @Nested
    class Reading {
        @Test
        void aWorkspaceWithoutEntriesOrTokensHasAnEmptyList() {
            assertThat(fixture.tokens.all()).isEmpty();

            assertThat(service.entries(admin)).isEmpty();
        }

        @Test
        void listsTheDirectEntriesInTheOrderTheyWereSaved() {
            given(canUse(dataEng), canManage(robot));

            assertThat(service.entries(admin)).containsExactly(canUse(dataEng), canManage(robot));
        }

        @Test
        void doesNotShowAnotherWorkspacesEntries() {
            Principal stranger = fixture.save(Principals.aUser("stranger").inWorkspace(OTHER_WORKSPACE).build());
            fixture.acl.replace(OTHER_WORKSPACE, List.of(canUse(stranger)));

            assertThat(service.entries(admin)).isEmpty();
        }

        @Test
        void anAuditorMayReadTheList() {
            Principal auditor = fixture.user("carol", BuiltInRole.AUDITOR);
            given(canUse(alice));

            assertThat(service.entries(as(auditor))).containsExactly(canUse(alice));
        }

        @Test
        void aUserMayNotReadTheList() {
            PermissionDeniedException denied = catchThrowableOfType(() -> service.entries(as(alice)),
                    PermissionDeniedException.class);

            assertThat(denied.permission()).isEqualTo("permissions:read");
        }
    }

    @Nested
    class ImplicitManagers {
        @Test
        void areTheActiveWorkspaceAdminsSortedByName() {
            Principal zoe = fixture.user("zoe", BuiltInRole.WORKSPACE_ADMIN);
            Principal carol = fixture.user("carol", BuiltInRole.WORKSPACE_ADMIN);

            assertThat(service.implicitManagers(admin)).extracting(Principal::name)
                    .containsExactly("admin", "carol", "zoe");
            assertThat(service.implicitManagers(admin)).extracting(Principal::id)
                    .containsExactly(fixture.admin.id(), carol.id(), zoe.id());
        }

        @Test
        void includeAdminsThroughAGroup() {
            Group admins = fixture.group("admins", bob);
            fixture.directory.assignments.add(RoleAssignment.toGroup(WORKSPACE,
                    fixture.directory.roles.builtIn(WORKSPACE, BuiltInRole.WORKSPACE_ADMIN).id(), admins.id(), null));

            assertThat(service.implicitManagers(admin)).extracting(Principal::name).containsExactly("admin", "bob");
        }

        @Test
        void leaveOutDeactivatedAdminsAndEveryoneElse() {
            fixture.deactivate(fixture.user("carol", BuiltInRole.WORKSPACE_ADMIN));
            given(canManage(alice));

            assertThat(service.implicitManagers(admin)).extracting(Principal::name).containsExactly("admin");
        }

        @Test
        void needPermissionsRead() {
            assertThat(catchThrowableOfType(() -> service.implicitManagers(as(alice)),
                    PermissionDeniedException.class)).isNotNull();
        }
    }

    @Nested
    class Patch {
        @Test
        void addsTheGivenEntriesAndKeepsTheRest() {
            given(canUse(dataEng));

            List<TokenUsageEntry> result = service.patch(admin, List.of(canUse(bob), canManage(robot)));

            assertThat(result).containsExactly(canUse(dataEng), canUse(bob), canManage(robot));
            assertThat(fixture.acl.list(WORKSPACE)).isEqualTo(result);
        }

        @Test
        void changesTheLevelOfAnExistingSubjectAndKeepsTheRest() {
            given(canUse(dataEng), canUse(bob), canUse(robot));

            List<TokenUsageEntry> result = service.patch(admin, List.of(canManage(bob), canManage(dataEng)));

            assertThat(result).containsExactlyInAnyOrder(canManage(dataEng), canManage(bob), canUse(robot));
            assertThat(result).filteredOn(entry -> bob.id().equals(entry.principal())).hasSize(1);
            assertThat(fixture.acl.list(WORKSPACE)).isEqualTo(result);
        }

        @Test
        void aPrincipalAndAGroupWithTheSameNumberAreDifferentSubjects() {
            Principal same = fixture.directory.principals.findById(WORKSPACE, new PrincipalId(dataEng.id().value()))
                    .orElseThrow();
            given(canUse(dataEng));

            assertThat(service.patch(admin, List.of(canManage(same))))
                    .containsExactly(canUse(dataEng), canManage(same));
        }

        @Test
        void anEmptyPatchKeepsEverything() {
            given(canUse(dataEng), canUse(bob));

            assertThat(service.patch(admin, List.of())).containsExactly(canUse(dataEng), canUse(bob));
        }

        @Test
        void theLastEntryForASubjectInOneRequestWins() {
            List<TokenUsageEntry> result = service.patch(admin, List.of(canUse(alice), canManage(alice)));

            assertThat(result).containsExactly(canManage(alice));
        }

        @Test
        void grantsUsageAtOnce() {
            assertThat(fixture.usage.mayUseTokens(alice)).isFalse();

            service.patch(admin, List.of(canUse(dataEng)));

            assertThat(fixture.usage.levelOf(alice)).contains(TokenUsageLevel.CAN_USE);
        }
    }

    @Nested
    class Put {
        @Test
        void replacesAllDirectEntriesAndReturnsTheCompleteList() {
            given(canUse(dataEng), canUse(bob));

            List<TokenUsageEntry> result = service.replace(admin, List.of(canManage(robot), canUse(analysts)));

            assertThat(result).containsExactly(canManage(robot), canUse(analysts));
            assertThat(fixture.acl.list(WORKSPACE)).isEqualTo(result);
        }

        @Test
        void anEmptyListClearsEveryEntry() {
            given(canUse(dataEng), canUse(bob));

            assertThat(service.replace(admin, List.of())).isEmpty();
            assertThat(fixture.acl.list(WORKSPACE)).isEmpty();
        }

        @Test
        void anEmptyListKeepsTheAdminsImplicitCanManage() {
            given(canUse(dataEng));

            service.replace(admin, List.of());

            assertThat(fixture.usage.levelOf(fixture.admin)).contains(TokenUsageLevel.CAN_MANAGE);
            assertThat(service.implicitManagers(admin)).extracting(Principal::id).containsExactly(fixture.admin.id());
        }

        @Test
        void keepsOneEntryPerSubject() {
            assertThat(service.replace(admin, List.of(canUse(bob), canUse(dataEng), canManage(bob))))
                    .containsExactly(canUse(dataEng), canManage(bob));
        }

        @Test
        void removingTheEntrySuspendsUsageWithoutDeletingTokens() {
            given(canUse(dataEng));
            var token = fixture.activeToken(alice);

            service.replace(admin, List.of());

            assertThat(fixture.usage.mayUseTokens(alice)).isFalse();
            assertThat(fixture.tokens.all()).extracting(t -> t.id()).containsExactly(token.id());
        }
    }

    @Nested
    class InvalidEntries {
        @Test
        void anUnknownPrincipalIsRefusedAndNothingChanges() {
            given(canUse(dataEng));

            InvalidParameterException thrown = refused(InvalidParameterException.class, () -> service.patch(admin,
                    List.of(canUse(bob), TokenUsageEntry.forPrincipal(new PrincipalId(999), TokenUsageLevel.CAN_USE))));

            assertThat(thrown.field()).isEqualTo("access_control_list");
            assertThat(thrown).hasMessageContaining("999").hasMessageContaining("does not exist");
        }

        @Test
        void anUnknownGroupIsRefusedAndNothingChanges() {
            given(canUse(dataEng));

            InvalidParameterException thrown = refused(InvalidParameterException.class, () -> service.replace(admin,
                    List.of(canUse(bob), TokenUsageEntry.forGroup(new GroupId(999), TokenUsageLevel.CAN_USE))));

            assertThat(thrown.field()).isEqualTo("access_control_list");
            assertThat(thrown).hasMessageContaining("Group 999");
        }

        @Test
        void aPrincipalOfAnotherWorkspaceIsUnknownHere() {
            Principal stranger = fixture.save(Principals.aUser("stranger").inWorkspace(OTHER_WORKSPACE).build());

            refused(InvalidParameterException.class, () -> service.patch(admin, List.of(canUse(stranger))));
        }

        @Test
        void aGroupOfAnotherWorkspaceIsUnknownHere() {
            Group foreign = fixture.directory.groups.save(new Group(null, OTHER_WORKSPACE, "foreign", null));

            refused(InvalidParameterException.class, () -> service.patch(admin, List.of(canUse(foreign))));
        }

        @Test
        void aTechnicalUserCannotBeNamed() {
            Principal technical = fixture.save(new Principal(null, WORKSPACE, PrincipalKind.TECHNICAL_USER,
                    "group-token-1", "group token", true, null));

            refused(InvalidParameterException.class, () -> service.patch(admin, List.of(canUse(technical))));
        }

        @Test
        void anUnknownPrincipalInAPutLeavesTheOldListInPlace() {
            given(canUse(dataEng), canUse(bob));

            refused(InvalidParameterException.class, () -> service.replace(admin,
                    List.of(TokenUsageEntry.forPrincipal(new PrincipalId(999), TokenUsageLevel.CAN_USE))));

            assertThat(fixture.acl.list(WORKSPACE)).containsExactly(canUse(dataEng), canUse(bob));
        }
    }

    @Nested
    class Permissions {
        @Test
        void aUserMayNotPatch() {
            PermissionDeniedException denied = refused(PermissionDeniedException.class,
                    () -> service.patch(as(alice), List.of(canUse(alice))));

            assertThat(denied.permission()).isEqualTo("permissions:write");
            assertThat(denied).hasMessageContaining("alice").hasMessageContaining("permissions:write");
        }

        @Test
        void aUserMayNotPut() {
            given(canUse(dataEng));

            PermissionDeniedException denied = refused(PermissionDeniedException.class,
                    () -> service.replace(as(alice), List.of()));

            assertThat(denied.permission()).isEqualTo("permissions:write");
        }

        @Test
        void aUserWithCanManageButNoAdminRoleMayNotChangeTheListThroughThisService() {
            given(canManage(alice));

            refused(PermissionDeniedException.class, () -> service.replace(as(alice), List.of(canUse(bob))));
        }

        @Test
        void anAuditorMayReadButNotWrite() {
            Principal auditor = fixture.user("carol", BuiltInRole.AUDITOR);

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

            service.patch(admin, List.of(canManage(bob)));

            assertThat(fixture.audit.events()).singleElement().satisfies(event -> {
                assertThat(event.action()).isEqualTo(AuditAction.TOKEN_ACL_CHANGED);
                assertThat(event.workspace()).isEqualTo(WORKSPACE);
                assertThat(event.actorId()).isEqualTo(fixture.admin.id());
                assertThat(event.actorName()).isEqualTo("admin");
                assertThat(event.occurredAt()).isEqualTo(fixture.clock.instant());
                assertThat(event.targetType()).isEqualTo("object");
                assertThat(event.targetId()).isEqualTo("authorization/tokens");
                assertThat(event.details())
                        .containsEntry("before", "[group " + dataEng.id() + "=CAN_USE]")
                        .containsEntry("after", "[group " + dataEng.id() + "=CAN_USE, principal " + bob.id()
                                + "=CAN_MANAGE]");
            });
        }

        @Test
        void aPutThatClearsTheListIsAuditedWithAnEmptyAfter() {
            given(canUse(dataEng), canUse(robot));

            service.replace(admin, List.of());

            assertThat(fixture.audit.eventsWith(AuditAction.TOKEN_ACL_CHANGED)).singleElement()
                    .satisfies(event -> assertThat(event.details())
                            .containsEntry("before", "[group " + dataEng.id() + "=CAN_USE, principal " + robot.id()
                                    + "=CAN_USE]")
                            .containsEntry("after", "[]"));
        }

        @Test
        void aChangeIsOneAuditRecordHoweverManyEntriesItTouches() {
            service.replace(admin, List.of(canUse(dataEng), canUse(analysts), canManage(robot)));

            assertThat(fixture.audit.eventsWith(AuditAction.TOKEN_ACL_CHANGED)).hasSize(1);
        }

        @Test
        void readingAndPreviewingAreNotAudited() {
            given(canUse(dataEng));

            service.entries(admin);
            service.implicitManagers(admin);
            service.preview(admin, List.of());

            assertThat(fixture.audit.events()).isEmpty();
        }
    }

    @Nested
    class Preview {
        @Test
        void listsAPrincipalLosingItsDirectEntryWithItsActiveTokenCount() {
            given(canUse(robot), canUse(bob));
            fixture.activeToken(robot);
            fixture.activeToken(robot);
            fixture.revokedToken(robot);
            fixture.expiredToken(robot);

            TokenUsageImpact impact = service.preview(admin, List.of(canUse(bob)));

            assertThat(impact.losses()).singleElement().satisfies(loss -> {
                assertThat(loss.principal().id()).isEqualTo(robot.id());
                assertThat(loss.activeTokens()).isEqualTo(2);
            });
            assertThat(impact.tokensStopping()).isEqualTo(2);
        }

        @Test
        void listsTheMembersOfARemovedGroupSortedByName() {
            Principal carol = fixture.user("carol", BuiltInRole.USER);
            fixture.directory.groups.addMember(WORKSPACE, dataEng.id(), carol.id());
            given(canUse(dataEng));
            fixture.activeToken(alice);
            fixture.activeToken(carol);
            fixture.activeToken(carol);

            TokenUsageImpact impact = service.preview(admin, List.of());

            assertThat(impact.losses()).extracting(loss -> loss.principal().name(), TokenUsageImpact.Loss::activeTokens)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", 1),
                            org.assertj.core.groups.Tuple.tuple("carol", 2));
            assertThat(impact.tokensStopping()).isEqualTo(3);
        }

        @Test
        void listsAPrincipalWithoutTokensWithZero() {
            given(canUse(bob));

            assertThat(service.preview(admin, List.of()).losses()).singleElement()
                    .satisfies(loss -> assertThat(loss.activeTokens()).isZero());
        }

        @Test
        void leavesOutWorkspaceAdmins() {
            fixture.directory.groups.addMember(WORKSPACE, dataEng.id(), fixture.admin.id());
            given(canUse(dataEng), canUse(fixture.admin));
            fixture.activeToken(fixture.admin);

            assertThat(service.preview(admin, List.of()).losses()).extracting(loss -> loss.principal().name())
                    .containsExactly("alice");
        }

        @Test
        void leavesOutPrincipalsStillCoveredByADirectEntry() {
            fixture.directory.groups.addMember(WORKSPACE, dataEng.id(), bob.id());
            given(canUse(dataEng), canUse(bob));

            assertThat(service.preview(admin, List.of(canUse(bob))).losses())
                    .extracting(loss -> loss.principal().name()).containsExactly("alice");
        }

        @Test
        void leavesOutPrincipalsStillCoveredByAnotherGroup() {
            fixture.directory.groups.addMember(WORKSPACE, analysts.id(), alice.id());
            given(canUse(dataEng), canUse(analysts));

            assertThat(service.preview(admin, List.of(canUse(analysts))).losses()).isEmpty();
        }

        @Test
        void leavesOutPrincipalsWhoseEntryMovesToAGroup() {
            given(canUse(alice));

            assertThat(service.preview(admin, List.of(canUse(dataEng))).losses()).isEmpty();
        }

        @Test
        void aLowerLevelIsNoLoss() {
            given(canManage(dataEng), canManage(bob));

            assertThat(service.preview(admin, List.of(canUse(dataEng), canUse(bob))).losses()).isEmpty();
        }

        @Test
        void leavesOutDeactivatedPrincipals() {
            given(canUse(bob));
            fixture.activeToken(bob);
            fixture.deactivate(bob);

            assertThat(service.preview(admin, List.of()).losses()).isEmpty();
        }

        @Test
        void aPrincipalInBothARemovedGroupAndARemovedEntryIsListedOnce() {
            given(canUse(dataEng), canUse(alice));
            fixture.activeToken(alice);

            assertThat(service.preview(admin, List.of()).losses()).singleElement()
                    .satisfies(loss -> {
                        assertThat(loss.principal().id()).isEqualTo(alice.id());
                        assertThat(loss.activeTokens()).isEqualTo(1);
                    });
        }

        @Test
        void changesNothing() {
            given(canUse(dataEng), canUse(bob));
            fixture.activeToken(alice);
            Map<String, Object> before = fixture.state();

            service.preview(admin, List.of());

            assertThat(fixture.state()).isEqualTo(before);
        }

        @Test
        void isEmptyWhenNothingIsRemoved() {
            given(canUse(dataEng));

            assertThat(service.preview(admin, List.of(canUse(dataEng), canUse(bob))).losses()).isEmpty();
            assertThat(service.preview(admin, List.of(canUse(dataEng))).tokensStopping()).isZero();
        }
    }
}
