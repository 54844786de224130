package dev.warden.core.token;

import static dev.warden.core.testkit.CoreTestKit.OTHER_WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenManagementServiceTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final TokenManagementService service = kit.tokenManagement;
    private final Actor admin = kit.asAdmin();
    private final Principal alice = kit.user("alice", BuiltInRole.USER);
    private final Principal bob = kit.user("bob", BuiltInRole.USER);
    private final Principal auditor = kit.user("auditor", BuiltInRole.AUDITOR);
    private final Instant now = kit.clock.instant();

    private static final Comparator<AccessToken> NEWEST_FIRST = Comparator.comparing(AccessToken::createdAt)
            .thenComparing(t -> t.id().value())
            .reversed();

    private TokenFilter all() {
        return TokenFilter.all(now);
    }

    private AccessToken store(Tokens.Builder builder) {
        return kit.store(builder);
    }

    private Tokens.Builder tokenOf(Principal owner) {
        return Tokens.aToken()
                .inWorkspace(owner.workspace())
                .ownedBy(owner.id())
                .createdAt(now.minus(Duration.ofDays(1)));
    }

    private static List<TokenId> ids(List<AccessToken> tokens) {
        return tokens.stream().map(AccessToken::id).toList();
    }

    private AccessToken stored(TokenId id) {
        return kit.tokens.findById(WORKSPACE, id).orElseThrow();
    }

    /** The call throws this type and leaves every fake as it was. */
    private <T extends RuntimeException> T refused(Class<T> type, ThrowingCallable call) {
        Map<String, Object> before = kit.state();
        T thrown = catchThrowableOfType(call, type);
        assertThat(thrown).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(kit.state()).isEqualTo(before);
        return thrown;
    }

    @Nested
    class Listing {
        @Test
        void aWorkspaceAdminSeesEveryTokenOfTheWorkspaceNewestFirstAndNoneOfAnother() {
            AccessToken older = store(tokenOf(alice).createdAt(now.minus(Duration.ofDays(3))));
            AccessToken newer = store(tokenOf(bob).createdAt(now.minus(Duration.ofDays(2))));
            store(Tokens.aToken().inWorkspace(OTHER_WORKSPACE).ownedBy(new PrincipalId(999)));

            assertThat(ids(service.list(admin, all(), null, 100))).containsExactly(newer.id(), older.id());
        }

        @Test
        void aUserIsRefusedWithTheMissingPermissionNamed() {
            kit.activeToken(alice);

            PermissionDeniedException thrown = catchThrowableOfType(
                    () -> service.list(as(alice), all(), null, 10), PermissionDeniedException.class);

            assertThat(thrown.permission()).isEqualTo("token-management:read");
        }

        @Test
        void anAuditorMayReadButNotChange() {
            AccessToken token = kit.activeToken(alice);

            assertThat(ids(service.list(as(auditor), all(), null, 10))).containsExactly(token.id());
            assertThat(service.get(as(auditor), token.id()).id()).isEqualTo(token.id());
            PermissionDeniedException thrown =
                    refused(PermissionDeniedException.class, () -> service.revoke(as(auditor), token.id()));
            assertThat(thrown.permission()).isEqualTo("token-management:write");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, TokenManagementService.MAX_PAGE + 1})
        void aPageSizeOutsideOneToTheMaximumIsRefusedNamingPageSize(int pageSize) {
            InvalidParameterException thrown = catchThrowableOfType(
                    () -> service.list(admin, all(), null, pageSize), InvalidParameterException.class);

            assertThat(thrown.field()).isEqualTo("page_size");
            assertThat(thrown).hasMessageContaining("1000");
        }

        @ParameterizedTest
        @ValueSource(ints = {1, TokenManagementService.MAX_PAGE})
        void aPageSizeAtTheBoundsIsAccepted(int pageSize) {
            kit.activeToken(alice);
            kit.activeToken(bob);

            assertThat(service.list(admin, all(), null, pageSize)).hasSize(Math.min(pageSize, 2));
        }
    }

    @Nested
    class Paging {
        private final List<AccessToken> expected = new ArrayList<>();

        Paging() {
            // 23 tokens over 8 creation instants, so that many share one and the id must break the tie
            for (int i = 0; i < 23; i++) {
                Principal owner = i % 2 == 0 ? alice : bob;
                expected.add(store(tokenOf(owner).createdAt(now.minus(Duration.ofHours(i % 8)))));
            }
            store(Tokens.aToken()
                    .inWorkspace(OTHER_WORKSPACE)
                    .ownedBy(new PrincipalId(999))
                    .createdAt(now.minus(Duration.ofHours(3))));
            expected.sort(NEWEST_FIRST);
        }

        private List<List<AccessToken>> pages(TokenFilter filter, int size) {
            List<List<AccessToken>> pages = new ArrayList<>();
            TokenCursor cursor = null;
            while (true) {
                List<AccessToken> page = service.list(admin, filter, cursor, size);
                assertThat(page).hasSizeLessThanOrEqualTo(size);
                if (page.isEmpty()) {
                    return pages;
                }
                pages.add(page);
                cursor = TokenCursor.after(page.get(page.size() - 1));
                assertThat(pages).as("paging must end").hasSizeLessThan(100);
            }
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 5, 7, 23, 50})
        void walkingThePagesReturnsEveryTokenExactlyOnceInOrder(int size) {
            List<List<AccessToken>> pages = pages(all(), size);

            List<TokenId> walked =
                    pages.stream().flatMap(List::stream).map(AccessToken::id).toList();
            assertThat(walked).containsExactlyElementsOf(ids(expected));
            assertThat(new HashSet<>(walked)).hasSize(23);
            assertThat(pages).hasSize((23 + size - 1) / size);
            pages.subList(0, pages.size() - 1).forEach(page -> assertThat(page).hasSize(size));
        }

        @Test
        void theFirstPageIsTheNewestTokens() {
            assertThat(ids(service.list(admin, all(), null, 4))).containsExactlyElementsOf(ids(expected.subList(0, 4)));
        }

        @Test
        void aPageAfterACursorStartsStrictlyAfterIt() {
            AccessToken tenth = expected.get(9);

            assertThat(ids(service.list(admin, all(), TokenCursor.after(tenth), 3)))
                    .containsExactlyElementsOf(ids(expected.subList(10, 13)));
        }

        @Test
        void aTokenAddedDuringPagingBeforeTheCursorDoesNotShiftLaterPages() {
            List<AccessToken> first = service.list(admin, all(), null, 5);
            store(tokenOf(alice).createdAt(now));

            List<AccessToken> second = service.list(admin, all(), TokenCursor.after(first.get(4)), 5);

            assertThat(ids(second)).containsExactlyElementsOf(ids(expected.subList(5, 10)));
        }

        @Test
        void pagingWithAFilterWalksOnlyTheMatchingTokens() {
            TokenFilter alicesOnly = new TokenFilter(alice.id(), null, null, null, null, null, null, false, now);

            List<TokenId> walked = pages(alicesOnly, 4).stream()
                    .flatMap(List::stream)
                    .map(AccessToken::id)
                    .toList();

            assertThat(walked)
                    .containsExactlyElementsOf(ids(expected.stream()
                            .filter(t -> t.owner().equals(alice.id()))
                            .toList()));
            assertThat(walked).hasSize(12);
        }
    }

    @Nested
    class Filtering {
        private final AccessToken alicesActive = store(tokenOf(alice)
                .withScopes(Scope.ALL_APIS)
                .lastUse(new TokenLastUse(now.minus(Duration.ofHours(1)), "10.0.0.1", "curl")));
        private final AccessToken alicesRevoked = store(tokenOf(alice)
                .revokedAt(now.minus(Duration.ofHours(2)), alice.id())
                .withScopes(new Scope("tokens:read")));
        private final AccessToken bobsExpired = store(tokenOf(bob)
                .createdAt(now.minus(Duration.ofDays(40)))
                .expiringIn(Duration.ofDays(30))
                .lastUse(new TokenLastUse(now.minus(Duration.ofDays(35)), null, null)));
        private final AccessToken bobsExpiringSoon = store(tokenOf(bob)
                .createdBy(kit.admin.id())
                .kind(TokenKind.ON_BEHALF_OF)
                .expiringAt(now.plus(Duration.ofDays(3)))
                .withScopes(new Scope("tokens:read"), new Scope("scim:read")));

        private List<TokenId> matching(TokenFilter filter) {
            return ids(service.list(admin, filter, null, 100));
        }

        private TokenFilter filter(
                PrincipalId owner,
                PrincipalId createdBy,
                TokenStatus status,
                TokenKind kind,
                String scope,
                Instant expiringBefore,
                Instant unusedSince,
                boolean neverUsed) {
            return new TokenFilter(owner, createdBy, status, kind, scope, expiringBefore, unusedSince, neverUsed, now);
        }

        @Test
        void byOwner() {
            assertThat(matching(filter(bob.id(), null, null, null, null, null, null, false)))
                    .containsExactlyInAnyOrder(bobsExpired.id(), bobsExpiringSoon.id());
        }

        @Test
        void byCreator() {
            assertThat(matching(filter(null, kit.admin.id(), null, null, null, null, null, false)))
                    .containsExactly(bobsExpiringSoon.id());
        }

        @Test
        void byStatusAtTheFiltersInstant() {
            assertThat(matching(filter(null, null, TokenStatus.ACTIVE, null, null, null, null, false)))
                    .containsExactlyInAnyOrder(alicesActive.id(), bobsExpiringSoon.id());
            assertThat(matching(filter(null, null, TokenStatus.REVOKED, null, null, null, null, false)))
                    .containsExactly(alicesRevoked.id());
            assertThat(matching(filter(null, null, TokenStatus.EXPIRED, null, null, null, null, false)))
                    .containsExactly(bobsExpired.id());
        }

        @Test
        void byKind() {
            assertThat(matching(filter(null, null, null, TokenKind.ON_BEHALF_OF, null, null, null, false)))
                    .containsExactly(bobsExpiringSoon.id());
            assertThat(matching(filter(null, null, null, TokenKind.PERSONAL, null, null, null, false)))
                    .containsExactlyInAnyOrder(alicesActive.id(), alicesRevoked.id(), bobsExpired.id());
        }

        @Test
        void byScopeHeld() {
            assertThat(matching(filter(null, null, null, null, "tokens:read", null, null, false)))
                    .containsExactlyInAnyOrder(alicesRevoked.id(), bobsExpiringSoon.id());
            assertThat(matching(filter(null, null, null, null, "scim:read", null, null, false)))
                    .containsExactly(bobsExpiringSoon.id());
        }

        @Test
        void expiringBeforeLeavesOutTokensAlreadyExpired() {
            assertThat(matching(filter(null, null, null, null, null, now.plus(Duration.ofDays(7)), null, false)))
                    .containsExactly(bobsExpiringSoon.id());
        }

        @Test
        void unusedSinceIncludesNeverUsedTokens() {
            assertThat(matching(filter(null, null, null, null, null, null, now.minus(Duration.ofDays(1)), false)))
                    .containsExactlyInAnyOrder(alicesRevoked.id(), bobsExpired.id(), bobsExpiringSoon.id());
        }

        @Test
        void neverUsed() {
            assertThat(matching(filter(null, null, null, null, null, null, null, true)))
                    .containsExactlyInAnyOrder(alicesRevoked.id(), bobsExpiringSoon.id());
        }

        @Test
        void filtersCombine() {
            assertThat(matching(filter(
                            alice.id(), null, TokenStatus.ACTIVE, TokenKind.PERSONAL, "all-apis", null, null, false)))
                    .containsExactly(alicesActive.id());
            assertThat(matching(filter(alice.id(), null, null, null, null, null, null, true)))
                    .containsExactly(alicesRevoked.id());
        }
    }

    @Nested
    class Get {
        @Test
        void returnsAnyUsersToken() {
            AccessToken token = kit.activeToken(alice);

            assertThat(service.get(admin, token.id()).owner()).isEqualTo(alice.id());
        }

        @Test
        void anUnknownIdAnswersNotFound() {
            assertThat(catchThrowableOfType(
                            () -> service.get(admin, new TokenId("0".repeat(32))), TokenNotFoundException.class))
                    .isNotNull();
        }

        @Test
        void aTokenOfAnotherWorkspaceAnswersNotFound() {
            AccessToken foreign =
                    store(Tokens.aToken().inWorkspace(OTHER_WORKSPACE).ownedBy(new PrincipalId(999)));

            assertThat(catchThrowableOfType(() -> service.get(admin, foreign.id()), TokenNotFoundException.class))
                    .isNotNull();
        }

        @Test
        void needsTokenManagementRead() {
            AccessToken token = kit.activeToken(bob);

            assertThat(catchThrowableOfType(() -> service.get(as(alice), token.id()), PermissionDeniedException.class)
                            .permission())
                    .isEqualTo("token-management:read");
        }
    }

    @Nested
    class Changes {
        private final AccessToken alicesToken = kit.activeToken(alice);

        private AuditEvent onlyEvent(AuditAction action) {
            assertThat(kit.audit.eventsWith(action)).hasSize(1);
            return kit.audit.eventsWith(action).get(0);
        }

        @Test
        void revokeTakesAnyUsersTokenOutOfServiceAndAuditsIt() {
            AccessToken revoked = service.revoke(admin, alicesToken.id());

            assertThat(revoked.statusAt(now)).isEqualTo(TokenStatus.REVOKED);
            assertThat(stored(alicesToken.id()).revokedBy()).isEqualTo(kit.admin.id());
            AuditEvent event = onlyEvent(AuditAction.TOKEN_REVOKED);
            assertThat(event.actorId()).isEqualTo(kit.admin.id());
            assertThat(event.targetId()).isEqualTo(alicesToken.id().value());
            assertThat(event.details())
                    .containsEntry("owner_id", String.valueOf(alice.id()))
                    .containsEntry("kind", "PERSONAL");
        }

        @Test
        void restoreBringsARevokedTokenBackAndAuditsIt() {
            AccessToken revoked = kit.revokedToken(bob);

            service.restore(admin, revoked.id());

            assertThat(stored(revoked.id()).statusAt(now)).isEqualTo(TokenStatus.ACTIVE);
            assertThat(onlyEvent(AuditAction.TOKEN_RESTORED).targetId())
                    .isEqualTo(revoked.id().value());
        }

        @Test
        void restoringAnActiveTokenIsRefusedAndChangesNothing() {
            refused(InvalidStateException.class, () -> service.restore(admin, alicesToken.id()));
        }

        @Test
        void deleteRemovesAnyUsersTokenForGoodAndAuditsIt() {
            service.delete(admin, alicesToken.id());

            assertThat(kit.tokens.findById(WORKSPACE, alicesToken.id())).isEmpty();
            assertThat(onlyEvent(AuditAction.TOKEN_DELETED).details()).containsEntry("status_before", "ACTIVE");
            assertThat(catchThrowableOfType(
                            () -> service.delete(admin, alicesToken.id()), TokenNotFoundException.class))
                    .isNotNull();
        }

        @Test
        void everyChangeNeedsTokenManagementWriteAndAUserChangesNothing() {
            AccessToken revoked = kit.revokedToken(bob);

            for (ThrowingCallable call : List.<ThrowingCallable>of(
                    () -> service.revoke(as(bob), alicesToken.id()),
                    () -> service.restore(as(bob), revoked.id()),
                    () -> service.delete(as(bob), alicesToken.id()),
                    () -> service.rotate(as(bob), alicesToken.id(), Duration.ZERO),
                    () -> service.createOnBehalfOf(as(bob), "whatever", new CreateTokenCommand("x", null, null)))) {
                assertThat(refused(PermissionDeniedException.class, call).permission())
                        .isEqualTo("token-management:write");
            }
        }

        @Test
        void aTokenOfAnotherWorkspaceAnswersNotFoundAndStaysUnchanged() {
            AccessToken foreign =
                    store(Tokens.aToken().inWorkspace(OTHER_WORKSPACE).ownedBy(new PrincipalId(999)));

            refused(TokenNotFoundException.class, () -> service.revoke(admin, foreign.id()));
            refused(TokenNotFoundException.class, () -> service.delete(admin, foreign.id()));
            refused(TokenNotFoundException.class, () -> service.rotate(admin, foreign.id(), Duration.ZERO));
        }

        @Test
        void rotateGivesAnyUsersTokenANewSecretKeepingTheOldOneForTheGrace() {
            IssuedToken rotated = service.rotate(admin, alicesToken.id(), Duration.ofHours(1));

            AccessToken stored = stored(alicesToken.id());
            assertThat(stored.digest())
                    .isEqualTo(TokenDigest.of(rotated.secret().reveal()));
            assertThat(stored.owner()).isEqualTo(alice.id());
            assertThat(stored.acceptsPrevious(alicesToken.digest(), now)).isTrue();
            assertThat(onlyEvent(AuditAction.TOKEN_ROTATED).actorId()).isEqualTo(kit.admin.id());
        }

        @Test
        void rotateRefusesAGraceOverSevenDaysAndChangesNothing() {
            InvalidParameterException thrown = refused(
                    InvalidParameterException.class, () -> service.rotate(admin, alicesToken.id(), Duration.ofDays(8)));

            assertThat(thrown.field()).isEqualTo("grace_period_seconds");
        }

        @Test
        void rotateRefusesARevokedTokenAndRollsBack() {
            AccessToken revoked = kit.revokedToken(bob);

            refused(InvalidStateException.class, () -> service.rotate(admin, revoked.id(), Duration.ZERO));
        }
    }

    @Nested
    class OnBehalfOf {
        private final Principal robot =
                kit.save(Principal.newServicePrincipal(WORKSPACE, "0f6b5c1e-robot", "ETL robot"), BuiltInRole.USER);
        private final CreateTokenCommand command =
                new CreateTokenCommand("nightly etl", Duration.ofDays(30), List.of("tokens:read"));

        private void grantUsage(Principal principal) {
            kit.acl.grant(WORKSPACE, TokenUsageEntry.forPrincipal(principal.id(), TokenUsageLevel.CAN_USE));
        }

        @Test
        void theServicePrincipalOwnsTheTokenTheAdminCreatedIt() {
            grantUsage(robot);

            IssuedToken issued = service.createOnBehalfOf(admin, "0f6b5c1e-robot", command);

            AccessToken token = stored(issued.token().id());
            assertThat(token.kind()).isEqualTo(TokenKind.ON_BEHALF_OF);
            assertThat(token.owner()).isEqualTo(robot.id());
            assertThat(token.createdBy()).isEqualTo(kit.admin.id());
            assertThat(token.scopes()).containsExactly(new Scope("tokens:read"));
            assertThat(token.expiresAt()).isEqualTo(now.plus(Duration.ofDays(30)));
            assertThat(token.digest()).isEqualTo(TokenDigest.of(issued.secret().reveal()));
            assertThat(ids(kit.tokenService.listOwn(as(robot)))).containsExactly(token.id());
            assertThat(kit.tokenService.listOwn(admin)).isEmpty();
            AuditEvent created = kit.audit.eventsWith(AuditAction.TOKEN_CREATED).get(0);
            assertThat(created.actorId()).isEqualTo(kit.admin.id());
            assertThat(created.details())
                    .containsEntry("kind", "ON_BEHALF_OF")
                    .containsEntry("owner_id", String.valueOf(robot.id()));
        }

        @Test
        void theApplicationIdIsMatchedTrimmedAndCaseInsensitively() {
            grantUsage(robot);

            IssuedToken issued = service.createOnBehalfOf(admin, "  0F6B5C1E-ROBOT ", command);

            assertThat(issued.token().owner()).isEqualTo(robot.id());
        }

        @Test
        void theTokenIsListedInTheInventoryAsOnBehalfOf() {
            grantUsage(robot);
            IssuedToken issued = service.createOnBehalfOf(admin, "0f6b5c1e-robot", command);

            TokenFilter onBehalfOf = new TokenFilter(
                    robot.id(), kit.admin.id(), null, TokenKind.ON_BEHALF_OF, null, null, null, false, now);

            assertThat(ids(service.list(admin, onBehalfOf, null, 10)))
                    .containsExactly(issued.token().id());
        }

        @Test
        void anUnknownApplicationIdIsRefusedNamingTheField() {
            InvalidParameterException thrown = refused(
                    InvalidParameterException.class, () -> service.createOnBehalfOf(admin, "no-such-app", command));

            assertThat(thrown.field()).isEqualTo("application_id");
            assertThat(thrown).hasMessageContaining("no-such-app");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  "})
        void aMissingApplicationIdIsRefusedNamingTheField(String applicationId) {
            assertThat(refused(
                                    InvalidParameterException.class,
                                    () -> service.createOnBehalfOf(admin, applicationId, command))
                            .field())
                    .isEqualTo("application_id");
            assertThat(refused(InvalidParameterException.class, () -> service.createOnBehalfOf(admin, null, command))
                            .field())
                    .isEqualTo("application_id");
        }

        @Test
        void aUsersIdOrNameInsteadOfAServicePrincipalIsRefusedTheSameWay() {
            grantUsage(alice);

            for (String notAnApplication : List.of(String.valueOf(alice.id().value()), "alice")) {
                InvalidParameterException thrown = refused(
                        InvalidParameterException.class,
                        () -> service.createOnBehalfOf(admin, notAnApplication, command));
                assertThat(thrown.field()).isEqualTo("application_id");
            }
        }

        @Test
        void aServicePrincipalWithoutTokenUsageIsRefusedSayingSoAndHowToGrantIt() {
            AccessRefusedException thrown = refused(
                    AccessRefusedException.class, () -> service.createOnBehalfOf(admin, "0f6b5c1e-robot", command));

            assertThat(thrown.reason()).isEqualTo(DenialReason.NO_TOKEN_USAGE_PERMISSION);
            assertThat(thrown)
                    .hasMessageContaining("ETL robot")
                    .hasMessageContaining("0f6b5c1e-robot")
                    .hasMessageContaining("does not have permission to use tokens")
                    .hasMessageContaining("Permission Settings")
                    .hasMessageContaining("PATCH /api/2.0/permissions/authorization/tokens")
                    .hasMessageNotContaining("not enabled for this workspace");
        }

        @Test
        void aDeactivatedServicePrincipalIsRefusedAsInactive() {
            grantUsage(robot);
            kit.deactivate(robot);

            AccessRefusedException thrown = refused(
                    AccessRefusedException.class, () -> service.createOnBehalfOf(admin, "0f6b5c1e-robot", command));

            assertThat(thrown.reason()).isEqualTo(DenialReason.OWNER_INACTIVE);
            assertThat(thrown).hasMessageContaining("deactivated");
        }

        @Test
        void aServicePrincipalOfAnotherWorkspaceIsUnknown() {
            Principal foreign = kit.save(Principal.newServicePrincipal(OTHER_WORKSPACE, "foreign-app", "foreign"));
            kit.acl.grant(OTHER_WORKSPACE, TokenUsageEntry.forPrincipal(foreign.id(), TokenUsageLevel.CAN_USE));

            assertThat(refused(
                                    InvalidParameterException.class,
                                    () -> service.createOnBehalfOf(admin, "foreign-app", command))
                            .field())
                    .isEqualTo("application_id");
        }

        @Test
        void anUnknownScopeIsRefusedAndNothingIsStored() {
            grantUsage(robot);

            refused(
                    InvalidParameterException.class,
                    () -> service.createOnBehalfOf(
                            admin, "0f6b5c1e-robot", new CreateTokenCommand("x", null, List.of("no:such-scope"))));
        }
    }
}
