package dev.warden.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.InMemoryAuditLog;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.Principals;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.settings.InMemorySettingsRepository;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.shared.QuotaExceededException;
import dev.warden.core.shared.RollingBackTransactionRunner;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.tokenusage.InMemoryTokenUsageRepository;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.workspace.WorkspaceId;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class TokenServiceTest {
    private static final WorkspaceId WORKSPACE = new WorkspaceId(1);
    private static final WorkspaceId OTHER_WORKSPACE = new WorkspaceId(2);
    private static final Duration DEFAULT_LIFETIME = Duration.ofDays(30);
    private static final Duration MAX_LIFETIME = Duration.ofDays(90);

    private final Principal alice =
            Principals.aUser("alice").withId(10).inWorkspace(WORKSPACE).build();
    private final Principal bob =
            Principals.aUser("bob").withId(11).inWorkspace(WORKSPACE).build();
    private final Actor asAlice = new Actor(WORKSPACE, alice.id(), "alice", "10.0.0.7");
    private final Actor asBob = new Actor(WORKSPACE, bob.id(), "bob", "10.0.0.8");

    private final List<Boolean> auditWrittenInTransaction = new ArrayList<>();
    private final CoreTestKit kit = CoreTestKit.builder()
            .startingAt(Instant.parse("2025-03-01T10:00:00.123456789Z"))
            .installationLifetimes(DEFAULT_LIFETIME, MAX_LIFETIME)
            .audit(new InMemoryAuditLog() {
                @Override
                public synchronized void record(AuditEvent event) {
                    auditWrittenInTransaction.add(inTransaction());
                    super.record(event);
                }
            })
            .build();
    private final MutableClock clock = kit.clock;
    private final InMemoryTokenRepository tokens = kit.tokens;
    private final RollingBackTransactionRunner tx = kit.tx;
    private final InMemoryAuditLog audit = kit.audit;
    /** Without workspace rules: owners act on their own tokens, under the installation's lifetimes only. */
    private final TokenService service = kit.tokenServiceWithoutRules;

    private boolean inTransaction() {
        return kit.tx.isInTransaction();
    }

    private static CreateTokenCommand command(String comment, Duration lifetime, List<String> scopes) {
        return new CreateTokenCommand(comment, lifetime, scopes);
    }

    /** The clock's instant as it is stored: to the microsecond (DESIGN, "Databases"). */
    private Instant nowToTheMicro() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private AccessToken stored(TokenId id) {
        return tokens.all().stream()
                .filter(t -> t.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("token " + id + " is not stored"));
    }

    /** Every instance field of the object, as text, is free of the secret and of its random body. */
    private static void assertHoldsNoSecret(Object object, String value) {
        for (Field field : object.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            Object fieldValue;
            try {
                fieldValue = field.get(object);
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
            assertThat(String.valueOf(fieldValue))
                    .as("field %s", field.getName())
                    .doesNotContain(value)
                    .doesNotContain(value.substring(4, 47));
        }
    }

    private void assertAuditHoldsNoSecret(String value) {
        assertThat(audit.events()).isNotEmpty().allSatisfy(event -> {
            assertThat(event.toString()).doesNotContain(value).doesNotContain(value.substring(4, 47));
            assertThat(event.details().values()).noneMatch(detail -> detail.contains(value.substring(4, 47)));
        });
    }

    @Nested
    class Create {
        @Test
        void storesOnlyTheDigestOfTheIssuedSecret() {
            IssuedToken issued = service.create(asAlice, command("ci", null, null));
            String value = issued.secret().reveal();

            AccessToken stored = stored(issued.token().id());
            assertThat(stored.digest()).isEqualTo(TokenDigest.of(value));
            assertThat(stored.displayHint()).isEqualTo("wdn_…" + value.substring(49));
            assertHoldsNoSecret(stored, value);
            assertHoldsNoSecret(issued.token(), value);
        }

        @Test
        void issuesAWellFormedSecretThatIsDifferentEachTime() {
            String first =
                    service.create(asAlice, command("one", null, null)).secret().reveal();
            String second =
                    service.create(asAlice, command("two", null, null)).secret().reveal();

            assertThat(new TokenFormat("wdn_").isWellFormed(first)).isTrue();
            assertThat(new TokenFormat("wdn_").isWellFormed(second)).isTrue();
            assertThat(first).isNotEqualTo(second);
            assertThat(tokens.all())
                    .extracting(AccessToken::id)
                    .doesNotHaveDuplicates()
                    .hasSize(2);
        }

        @Test
        void issuesSecretsInTheConfiguredFormat() {
            TokenService acme = CoreTestKit.builder()
                    .tokenPrefix("acme_")
                    .tokens(tokens)
                    .audit(audit)
                    .startingAt(clock.instant())
                    .installationLifetimes(DEFAULT_LIFETIME, MAX_LIFETIME)
                    .build()
                    .tokenServiceWithoutRules;

            IssuedToken issued = acme.create(asAlice, command("ci", null, null));

            assertThat(issued.secret().reveal()).startsWith("acme_").hasSize(54);
            assertThat(stored(issued.token().id()).displayHint()).startsWith("acme_…");
        }

        @Test
        void makesTheActorOwnerAndCreatorInTheActorsWorkspace() {
            AccessToken token =
                    service.create(asAlice, command("ci", null, null)).token();

            AccessToken stored = stored(token.id());
            assertThat(stored.workspace()).isEqualTo(WORKSPACE);
            assertThat(stored.owner()).isEqualTo(alice.id());
            assertThat(stored.createdBy()).isEqualTo(alice.id());
            assertThat(stored.comment()).isEqualTo("ci");
            assertThat(stored.statusAt(clock.instant())).isEqualTo(TokenStatus.ACTIVE);
        }

        @Test
        void expiresAfterTheDefaultLifetimeWhenNoneIsRequested() {
            AccessToken token =
                    service.create(asAlice, command("ci", null, null)).token();

            assertThat(stored(token.id()).expiresAt()).isEqualTo(nowToTheMicro().plus(DEFAULT_LIFETIME));
        }

        @Test
        void expiresAfterTheRequestedLifetime() {
            AccessToken token = service.create(asAlice, command("ci", Duration.ofHours(2), null))
                    .token();

            assertThat(stored(token.id()).expiresAt()).isEqualTo(nowToTheMicro().plus(Duration.ofHours(2)));
        }

        @Test
        void storesTimesToTheMicrosecond() {
            AccessToken token =
                    service.create(asAlice, command("ci", null, null)).token();

            assertThat(stored(token.id()).createdAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00.123456Z"));
        }

        @ParameterizedTest
        @NullAndEmptySource
        void grantsAllApisWhenNoScopesAreGiven(List<String> scopes) {
            AccessToken token =
                    service.create(asAlice, command("ci", null, scopes)).token();

            assertThat(stored(token.id()).scopes()).containsExactly(Scope.ALL_APIS);
        }

        @Test
        void keepsTheGivenScopesTrimmedAndWithoutDuplicates() {
            AccessToken token = service.create(
                            asAlice, command("ci", null, List.of("tokens:read", " tokens:write ", "tokens:read")))
                    .token();

            assertThat(stored(token.id()).scopes())
                    .containsExactlyInAnyOrder(Scope.of(Permission.TOKENS_READ), Scope.of(Permission.TOKENS_WRITE));
        }

        @Test
        void refusesUnknownScopesNamingThemAndStoresNothing() {
            assertThatThrownBy(() ->
                            service.create(asAlice, command("ci", null, List.of("tokens:read", "tokens:destroy"))))
                    .isInstanceOfSatisfying(
                            InvalidParameterException.class,
                            e -> assertThat(e.field()).isEqualTo("scopes"))
                    .hasMessageContaining("'tokens:destroy'")
                    .hasMessageNotContaining("'tokens:read'");

            assertThat(tokens.all()).isEmpty();
            assertThat(audit.events()).isEmpty();
        }

        @Test
        void acceptsACommentOfExactly255Characters() {
            String comment = "c".repeat(255);

            AccessToken token =
                    service.create(asAlice, command(comment, null, null)).token();

            assertThat(stored(token.id()).comment()).isEqualTo(comment);
        }

        @Test
        void refusesACommentLongerThan255CharactersAndStoresNothing() {
            assertThatThrownBy(() -> service.create(asAlice, command("c".repeat(256), null, null)))
                    .isInstanceOfSatisfying(
                            InvalidParameterException.class,
                            e -> assertThat(e.field()).isEqualTo("comment"))
                    .hasMessageContaining("at most 255")
                    .hasMessageContaining("got 256");

            assertThat(tokens.all()).isEmpty();
            assertThat(audit.events()).isEmpty();
        }

        @Test
        void stripsTheCommentBeforeMeasuringIt() {
            AccessToken token = service.create(asAlice, command("  " + "c".repeat(255) + "\t ", null, null))
                    .token();

            assertThat(stored(token.id()).comment()).isEqualTo("c".repeat(255));
        }

        @Test
        void refusesACommentWithControlCharacters() {
            assertThatThrownBy(() -> service.create(asAlice, command("line\nbreak", null, null)))
                    .isInstanceOfSatisfying(
                            InvalidParameterException.class,
                            e -> assertThat(e.field()).isEqualTo("comment"));

            assertThat(tokens.all()).isEmpty();
        }

        @Test
        void refusesALifetimeBeyondTheMaximumAndStoresNothing() {
            assertThatThrownBy(() -> service.create(asAlice, command("ci", MAX_LIFETIME.plusSeconds(1), null)))
                    .isInstanceOfSatisfying(
                            InvalidParameterException.class,
                            e -> assertThat(e.field()).isEqualTo("lifetime_seconds"));

            assertThat(tokens.all()).isEmpty();
            assertThat(audit.events()).isEmpty();
        }

        @Test
        void auditsTheCreationWithActorTokenAndScopesButNoSecret() {
            IssuedToken issued =
                    service.create(asAlice, command("deploy bot", Duration.ofDays(7), List.of("tokens:read")));

            assertThat(audit.events()).singleElement().satisfies(event -> {
                assertThat(event.action()).isEqualTo(AuditAction.TOKEN_CREATED);
                assertThat(event.workspace()).isEqualTo(WORKSPACE);
                assertThat(event.actorId()).isEqualTo(alice.id());
                assertThat(event.actorName()).isEqualTo("alice");
                assertThat(event.clientAddress()).isEqualTo("10.0.0.7");
                assertThat(event.targetType()).isEqualTo("token");
                assertThat(event.targetId()).isEqualTo(issued.token().id().value());
                assertThat(event.occurredAt()).isEqualTo(nowToTheMicro());
                assertThat(event.details())
                        .containsEntry("scopes", "tokens:read")
                        .containsEntry(
                                "expires_at",
                                nowToTheMicro().plus(Duration.ofDays(7)).toString())
                        .containsEntry("comment", "deploy bot");
            });
            assertAuditHoldsNoSecret(issued.secret().reveal());
        }

        @Test
        void writesTheTokenAndItsAuditRecordInOneTransaction() {
            service.create(asAlice, command("ci", null, null));

            assertThat(tx.transactionCount()).isEqualTo(1);
            assertThat(auditWrittenInTransaction).containsExactly(true);
        }
    }

    @Nested
    class ImportValue {
        private final String value = Tokens.aValue();

        @Test
        void storesTheDigestOfExactlyThatValueForTheOwnerWithoutExpiry() {
            AccessToken token = service.importValue(alice, value, "bootstrap admin token");

            AccessToken stored = stored(token.id());
            assertThat(stored.digest()).isEqualTo(TokenDigest.of(value));
            assertThat(tokens.findByDigest(TokenDigest.of(value))).isPresent();
            assertThat(stored.workspace()).isEqualTo(WORKSPACE);
            assertThat(stored.owner()).isEqualTo(alice.id());
            assertThat(stored.expiresAt()).isNull();
            assertThat(stored.scopes()).containsExactly(Scope.ALL_APIS);
            assertThat(stored.displayHint()).isEqualTo("wdn_…" + value.substring(49));
            assertHoldsNoSecret(stored, value);
        }

        @Test
        void auditsTheCreationAsNeverExpiringWithoutTheValue() {
            service.importValue(alice, value, "bootstrap admin token");

            assertThat(audit.eventsWith(AuditAction.TOKEN_CREATED))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.actorId()).isEqualTo(alice.id());
                        assertThat(event.details()).containsEntry("expires_at", "never");
                    });
            assertAuditHoldsNoSecret(value);
        }

        @Test
        void rejectsAMalformedValueWithoutEchoingItAndStoresNothing() {
            String mistyped = value.substring(0, 52) + (value.charAt(52) == 'a' ? 'b' : 'a');

            assertThatThrownBy(() -> service.importValue(alice, mistyped, "bootstrap admin token"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("well-formed")
                    .hasMessageNotContaining(mistyped.substring(4, 47));

            assertThat(tokens.all()).isEmpty();
            assertThat(audit.events()).isEmpty();
        }
    }

    @Nested
    class ListOwn {
        @Test
        void returnsOnlyTheActorsTokensNewestFirst() {
            AccessToken older =
                    service.create(asAlice, command("older", null, null)).token();
            clock.advance(Duration.ofMinutes(1));
            service.create(asBob, command("bob's", null, null));
            clock.advance(Duration.ofMinutes(1));
            AccessToken newer =
                    service.create(asAlice, command("newer", null, null)).token();
            tokens.add(Tokens.aToken()
                    .inWorkspace(OTHER_WORKSPACE)
                    .ownedBy(alice.id())
                    .build());

            assertThat(service.listOwn(asAlice)).extracting(AccessToken::id).containsExactly(newer.id(), older.id());
        }

        @Test
        void isEmptyForAnActorWithoutTokens() {
            service.create(asBob, command("bob's", null, null));

            assertThat(service.listOwn(asAlice)).isEmpty();
        }
    }

    @Nested
    class WhenTheTokenIsTheActors {
        private TokenId createAlicesToken() {
            return service.create(asAlice, command("ci", null, null)).token().id();
        }

        @Test
        void getOwnReturnsIt() {
            TokenId id = createAlicesToken();

            assertThat(service.getOwn(asAlice, id).id()).isEqualTo(id);
        }

        @Test
        void revokeStoresTheRevocationAndAuditsIt() {
            TokenId id = createAlicesToken();
            clock.advance(Duration.ofMinutes(5));

            AccessToken returned = service.revoke(asAlice, id);

            AccessToken stored = stored(id);
            assertThat(stored.statusAt(clock.instant())).isEqualTo(TokenStatus.REVOKED);
            assertThat(stored.revokedBy()).isEqualTo(alice.id());
            assertThat(stored.revokedAt()).isEqualTo(nowToTheMicro());
            assertThat(returned.isRevoked()).isTrue();
            assertThat(audit.eventsWith(AuditAction.TOKEN_REVOKED))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.actorId()).isEqualTo(alice.id());
                        assertThat(event.targetId()).isEqualTo(id.value());
                    });
            assertThat(auditWrittenInTransaction).containsOnly(true);
        }

        @Test
        void revokingTwiceAnswersTheRevokedTokenAndAuditsOnce() {
            TokenId id = createAlicesToken();
            service.revoke(asAlice, id);
            Instant firstRevocation = stored(id).revokedAt();
            clock.advance(Duration.ofMinutes(5));

            AccessToken again = service.revoke(asAlice, id);

            assertThat(again.revokedAt()).isEqualTo(firstRevocation);
            assertThat(stored(id).revokedAt()).isEqualTo(firstRevocation);
            assertThat(stored(id).revocationAuthority()).isEqualTo(RevocationAuthority.OWNER);
            assertThat(audit.eventsWith(AuditAction.TOKEN_REVOKED)).hasSize(1);
        }

        @Test
        void restoreMakesARevokedTokenActiveAgainAndAuditsIt() {
            TokenId id = createAlicesToken();
            service.revoke(asAlice, id);

            service.restore(asAlice, id);

            AccessToken stored = stored(id);
            assertThat(stored.statusAt(clock.instant())).isEqualTo(TokenStatus.ACTIVE);
            assertThat(stored.revokedAt()).isNull();
            assertThat(stored.revokedBy()).isNull();
            assertThat(audit.eventsWith(AuditAction.TOKEN_RESTORED))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.actorId()).isEqualTo(alice.id());
                        assertThat(event.targetId()).isEqualTo(id.value());
                    });
        }

        @Test
        void restoringAnActiveTokenIsRejectedAndNotAudited() {
            TokenId id = createAlicesToken();

            assertThatThrownBy(() -> service.restore(asAlice, id)).isInstanceOf(InvalidStateException.class);

            assertThat(audit.eventsWith(AuditAction.TOKEN_RESTORED)).isEmpty();
        }

        @Test
        void restoringARevokedTokenThatHasMeanwhileExpiredIsRejected() {
            TokenId id = service.create(asAlice, command("short", Duration.ofHours(1), null))
                    .token()
                    .id();
            service.revoke(asAlice, id);
            clock.advance(Duration.ofHours(2));

            assertThatThrownBy(() -> service.restore(asAlice, id)).isInstanceOf(InvalidStateException.class);

            assertThat(stored(id).isRevoked()).isTrue();
        }

        @Test
        void deleteRemovesItForGoodAndAuditsIt() {
            String value =
                    service.create(asAlice, command("ci", null, null)).secret().reveal();
            TokenId id =
                    tokens.findByDigest(TokenDigest.of(value)).orElseThrow().id();

            service.delete(asAlice, id);

            assertThat(tokens.findById(WORKSPACE, id)).isEmpty();
            assertThat(tokens.findByDigest(TokenDigest.of(value))).isEmpty();
            assertThat(audit.eventsWith(AuditAction.TOKEN_DELETED))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.actorId()).isEqualTo(alice.id());
                        assertThat(event.targetId()).isEqualTo(id.value());
                        assertThat(event.details()).containsEntry("status_before", "ACTIVE");
                    });
            assertAuditHoldsNoSecret(value);
        }

        @Test
        void deleteAlsoRemovesARevokedTokenAndRecordsItsStatus() {
            TokenId id = createAlicesToken();
            service.revoke(asAlice, id);

            service.delete(asAlice, id);

            assertThat(tokens.findById(WORKSPACE, id)).isEmpty();
            assertThat(audit.eventsWith(AuditAction.TOKEN_DELETED))
                    .singleElement()
                    .satisfies(event -> assertThat(event.details()).containsEntry("status_before", "REVOKED"));
        }

        @Test
        void deletingTwiceAnswersNotFound() {
            TokenId id = createAlicesToken();
            service.delete(asAlice, id);

            assertThatThrownBy(() -> service.delete(asAlice, id)).isInstanceOf(TokenNotFoundException.class);

            assertThat(audit.eventsWith(AuditAction.TOKEN_DELETED)).hasSize(1);
        }

        @Test
        void auditsEveryChangeWithoutTheSecret() {
            IssuedToken issued = service.create(asAlice, command("ci", null, null));
            TokenId id = issued.token().id();

            service.revoke(asAlice, id);
            service.restore(asAlice, id);
            service.delete(asAlice, id);

            assertThat(audit.events())
                    .extracting(AuditEvent::action)
                    .containsExactly(
                            AuditAction.TOKEN_CREATED, AuditAction.TOKEN_REVOKED,
                            AuditAction.TOKEN_RESTORED, AuditAction.TOKEN_DELETED);
            assertThat(audit.events()).allSatisfy(event -> {
                assertThat(event.targetId()).isEqualTo(id.value());
                assertThat(event.actorId()).isEqualTo(alice.id());
            });
            assertAuditHoldsNoSecret(issued.secret().reveal());
        }
    }

    @Nested
    class WhenTheTokenIsNotTheActors {
        enum Operation {
            GET_OWN,
            REVOKE,
            RESTORE,
            DELETE;

            void apply(TokenService service, Actor actor, TokenId id) {
                switch (this) {
                    case GET_OWN -> service.getOwn(actor, id);
                    case REVOKE -> service.revoke(actor, id);
                    case RESTORE -> service.restore(actor, id);
                    case DELETE -> service.delete(actor, id);
                    default -> throw new IllegalStateException();
                }
            }
        }

        private final AccessToken bobsActive = Tokens.aToken().ownedBy(bob.id()).build();
        private final AccessToken bobsRevoked = Tokens.aToken()
                .ownedBy(bob.id())
                .revokedAt(Tokens.CREATED_AT, bob.id())
                .build();
        // Same numeric owner id as alice, but in another workspace: only the workspace tells them apart.
        private final AccessToken elsewhereActive =
                Tokens.aToken().inWorkspace(OTHER_WORKSPACE).ownedBy(alice.id()).build();
        private final AccessToken elsewhereRevoked = Tokens.aToken()
                .inWorkspace(OTHER_WORKSPACE)
                .ownedBy(alice.id())
                .revokedAt(Tokens.CREATED_AT, alice.id())
                .build();

        WhenTheTokenIsNotTheActors() {
            List.of(bobsActive, bobsRevoked, elsewhereActive, elsewhereRevoked).forEach(tokens::add);
        }

        /** Restoring targets a revoked token and everything else an active one, so only ownership can refuse. */
        private TokenId target(Operation operation, AccessToken active, AccessToken revoked) {
            return operation == Operation.RESTORE ? revoked.id() : active.id();
        }

        private List<String> state() {
            return tokens.all().stream()
                    .map(t -> t.id() + " " + t.workspace() + " " + t.revokedAt() + " " + t.revokedBy())
                    .toList();
        }

        @ParameterizedTest
        @EnumSource(Operation.class)
        void anotherPrincipalsTokenInTheSameWorkspaceAnswersNotFoundAndStaysUnchanged(Operation operation) {
            TokenId id = target(operation, bobsActive, bobsRevoked);
            List<String> before = state();

            assertThatThrownBy(() -> operation.apply(service, asAlice, id))
                    .isExactlyInstanceOf(TokenNotFoundException.class)
                    .hasMessageContaining(id.value())
                    .hasMessageContaining("does not exist");

            assertThat(state()).isEqualTo(before);
            assertThat(audit.events()).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(Operation.class)
        void aTokenOfAnotherWorkspaceAnswersNotFoundAndStaysUnchanged(Operation operation) {
            TokenId id = target(operation, elsewhereActive, elsewhereRevoked);
            List<String> before = state();

            assertThatThrownBy(() -> operation.apply(service, asAlice, id))
                    .isExactlyInstanceOf(TokenNotFoundException.class);

            assertThat(state()).isEqualTo(before);
            assertThat(audit.events()).isEmpty();
        }

        @Test
        void anUnknownIdAndAnotherPrincipalsIdAreRefusedAlike() {
            TokenId unknown = new TokenId("0".repeat(32));

            Throwable forUnknown = catchThrowable(() -> service.getOwn(asAlice, unknown));
            Throwable forBobs = catchThrowable(() -> service.getOwn(asAlice, bobsActive.id()));

            assertThat(forBobs).isExactlyInstanceOf(forUnknown.getClass());
            assertThat(forBobs.getMessage().replace(bobsActive.id().value(), "ID"))
                    .isEqualTo(forUnknown.getMessage().replace(unknown.value(), "ID"));
        }

        @Test
        void theOwnerCanStillUseTheirToken() {
            assertThat(service.getOwn(asBob, bobsActive.id()).id()).isEqualTo(bobsActive.id());
            assertThat(service.listOwn(asBob))
                    .extracting(AccessToken::id)
                    .containsExactlyInAnyOrder(bobsActive.id(), bobsRevoked.id());
        }
    }

    /** Creation under a workspace's rules: the kit's {@link TokenIssuePolicy} over in-memory settings and ACL. */
    @Nested
    class UnderWorkspaceRules {
        private final InMemorySettingsRepository settings = kit.settings;
        private final InMemoryTokenUsageRepository acl = kit.acl;
        private final TokenService ruled = kit.tokenService;

        UnderWorkspaceRules() {
            kit.save(alice, BuiltInRole.USER);
            kit.save(bob, BuiltInRole.USER);
            grantUsage(alice);
        }

        private void grantUsage(Principal principal) {
            acl.grant(WORKSPACE, TokenUsageEntry.forPrincipal(principal.id(), TokenUsageLevel.CAN_USE));
        }

        private void given(Boolean enabled, Integer maxDays, Integer defaultDays, int quota) {
            settings.with(WORKSPACE, new WorkspaceSettings(enabled, maxDays, defaultDays, quota));
        }

        private void givenLifetimes(Integer maxDays, Integer defaultDays) {
            given(true, maxDays, defaultDays, WorkspaceSettings.DEFAULT_QUOTA);
        }

        private void givenQuota(int quota) {
            given(true, null, null, quota);
        }

        private void assertNothingStored(int tokensBefore, int auditBefore) {
            assertThat(tokens.size()).isEqualTo(tokensBefore);
            assertThat(audit.events()).hasSize(auditBefore);
        }

        @Test
        void anOwnerWithTokenUsageGetsAToken() {
            AccessToken token = ruled.create(asAlice, command("ci", null, null)).token();

            assertThat(stored(token.id()).owner()).isEqualTo(alice.id());
            assertThat(audit.eventsWith(AuditAction.TOKEN_CREATED)).hasSize(1);
        }

        @Test
        void creationIsRefusedWhenTokensAreDisabledAndNothingIsStored() {
            given(false, null, null, WorkspaceSettings.DEFAULT_QUOTA);

            AccessRefusedException thrown = catchThrowableOfType(
                    () -> ruled.create(asAlice, command("ci", null, null)), AccessRefusedException.class);

            assertThat(thrown.reason()).isEqualTo(DenialReason.TOKENS_DISABLED);
            assertNothingStored(0, 0);
        }

        @Test
        void creationIsRefusedWithoutTokenUsagePermissionAndNothingIsStored() {
            AccessRefusedException thrown = catchThrowableOfType(
                    () -> ruled.create(asBob, command("ci", null, null)), AccessRefusedException.class);

            assertThat(thrown.reason()).isEqualTo(DenialReason.NO_TOKEN_USAGE_PERMISSION);
            assertThat(thrown)
                    .hasMessageContaining("bob does not have permission to use tokens")
                    .hasMessageContaining("Permission Settings");
            assertNothingStored(0, 0);
        }

        @Test
        void termsForSaysWhyBeforeTheFormIsSubmitted() {
            assertThat(ruled.termsFor(asAlice).quota()).isEqualTo(WorkspaceSettings.DEFAULT_QUOTA);
            assertThat(catchThrowableOfType(() -> ruled.termsFor(asBob), AccessRefusedException.class)
                            .reason())
                    .isEqualTo(DenialReason.NO_TOKEN_USAGE_PERMISSION);
        }

        @Test
        void theWorkspaceMaximumCapsARequestNamingLifetimeSecondsAndTheCap() {
            givenLifetimes(30, null);

            InvalidParameterException thrown = catchThrowableOfType(
                    () -> ruled.create(asAlice, command("ci", Duration.ofDays(31), null)),
                    InvalidParameterException.class);

            assertThat(thrown.field()).isEqualTo("lifetime_seconds");
            assertThat(thrown)
                    .hasMessageContaining("at most " + Duration.ofDays(30).toSeconds())
                    .hasMessageContaining("30 days")
                    .hasMessageContaining("got " + Duration.ofDays(31).toSeconds());
            assertNothingStored(0, 0);
        }

        @Test
        void aRequestUpToTheWorkspaceMaximumIsAccepted() {
            givenLifetimes(30, null);

            AccessToken token = ruled.create(asAlice, command("ci", Duration.ofDays(30), null))
                    .token();

            assertThat(stored(token.id()).expiresAt()).isEqualTo(nowToTheMicro().plus(Duration.ofDays(30)));
        }

        @Test
        void theWorkspaceDefaultIsUsedWhenTheRequestNamesNoLifetime() {
            givenLifetimes(null, 7);

            AccessToken token = ruled.create(asAlice, command("ci", null, null)).token();

            assertThat(stored(token.id()).expiresAt()).isEqualTo(nowToTheMicro().plus(Duration.ofDays(7)));
        }

        @Test
        void aWorkspaceMaximumBelowTheInstallationsDefaultBecomesTheDefault() {
            givenLifetimes(10, null);

            AccessToken token = ruled.create(asAlice, command("ci", null, null)).token();

            assertThat(stored(token.id()).expiresAt()).isEqualTo(nowToTheMicro().plus(Duration.ofDays(10)));
        }

        @Test
        void theInstallationMaximumStillAppliesWhenTheWorkspaceHasNoCap() {
            givenLifetimes(null, null);

            InvalidParameterException thrown = catchThrowableOfType(
                    () -> ruled.create(asAlice, command("ci", MAX_LIFETIME.plusDays(1), null)),
                    InvalidParameterException.class);

            assertThat(thrown.field()).isEqualTo("lifetime_seconds");
            assertThat(thrown).hasMessageContaining("at most " + MAX_LIFETIME.toSeconds());
            assertNothingStored(0, 0);
        }

        @Test
        void theInstallationMaximumStillAppliesUnderAHigherWorkspaceCap() {
            givenLifetimes(730, null);

            assertThat(catchThrowableOfType(
                            () -> ruled.create(asAlice, command("ci", MAX_LIFETIME.plusDays(1), null)),
                            InvalidParameterException.class))
                    .hasMessageContaining("at most " + MAX_LIFETIME.toSeconds());
            assertThat(ruled.create(asAlice, command("ci", MAX_LIFETIME, null))
                            .token()
                            .expiresAt())
                    .isEqualTo(nowToTheMicro().plus(MAX_LIFETIME));
        }

        @Test
        void theTokenOneOverTheQuotaIsRefusedAndNothingIsStored() {
            givenQuota(2);
            ruled.create(asAlice, command("one", null, null));
            ruled.create(asAlice, command("two", null, null));

            QuotaExceededException thrown = catchThrowableOfType(
                    () -> ruled.create(asAlice, command("three", null, null)), QuotaExceededException.class);

            assertThat(thrown)
                    .hasMessageContaining("alice")
                    .hasMessageContaining("2 tokens")
                    .hasMessageContaining("tokenQuotaPerPrincipal");
            assertNothingStored(2, 2);
            assertThat(tokens.all()).extracting(AccessToken::comment).containsExactlyInAnyOrder("one", "two");
        }

        @Test
        void revokedTokensCountTowardsTheQuotaAndDeletingOneFreesAPlace() {
            givenQuota(1);
            TokenId first =
                    ruled.create(asAlice, command("one", null, null)).token().id();
            ruled.revoke(asAlice, first);

            assertThat(catchThrowableOfType(
                            () -> ruled.create(asAlice, command("two", null, null)), QuotaExceededException.class))
                    .isNotNull();

            ruled.delete(asAlice, first);

            assertThat(ruled.create(asAlice, command("two", null, null)).token().comment())
                    .isEqualTo("two");
        }

        @Test
        void theQuotaIsPerPrincipal() {
            grantUsage(bob);
            givenQuota(1);
            ruled.create(asAlice, command("alice's", null, null));

            assertThat(ruled.create(asBob, command("bob's", null, null)).token().owner())
                    .isEqualTo(bob.id());
        }

        @Test
        void tokensInAnotherWorkspaceDoNotCount() {
            givenQuota(1);
            tokens.add(Tokens.aToken()
                    .inWorkspace(OTHER_WORKSPACE)
                    .ownedBy(alice.id())
                    .build());

            assertThat(ruled.create(asAlice, command("ci", null, null)).token().workspace())
                    .isEqualTo(WORKSPACE);
        }
    }

    /** {@link TokenService#issue}: a token owned by someone other than its creator, under the owner's rules. */
    @Nested
    class IssueForAnotherOwner {
        private final InMemorySettingsRepository settings = kit.settings;
        private final InMemoryTokenUsageRepository acl = kit.acl;
        private final TokenService ruled = kit.tokenService;
        private final Principal robot;

        IssueForAnotherOwner() {
            kit.save(alice, BuiltInRole.WORKSPACE_ADMIN);
            robot = kit.save(Principal.newServicePrincipal(WORKSPACE, "etl-robot-app", "etl robot"), BuiltInRole.USER);
        }

        private IssuedToken issueForRobot(CreateTokenCommand command) {
            return ruled.issue(asAlice, WORKSPACE, robot.id(), robot.name(), TokenKind.ON_BEHALF_OF, null, command);
        }

        private void grantUsage(Principal principal) {
            acl.grant(WORKSPACE, TokenUsageEntry.forPrincipal(principal.id(), TokenUsageLevel.CAN_USE));
        }

        @Test
        void theServicePrincipalOwnsItAndTheCallerIsItsCreator() {
            grantUsage(robot);

            IssuedToken issued = issueForRobot(command("etl", null, List.of("tokens:read")));

            AccessToken token = stored(issued.token().id());
            assertThat(token.kind()).isEqualTo(TokenKind.ON_BEHALF_OF);
            assertThat(token.owner()).isEqualTo(robot.id());
            assertThat(token.createdBy()).isEqualTo(alice.id());
            assertThat(token.workspace()).isEqualTo(WORKSPACE);
            assertThat(token.scopes()).containsExactly(new Scope("tokens:read"));
            assertThat(token.digest()).isEqualTo(TokenDigest.of(issued.secret().reveal()));
            assertThat(service.listOwn(new Actor(WORKSPACE, robot.id(), robot.name(), null)))
                    .extracting(AccessToken::id)
                    .containsExactly(token.id());
            assertThat(service.listOwn(asAlice)).isEmpty();
        }

        @Test
        void theCreationIsAuditedAsTheCreatorsActWithKindAndOwner() {
            grantUsage(robot);

            IssuedToken issued = issueForRobot(command("etl", null, null));

            assertThat(audit.eventsWith(AuditAction.TOKEN_CREATED))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.actorId()).isEqualTo(alice.id());
                        assertThat(event.targetId())
                                .isEqualTo(issued.token().id().value());
                        assertThat(event.details())
                                .containsEntry("kind", "ON_BEHALF_OF")
                                .containsEntry("owner_id", String.valueOf(robot.id()));
                    });
            assertAuditHoldsNoSecret(issued.secret().reveal());
        }

        @Test
        void isRefusedWhenTheOwnerLacksTokenUsageEvenThoughTheCreatorIsAnAdmin() {
            grantUsage(alice);

            AccessRefusedException thrown =
                    catchThrowableOfType(() -> issueForRobot(command("etl", null, null)), AccessRefusedException.class);

            assertThat(thrown.reason()).isEqualTo(DenialReason.NO_TOKEN_USAGE_PERMISSION);
            assertThat(thrown).hasMessageContaining("etl-robot-app");
            assertThat(tokens.size()).isZero();
            assertThat(audit.events()).isEmpty();
        }

        @Test
        void theOwnersQuotaCountsNotTheCreators() {
            grantUsage(robot);
            settings.with(WORKSPACE, new WorkspaceSettings(true, null, null, 1));
            service.create(asAlice, command("alice's own", null, null));
            issueForRobot(command("first", null, null));

            Throwable thrown = catchThrowable(() -> issueForRobot(command("second", null, null)));

            assertThat(thrown).isInstanceOf(QuotaExceededException.class).hasMessageContaining("etl-robot-app");
            assertThat(tokens.listByOwner(WORKSPACE, robot.id())).hasSize(1);
        }

        @Test
        void theOwnersWorkspaceLifetimeCapApplies() {
            grantUsage(robot);
            settings.with(WORKSPACE, new WorkspaceSettings(true, 10, null, WorkspaceSettings.DEFAULT_QUOTA));

            Throwable thrown = catchThrowable(() -> issueForRobot(command("long", Duration.ofDays(11), null)));

            assertThat(thrown).isInstanceOf(InvalidParameterException.class);
            assertThat(tokens.size()).isZero();
        }
    }

    @Nested
    class Rotate {
        private final AccessToken original =
                service.create(asAlice, command("ci", null, null)).token();
        private final String oldHint = original.displayHint();

        private AccessToken current() {
            return tokens.findById(WORKSPACE, original.id()).orElseThrow();
        }

        @Test
        void issuesANewSecretForTheSameTokenAndStoresOnlyItsDigest() {
            IssuedToken rotated = service.rotate(asAlice, TokenTarget.own(original.id()), Duration.ZERO);

            String value = rotated.secret().reveal();
            AccessToken stored = stored(original.id());
            assertThat(rotated.token().id()).isEqualTo(original.id());
            assertThat(stored.digest()).isEqualTo(TokenDigest.of(value)).isNotEqualTo(original.digest());
            assertThat(stored.displayHint())
                    .isEqualTo("wdn_…" + value.substring(49))
                    .isNotEqualTo(oldHint);
            assertThat(stored.scopes()).isEqualTo(original.scopes());
            assertThat(stored.owner()).isEqualTo(alice.id());
            assertThat(stored.expiresAt()).isEqualTo(original.expiresAt());
            assertThat(stored.rotatedAt()).isEqualTo(nowToTheMicro());
            assertThat(stored.previousDigest()).isNull();
            assertHoldsNoSecret(stored, value);
        }

        @Test
        void withGraceTheStoredTokenKeepsThePreviousDigestUntilNowPlusGrace() {
            service.rotate(asAlice, TokenTarget.own(original.id()), Duration.ofDays(1));

            AccessToken stored = stored(original.id());
            assertThat(stored.previousDigest()).isEqualTo(original.digest());
            assertThat(stored.previousValidUntil()).isEqualTo(nowToTheMicro().plus(Duration.ofDays(1)));
            assertThat(tokens.findByDigest(original.digest()))
                    .hasValueSatisfying(found -> assertThat(found.id()).isEqualTo(original.id()));
        }

        @Test
        void acceptsAGraceOfExactlySevenDays() {
            AccessToken token = Tokens.aToken()
                    .ownedBy(alice.id())
                    .createdAt(nowToTheMicro())
                    .neverExpiring()
                    .build();
            tokens.add(token);

            service.rotate(asAlice, TokenTarget.own(token.id()), TokenService.MAX_ROTATION_GRACE);

            assertThat(stored(token.id()).previousValidUntil())
                    .isEqualTo(nowToTheMicro().plus(Duration.ofDays(7)));
        }

        @ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(longs = {-1, 7 * 24 * 3600 + 1, 30 * 24 * 3600})
        void refusesAGraceOutsideZeroToSevenDaysNamingTheFieldAndChangesNothing(long seconds) {
            int auditBefore = audit.events().size();

            InvalidParameterException thrown = catchThrowableOfType(
                    () -> service.rotate(asAlice, TokenTarget.own(original.id()), Duration.ofSeconds(seconds)),
                    InvalidParameterException.class);

            assertThat(thrown.field()).isEqualTo("grace_period_seconds");
            assertThat(thrown).hasMessageContaining("604800");
            assertThat(stored(original.id()).digest()).isEqualTo(original.digest());
            assertThat(audit.events()).hasSize(auditBefore);
        }

        @Test
        void refusesAMissingGraceNamingTheField() {
            InvalidParameterException thrown = catchThrowableOfType(
                    () -> service.rotate(asAlice, TokenTarget.own(original.id()), null),
                    InvalidParameterException.class);

            assertThat(thrown.field()).isEqualTo("grace_period_seconds");
        }

        @Test
        void refusesARevokedTokenAndAuditsNothing() {
            service.revoke(asAlice, original.id());
            int auditBefore = audit.events().size();

            assertThatThrownBy(() -> service.rotate(asAlice, TokenTarget.own(original.id()), Duration.ZERO))
                    .isInstanceOf(InvalidStateException.class);
            assertThat(stored(original.id()).digest()).isEqualTo(original.digest());
            assertThat(audit.events()).hasSize(auditBefore);
        }

        @Test
        void auditsTokenRotatedWithTheGraceButWithoutAnySecret() {
            IssuedToken rotated = service.rotate(asAlice, TokenTarget.own(original.id()), Duration.ofHours(1));

            assertThat(audit.eventsWith(AuditAction.TOKEN_ROTATED))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.actorId()).isEqualTo(alice.id());
                        assertThat(event.targetId()).isEqualTo(original.id().value());
                        assertThat(event.details())
                                .containsEntry("grace_seconds", "3600")
                                .containsEntry(
                                        "previous_valid_until",
                                        nowToTheMicro()
                                                .plus(Duration.ofHours(1))
                                                .toString())
                                .containsEntry("hint", rotated.token().displayHint());
                        assertThat(event.details().values())
                                .noneMatch(v -> v.contains(original.digest().hex()))
                                .noneMatch(
                                        v -> v.contains(rotated.token().digest().hex()));
                    });
            assertAuditHoldsNoSecret(rotated.secret().reveal());
            assertThat(auditWrittenInTransaction).containsOnly(true);
        }
    }
}
