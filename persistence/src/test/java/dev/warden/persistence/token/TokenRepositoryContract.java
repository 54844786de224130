package dev.warden.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.RevocationAuthority;
import dev.warden.core.token.TokenCursor;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenFilter;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenLastUse;
import dev.warden.core.token.TokenNotFoundException;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenSecret;
import dev.warden.core.token.TokenSort;
import dev.warden.core.token.TokenStatus;
import dev.warden.core.token.TokenUse;
import dev.warden.core.token.Tokens;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Fixtures;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every {@link TokenRepository} must do, whatever stores the tokens. Subclasses provide the repository
 * (the JDBC adapter on each database, the in-memory fake) and how a duplicate is refused.
 * Instants carry microseconds, the precision the schema keeps.
 * <p>
 * {@code @Transactional} is repeated here although the JDBC subclasses have it through {@code @JdbcAdapterTest}:
 * Spring looks for a test method's transaction on the class that declares the method, so the contract's tests
 * would otherwise run without the rolled-back test transaction. Without a Spring context (the fakes) it does nothing.
 */
@Transactional
public abstract class TokenRepositoryContract {
    /** An instant with odd microseconds, half an hour after European clocks went forward. */
    protected static final Instant T0 = Instant.parse("2026-03-29T01:30:00.123456Z");

    private static final SecureRandom RANDOM = new SecureRandom();

    protected WorkspaceId workspace;
    protected PrincipalId alice;
    protected PrincipalId admin;

    protected abstract TokenRepository tokens();

    protected abstract Fixtures fixtures();

    /** Asserts that the call is refused because the id or digest is already stored. */
    protected abstract void assertRefusedAsDuplicate(ThrowingCallable add);

    @BeforeEach
    void givenAWorkspaceWithTwoUsers() {
        workspace = fixtures().workspace();
        alice = fixtures().user(workspace, "alice");
        admin = fixtures().user(workspace, "admin");
    }

    protected Tokens.Builder aTokenOf(PrincipalId owner) {
        return Tokens.aToken()
                .inWorkspace(workspace)
                .ownedBy(owner)
                .createdBy(owner)
                .createdAt(T0);
    }

    protected AccessToken stored(AccessToken token) {
        Optional<AccessToken> found = tokens().findById(token.workspace(), token.id());
        assertThat(found)
                .as("token %s in workspace %s", token.id(), token.workspace())
                .isPresent();
        return found.get();
    }

    protected static void assertSameState(AccessToken actual, AccessToken expected) {
        assertThat(actual)
                .usingRecursiveComparison()
                .ignoringFields("readRevision")
                .isEqualTo(expected);
    }

    /** Ids that sort in the given order, sharing a random stem so tests never collide. */
    private static List<TokenId> idsInOrder(int count) {
        String stem = TokenId.random(RANDOM).value().substring(0, 30);
        return IntStream.range(0, count)
                .mapToObj(i -> new TokenId(stem + "a" + (char) ('0' + i)))
                .toList();
    }

    @Test
    void anAddedTokenIsFoundByIdWithEveryField() {
        AccessToken token = aTokenOf(alice)
                .createdBy(admin)
                .comment("deploy \"bot\" – café ✓ 🚀 'quoted'")
                .withScopes(Scope.of(Permission.TOKENS_READ), Scope.of(Permission.SCIM_WRITE))
                .expiringAt(T0.plus(Duration.ofDays(90)).plusNanos(654_321_000))
                .build();

        tokens().add(token);

        AccessToken found = stored(token);
        assertSameState(found, token);
        assertThat(found.createdBy()).isEqualTo(admin);
        assertThat(found.owner()).isEqualTo(alice);
        assertThat(found.scopes()).containsExactly(Scope.of(Permission.SCIM_WRITE), Scope.of(Permission.TOKENS_READ));
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.expiresAt()).isEqualTo(Instant.parse("2026-06-27T01:30:00.777777Z"));
        assertThat(found.comment()).isEqualTo("deploy \"bot\" – café ✓ 🚀 'quoted'");
        assertThat(found.displayHint()).isEqualTo(token.displayHint()).isNotBlank();
        assertThat(found.isRevoked()).isFalse();
        assertThat(found.lastUse()).isNull();
    }

    @Test
    void aTokenThatNeverExpiresKeepsItsMissingExpiry() {
        AccessToken token = aTokenOf(alice)
                .neverExpiring()
                .comment("")
                .withScopes(Scope.ALL_APIS)
                .build();

        tokens().add(token);

        AccessToken found = stored(token);
        assertThat(found.expiresAt()).isNull();
        assertThat(found.comment()).isEmpty();
        assertSameState(found, token);
    }

    @Test
    void revocationAndLastUseGivenAtAddAreStored() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AccessToken token = aTokenOf(alice)
                .revokedAt(now, admin)
                .lastUse(new TokenLastUse(now.minusSeconds(5), "2001:db8::1", "curl/8.5.0"))
                .build();

        tokens().add(token);

        assertSameState(stored(token), token);
    }

    /**
     * Whatever the JVM's zone (the integration tests run in America/St_Johns), instants come back exactly; here
     * around the 2026 DST changes, including a wall clock that is ambiguous in North America (2026-11-01 01:30).
     */
    @Test
    void instantsRoundTripExactlyWhateverTheJvmZone() {
        Instant createdAt = Instant.parse("2026-03-08T01:59:59.999999Z");
        Instant expiresAt = Instant.parse("2026-10-25T00:30:00.000001Z");
        Instant revokedAt = Instant.parse("2026-11-01T01:30:00.5Z");
        Instant lastUsedAt = Instant.parse("1999-12-31T23:59:59.999999Z");
        AccessToken token = aTokenOf(alice)
                .createdAt(createdAt)
                .expiringAt(expiresAt)
                .revokedAt(revokedAt, admin)
                .lastUse(new TokenLastUse(lastUsedAt, null, null))
                .build();
        tokens().add(token);
        Instant usedAt = Instant.parse("2026-11-01T01:45:00.000002Z");

        tokens().recordUses(List.of(new TokenUse(workspace, token.id(), usedAt, null, null)));

        AccessToken found = stored(token);
        assertThat(found.createdAt()).isEqualTo(createdAt);
        assertThat(found.expiresAt()).isEqualTo(expiresAt);
        assertThat(found.revokedAt()).isEqualTo(revokedAt);
        assertThat(found.lastUse().at()).isEqualTo(usedAt);
        assertThat(tokens().listByOwner(workspace, alice))
                .singleElement()
                .satisfies(listed -> assertSameState(listed, found));
    }

    /**
     * The UTC wall clocks of these instants do not exist as local times in North America (2026-03-08 02:30)
     * and Europe (2026-03-29 02:30): a value that passes through the JVM's zone on its way back would shift by
     * an hour.
     */
    @Test
    void instantsWhoseUtcWallClockIsMissingFromTheJvmZoneRoundTripExactly() {
        Instant createdAt = Instant.parse("2026-03-08T02:30:00.000001Z");
        Instant expiresAt = Instant.parse("2026-03-29T02:30:00.999999Z");
        AccessToken token =
                aTokenOf(alice).createdAt(createdAt).expiringAt(expiresAt).build();

        tokens().add(token);

        AccessToken found = stored(token);
        assertThat(found.createdAt()).isEqualTo(createdAt);
        assertThat(found.expiresAt()).isEqualTo(expiresAt);
    }

    @Test
    void findByDigestFindsTheTokenWhicheverWorkspaceHoldsIt() {
        AccessToken mine = aTokenOf(alice).build();
        WorkspaceId other = fixtures().workspace();
        PrincipalId bob = fixtures().user(other, "bob");
        AccessToken elsewhere =
                Tokens.aToken().inWorkspace(other).ownedBy(bob).createdAt(T0).build();
        tokens().add(mine);
        tokens().add(elsewhere);

        assertThat(tokens().findByDigest(mine.digest()))
                .get()
                .usingRecursiveComparison()
                .ignoringFields("readRevision")
                .isEqualTo(mine);
        assertThat(tokens().findByDigest(elsewhere.digest()))
                .get()
                .usingRecursiveComparison()
                .ignoringFields("readRevision")
                .isEqualTo(elsewhere);
        assertThat(tokens().findByDigest(TokenDigest.of(Tokens.aValue()))).isEmpty();
    }

    @Test
    void updateStoresRevocationAndRestoreAndKeepsTheRest() {
        AccessToken token = aTokenOf(alice)
                .withScopes(Scope.of(Permission.TOKENS_READ), Scope.of(Permission.TOKENS_WRITE))
                .comment("ci")
                .build();
        tokens().add(token);
        Instant revokedAt = T0.plusSeconds(60).plusNanos(1_000);

        AccessToken loaded = stored(token);
        loaded.revoke(admin, RevocationAuthority.ADMIN, revokedAt);
        tokens().update(loaded);

        AccessToken revoked = stored(token);
        assertThat(revoked.revokedAt()).isEqualTo(revokedAt);
        assertThat(revoked.revokedBy()).isEqualTo(admin);
        assertThat(revoked.scopes())
                .containsExactlyInAnyOrder(Scope.of(Permission.TOKENS_READ), Scope.of(Permission.TOKENS_WRITE));
        assertSameState(revoked, loaded);

        revoked.restore(RevocationAuthority.ADMIN, revokedAt.plusSeconds(1));
        tokens().update(revoked);

        AccessToken restored = stored(token);
        assertThat(restored.revokedAt()).isNull();
        assertThat(restored.revokedBy()).isNull();
        assertThat(restored.isRevoked()).isFalse();
        assertThat(restored.restoredAt()).isEqualTo(revokedAt.plusSeconds(1));
        assertSameState(restored, revoked);
    }

    @Test
    void updateIsACompareAndSetOnTheStateTheTokenWasReadWith() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        AccessToken first = stored(token);
        AccessToken second = stored(token);

        first.revoke(admin, RevocationAuthority.OWNER, T0.plusSeconds(60));
        second.revoke(admin, RevocationAuthority.ADMIN, T0.plusSeconds(61));

        assertThat(tokens().update(first)).isTrue();
        assertThat(tokens().update(second))
                .as("read before the first change was written")
                .isFalse();
        AccessToken stored = stored(token);
        assertThat(stored.revokedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(stored.revocationAuthority()).isEqualTo(RevocationAuthority.OWNER);

        AccessToken restoring = stored(token);
        AccessToken raising = stored(token);
        restoring.restore(RevocationAuthority.ADMIN, T0.plusSeconds(62));
        raising.revoke(admin, RevocationAuthority.INCIDENT, T0.plusSeconds(62));
        assertThat(tokens().update(raising)).isTrue();
        assertThat(tokens().update(restoring))
                .as("the authority changed meanwhile")
                .isFalse();
        assertThat(stored(token).revocationAuthority()).isEqualTo(RevocationAuthority.INCIDENT);
    }

    @Test
    void aRotationIsACompareAndSetOnTheSecret() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        AccessToken first = stored(token);
        AccessToken second = stored(token);
        TokenDigest one = TokenDigest.of(Tokens.aValue());
        TokenDigest two = TokenDigest.of(Tokens.aValue());

        first.rotate(one, "wdn_…one1", T0.plusSeconds(5), java.time.Duration.ZERO);
        second.rotate(two, "wdn_…two2", T0.plusSeconds(5), java.time.Duration.ZERO);

        assertThat(tokens().update(first)).isTrue();
        assertThat(tokens().update(second)).isFalse();
        assertThat(stored(token).digest()).isEqualTo(one);
    }

    @Test
    void readingForAChangeFindsTheTokenInItsWorkspaceOnly() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);

        assertThat(tokens().findByIdForUpdate(workspace, token.id()))
                .get()
                .usingRecursiveComparison()
                .ignoringFields("readRevision")
                .isEqualTo(stored(token));
        assertThat(tokens().findByIdForUpdate(new WorkspaceId(workspace.value() + 1000), token.id()))
                .isEmpty();
        assertThat(tokens().findByIdForUpdate(workspace, new TokenId("no-such-token")))
                .isEmpty();
    }

    @Test
    void revocationAuthorityRoundTrips() {
        for (RevocationAuthority authority : RevocationAuthority.values()) {
            AccessToken token = aTokenOf(alice).build();
            tokens().add(token);
            AccessToken loaded = stored(token);
            loaded.revoke(admin, authority, T0.plusSeconds(60));
            tokens().update(loaded);
            assertThat(stored(token).revocationAuthority()).isEqualTo(authority);
        }
    }

    @Test
    void updateDoesNotUndoALastUseRecordedSinceTheTokenWasLoaded() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        AccessToken loaded = stored(token);
        Instant usedAt = T0.plusSeconds(30);
        tokens().recordUses(List.of(new TokenUse(workspace, token.id(), usedAt, "10.0.0.7", "sdk/1.0")));

        loaded.revoke(admin, RevocationAuthority.ADMIN, T0.plusSeconds(60));
        tokens().update(loaded);

        AccessToken found = stored(token);
        assertThat(found.isRevoked()).isTrue();
        assertThat(found.lastUse()).isEqualTo(new TokenLastUse(usedAt, "10.0.0.7", "sdk/1.0"));
    }

    @Test
    void updatingAnUnchangedTokenSucceeds() {
        AccessToken token = aTokenOf(alice).revokedAt(T0.plusSeconds(1), admin).build();
        tokens().add(token);

        tokens().update(stored(token));

        assertSameState(stored(token), token);
    }

    @Test
    void updateOfATokenThatIsNotStoredFails() {
        AccessToken never = aTokenOf(alice).revokedAt(T0, admin).build();

        assertThatThrownBy(() -> tokens().update(never)).isInstanceOf(RuntimeException.class);
        assertThat(tokens().findById(workspace, never.id())).isEmpty();
    }

    @Test
    void listByOwnerReturnsOnlyThatOwnersTokensNewestFirstWithTheIdBreakingTies() {
        List<TokenId> ids = idsInOrder(4);
        AccessToken oldest =
                aTokenOf(alice).id(ids.get(3).value()).createdAt(T0).build();
        AccessToken middle = aTokenOf(alice)
                .id(ids.get(2).value())
                .createdAt(T0.plusNanos(1_000))
                .build();
        AccessToken tiedLow = aTokenOf(alice)
                .id(ids.get(0).value())
                .createdAt(T0.plusSeconds(1))
                .build();
        AccessToken tiedHigh = aTokenOf(alice)
                .id(ids.get(1).value())
                .createdAt(T0.plusSeconds(1))
                .build();
        AccessToken adminsToken = aTokenOf(admin).createdAt(T0.plusSeconds(2)).build();
        for (AccessToken token : List.of(tiedLow, oldest, adminsToken, tiedHigh, middle)) {
            tokens().add(token);
        }

        List<AccessToken> listed = tokens().listByOwner(workspace, alice);

        assertThat(listed)
                .extracting(AccessToken::id)
                .containsExactly(tiedHigh.id(), tiedLow.id(), middle.id(), oldest.id());
        assertSameState(listed.get(2), middle);
        assertThat(tokens().listByOwner(workspace, admin))
                .extracting(AccessToken::id)
                .containsExactly(adminsToken.id());
        assertThat(tokens().listByOwner(workspace, fixtures().user(workspace, "carol")))
                .isEmpty();
    }

    @Test
    void deleteRemovesTheTokenAndSaysWhetherThereWasOne() {
        AccessToken token = aTokenOf(alice)
                .withScopes(Scope.ALL_APIS, Scope.of(Permission.AUDIT_READ))
                .build();
        AccessToken kept = aTokenOf(alice).build();
        tokens().add(token);
        tokens().add(kept);

        assertThat(tokens().delete(workspace, token.id())).isTrue();
        assertThat(tokens().delete(workspace, token.id())).isFalse();

        assertThat(tokens().findById(workspace, token.id())).isEmpty();
        assertThat(tokens().findByDigest(token.digest())).isEmpty();
        assertThat(tokens().listByOwner(workspace, alice))
                .extracting(AccessToken::id)
                .containsExactly(kept.id());
        assertSameState(stored(kept), kept);
    }

    @Test
    void aDeletedTokensIdAndDigestCanBeStoredAgain() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        tokens().delete(workspace, token.id());

        tokens().add(token);

        assertSameState(stored(token), token);
    }

    @Test
    void recordUsesWritesTheLastUse() {
        AccessToken token = aTokenOf(alice).build();
        AccessToken unused = aTokenOf(alice).build();
        tokens().add(token);
        tokens().add(unused);
        Instant at = T0.plusSeconds(3600).plusNanos(999_000);

        tokens().recordUses(List.of(new TokenUse(workspace, token.id(), at, "192.0.2.10", "Databricks-SDK/0.1 ü")));

        AccessToken used = stored(token);
        assertThat(used.lastUse()).isEqualTo(new TokenLastUse(at, "192.0.2.10", "Databricks-SDK/0.1 ü"));
        assertThat(used.revokedAt()).isNull();
        assertThat(stored(unused).lastUse()).isNull();
    }

    @Test
    void recordUsesKeepsNullAddressAndAgent() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);

        tokens().recordUses(List.of(new TokenUse(workspace, token.id(), T0.plusSeconds(1), null, null)));

        assertThat(stored(token).lastUse()).isEqualTo(new TokenLastUse(T0.plusSeconds(1), null, null));
    }

    @Test
    void recordUsesKeepsTheServiceThatAskedAndAnOwnApiUseClearsIt() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);

        tokens().recordUses(
                        List.of(new TokenUse(workspace, token.id(), T0.plusSeconds(1), "10.0.0.4", "nginx", "wiki")));

        assertThat(stored(token).lastUse()).isEqualTo(new TokenLastUse(T0.plusSeconds(1), "10.0.0.4", "nginx", "wiki"));

        tokens().recordUses(List.of(new TokenUse(workspace, token.id(), T0.plusSeconds(2), "10.0.0.5", "curl")));

        assertThat(stored(token).lastUse().service()).isNull();
    }

    @Test
    void recordUsesNeverMovesTheLastUseBackwards() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        Instant later = T0.plusSeconds(120);
        tokens().recordUses(List.of(new TokenUse(workspace, token.id(), later, "10.0.0.2", "new")));

        tokens().recordUses(List.of(new TokenUse(workspace, token.id(), later.minusNanos(1_000), "10.0.0.1", "old")));

        assertThat(stored(token).lastUse()).isEqualTo(new TokenLastUse(later, "10.0.0.2", "new"));

        Instant evenLater = later.plusNanos(1_000);
        tokens().recordUses(List.of(new TokenUse(workspace, token.id(), evenLater, "10.0.0.3", "newer")));

        assertThat(stored(token).lastUse()).isEqualTo(new TokenLastUse(evenLater, "10.0.0.3", "newer"));
    }

    @Test
    void recordUsesKeepsTheNewestOfSeveralUsesInOneBatch() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        Instant newest = T0.plusSeconds(10);

        tokens().recordUses(List.of(
                new TokenUse(workspace, token.id(), newest, "10.0.0.9", "newest"),
                new TokenUse(workspace, token.id(), T0.plusSeconds(5), "10.0.0.5", "older")));

        assertThat(stored(token).lastUse()).isEqualTo(new TokenLastUse(newest, "10.0.0.9", "newest"));
    }

    @Test
    void recordUsageSkipsDeletedAndUnknownTokensAndWritesTheRest() {
        AccessToken deleted = aTokenOf(alice).build();
        AccessToken live = aTokenOf(alice).build();
        tokens().add(deleted);
        tokens().add(live);
        tokens().delete(workspace, deleted.id());
        Instant at = T0.plusSeconds(9);

        tokens().recordUses(List.of(
                new TokenUse(workspace, deleted.id(), at, "10.0.0.1", "a"),
                new TokenUse(workspace, TokenId.random(RANDOM), at, "10.0.0.1", "b"),
                new TokenUse(workspace, live.id(), at, "10.0.0.1", "c")));

        assertThat(tokens().findById(workspace, deleted.id())).isEmpty();
        assertThat(stored(live).lastUse()).isEqualTo(new TokenLastUse(at, "10.0.0.1", "c"));
    }

    @Test
    void recordUsageOfNothingDoesNothing() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);

        tokens().recordUses(List.of());

        assertSameState(stored(token), token);
    }

    @Test
    void aSecondTokenWithAStoredDigestIsRefused() {
        Tokens.Builder firstBuilder = aTokenOf(alice);
        AccessToken first = firstBuilder.build();
        tokens().add(first);
        AccessToken sameDigest = aTokenOf(admin).withValue(firstBuilder.value()).build();
        assertThat(sameDigest.digest()).isEqualTo(first.digest());

        assertRefusedAsDuplicate(() -> tokens().add(sameDigest));
        assertThat(tokens().findById(workspace, sameDigest.id())).isEmpty();
        assertSameState(tokens().findByDigest(first.digest()).orElseThrow(), first);
    }

    @Test
    void aSecondTokenWithAStoredIdIsRefused() {
        AccessToken first = aTokenOf(alice).build();
        tokens().add(first);
        AccessToken sameId = aTokenOf(admin).id(first.id().value()).build();

        assertRefusedAsDuplicate(() -> tokens().add(sameId));
        assertSameState(stored(first), first);
    }

    // ---- workspace isolation: nothing of workspace A is reachable through workspace B ----

    @Test
    void aTokenIsInvisibleToFindByIdOfAnotherWorkspace() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        WorkspaceId other = fixtures().workspace();

        assertThat(tokens().findById(other, token.id())).isEmpty();
        assertThat(tokens().findById(workspace, token.id())).isPresent();
    }

    @Test
    void aTokenIsNotListedForItsOwnersIdInAnotherWorkspace() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        WorkspaceId other = fixtures().workspace();
        fixtures().user(other, "alice");

        assertThat(tokens().listByOwner(other, alice)).isEmpty();
        assertThat(tokens().listByOwner(workspace, alice)).hasSize(1);
    }

    @Test
    void anotherWorkspaceCannotDeleteTheToken() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        WorkspaceId other = fixtures().workspace();

        assertThat(tokens().delete(other, token.id())).isFalse();

        assertSameState(stored(token), token);
    }

    @Test
    void anotherWorkspaceCannotRecordUsageOfTheToken() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        WorkspaceId other = fixtures().workspace();

        tokens().recordUses(List.of(new TokenUse(other, token.id(), T0.plusSeconds(1), "10.6.6.6", "intruder")));

        assertThat(stored(token).lastUse()).isNull();
    }

    @Test
    void updateCannotMoveATokenIntoAnotherWorkspace() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        WorkspaceId other = fixtures().workspace();
        AccessToken forged = aTokenOf(alice)
                .inWorkspace(other)
                .id(token.id().value())
                .revokedAt(T0.plusSeconds(1), admin)
                .build();

        try {
            tokens().update(forged);
        } catch (RuntimeException refused) {
            // refusing is fine; what matters is what is stored afterwards
        }

        assertThat(tokens().findById(other, token.id())).isEmpty();
        assertSameState(stored(token), token);
    }

    // ---- token management (issue 5): kind, rotation, inventory search ----

    /** A fresh secret: its digest and its display hint, as a rotation needs them. */
    private static TokenSecret aSecret() {
        return new TokenSecret(Tokens.aValue());
    }

    private static String hintOf(TokenSecret secret) {
        return secret.displayHint(Tokens.FORMAT.prefix());
    }

    private List<TokenId> search(TokenFilter filter) {
        return tokens().search(workspace, filter, null, 100).stream()
                .map(AccessToken::id)
                .toList();
    }

    /** Every page of a search, walked by keyset until a page comes back empty. */
    private List<List<AccessToken>> pages(WorkspaceId in, TokenFilter filter, int limit) {
        List<List<AccessToken>> pages = new ArrayList<>();
        TokenCursor cursor = null;
        for (int guard = 0; guard < 100; guard++) {
            List<AccessToken> page = tokens().search(in, filter, cursor, limit);
            if (page.isEmpty()) {
                return pages;
            }
            assertThat(page).as("page %d", pages.size()).hasSizeLessThanOrEqualTo(limit);
            pages.add(page);
            cursor = TokenCursor.after(page.get(page.size() - 1));
        }
        throw new AssertionError("paging did not end");
    }

    private static final Comparator<AccessToken> NEWEST_FIRST = Comparator.comparing(AccessToken::createdAt)
            .thenComparing(token -> token.id().value())
            .reversed();

    @Test
    void everyKindRoundTrips() {
        GroupId team = fixtures().group(workspace, "team");
        for (TokenKind kind : TokenKind.values()) {
            Tokens.Builder builder = aTokenOf(alice).createdBy(admin).kind(kind);
            AccessToken token = (kind == TokenKind.GROUP
                            ? builder.ofGroup(team)
                            : kind == TokenKind.OAUTH
                                    ? builder.ofOAuthSecret(
                                            TokenId.random(RANDOM).value())
                                    : kind == TokenKind.CANARY
                                            ? builder.withScopes() // a canary holds none, stored as none
                                            : builder)
                    .build();
            tokens().add(token);

            assertThat(stored(token).kind()).as(kind.name()).isEqualTo(kind);
            assertSameState(stored(token), token);
            assertThat(tokens().findByDigest(token.digest()).orElseThrow().kind())
                    .isEqualTo(kind);
        }
        assertThat(tokens().listByOwner(workspace, alice))
                .extracting(AccessToken::kind)
                .containsExactlyInAnyOrder(TokenKind.values());
    }

    @Test
    void aTokenBuiltWithoutAKindIsPersonal() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);

        assertThat(stored(token).kind()).isEqualTo(TokenKind.PERSONAL);
        assertThat(stored(token).previousDigest()).isNull();
        assertThat(stored(token).previousValidUntil()).isNull();
        assertThat(stored(token).rotatedAt()).isNull();
    }

    @Test
    void aRotationWithGraceIsStoredAndBothSecretsFindTheToken() {
        AccessToken token = aTokenOf(alice)
                .withScopes(Scope.ALL_APIS, Scope.of(Permission.SCIM_READ))
                .kind(TokenKind.ON_BEHALF_OF)
                .createdBy(admin)
                .expiringAt(T0.plus(Duration.ofDays(30)))
                .build();
        tokens().add(token);
        TokenDigest old = token.digest();
        TokenSecret fresh = aSecret();
        Instant rotatedAt = T0.plus(Duration.ofHours(1)).plusNanos(7_000);

        AccessToken loaded = stored(token);
        loaded.rotate(fresh.digest(), hintOf(fresh), rotatedAt, Duration.ofDays(2));
        tokens().update(loaded);

        AccessToken found = stored(token);
        assertSameState(found, loaded);
        assertThat(found.digest()).isEqualTo(fresh.digest());
        assertThat(found.displayHint()).isEqualTo(hintOf(fresh)).isNotEqualTo(token.displayHint());
        assertThat(found.previousDigest()).isEqualTo(old);
        assertThat(found.previousValidUntil()).isEqualTo(rotatedAt.plus(Duration.ofDays(2)));
        assertThat(found.rotatedAt()).isEqualTo(rotatedAt);
        assertThat(found.id()).isEqualTo(token.id());
        assertThat(found.scopes()).isEqualTo(token.scopes());
        assertThat(found.kind()).isEqualTo(TokenKind.ON_BEHALF_OF);
        assertThat(found.createdBy()).isEqualTo(admin);
        assertThat(found.owner()).isEqualTo(alice);
        assertThat(found.expiresAt()).isEqualTo(token.expiresAt());

        assertThat(tokens().findByDigest(fresh.digest())).get().satisfies(byNew -> assertSameState(byNew, loaded));
        assertThat(tokens().findByDigest(old)).get().satisfies(byOld -> assertSameState(byOld, loaded));
        assertThat(tokens().findByDigest(old).orElseThrow().acceptsPrevious(old, rotatedAt.plusSeconds(1)))
                .isTrue();
    }

    @Test
    void aRotationsGraceEndsNoLaterThanTheExpiryAndRoundTrips() {
        Instant expiry = T0.plus(Duration.ofHours(5)).plusNanos(3_000);
        AccessToken token = aTokenOf(alice).expiringAt(expiry).build();
        tokens().add(token);
        TokenSecret fresh = aSecret();

        AccessToken loaded = stored(token);
        loaded.rotate(fresh.digest(), hintOf(fresh), T0.plusSeconds(1), Duration.ofDays(7));
        tokens().update(loaded);

        assertThat(stored(token).previousValidUntil()).isEqualTo(expiry);
        assertSameState(stored(token), loaded);
    }

    @Test
    void aRotationWithoutGraceClearsThePreviousSecret() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        TokenDigest first = token.digest();
        TokenSecret second = aSecret();
        TokenSecret third = aSecret();

        AccessToken loaded = stored(token);
        loaded.rotate(second.digest(), hintOf(second), T0.plusSeconds(10), Duration.ofHours(1));
        tokens().update(loaded);
        AccessToken again = stored(token);
        assertThat(again.previousDigest()).isEqualTo(first);
        again.rotate(third.digest(), hintOf(third), T0.plusSeconds(20), Duration.ZERO);
        tokens().update(again);

        AccessToken found = stored(token);
        assertSameState(found, again);
        assertThat(found.digest()).isEqualTo(third.digest());
        assertThat(found.displayHint()).isEqualTo(hintOf(third));
        assertThat(found.previousDigest()).isNull();
        assertThat(found.previousValidUntil()).isNull();
        assertThat(found.rotatedAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(tokens().findByDigest(third.digest()))
                .get()
                .extracting(AccessToken::id)
                .isEqualTo(token.id());
        assertThat(tokens().findByDigest(second.digest())).isEmpty();
        assertThat(tokens().findByDigest(first)).isEmpty();
    }

    @Test
    void aRotationNeitherUndoesALastUseNorTouchesOtherTokens() {
        AccessToken token = aTokenOf(alice).build();
        AccessToken other = aTokenOf(alice).build();
        tokens().add(token);
        tokens().add(other);
        AccessToken loaded = stored(token);
        Instant usedAt = T0.plusSeconds(5);
        tokens().recordUses(List.of(new TokenUse(workspace, token.id(), usedAt, "10.0.0.8", "cli")));
        TokenSecret fresh = aSecret();

        loaded.rotate(fresh.digest(), hintOf(fresh), T0.plusSeconds(6), Duration.ZERO);
        tokens().update(loaded);

        assertThat(stored(token).lastUse()).isEqualTo(new TokenLastUse(usedAt, "10.0.0.8", "cli"));
        assertThat(stored(token).digest()).isEqualTo(fresh.digest());
        assertSameState(stored(other), other);
        assertThat(tokens().findByDigest(token.digest())).isEmpty();
    }

    @Test
    void aRotatedTokenCanBeRevokedAndRestoredKeepingItsRotation() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        TokenSecret fresh = aSecret();
        AccessToken loaded = stored(token);
        loaded.rotate(fresh.digest(), hintOf(fresh), T0.plusSeconds(1), Duration.ofMinutes(30));
        tokens().update(loaded);

        AccessToken revoked = stored(token);
        revoked.revoke(admin, RevocationAuthority.ADMIN, T0.plusSeconds(2));
        tokens().update(revoked);

        AccessToken found = stored(token);
        assertSameState(found, revoked);
        assertThat(found.previousDigest()).isEqualTo(token.digest());
        assertThat(found.rotatedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(found.isRevoked()).isTrue();
    }

    // ---- search ----

    /** The inventory the filter tests search: one token per interesting case, created one second apart. */
    private final class Inventory {
        final Instant now = T0.plus(Duration.ofDays(10));
        /** alice's own, active for 30 more days, never used, all-apis. */
        final AccessToken active;
        /** alice's, created by admin on her behalf, revoked, expires within 5 days, used 40 days ago. */
        final AccessToken revokedObo;
        /** admin's organisation token, expired yesterday, used 2 days ago. */
        final AccessToken expiredOrg;
        /** admin's group token created by alice, active, expires in 3 days, used an hour ago. */
        final AccessToken soonGroup;
        /** alice's, never expires, used 20 days ago. */
        final AccessToken eternal;
        /** alice's, expires exactly now (so expired), never used. */
        final AccessToken expiringNow;
        /** alice's, revoked and expired (revoked wins), used exactly 10 days ago. */
        final AccessToken revokedExpired;

        Inventory() {
            active = aTokenOf(alice)
                    .createdAt(T0)
                    .expiringAt(now.plus(Duration.ofDays(30)))
                    .build();
            revokedObo = aTokenOf(alice)
                    .createdBy(admin)
                    .kind(TokenKind.ON_BEHALF_OF)
                    .createdAt(T0.plusSeconds(1))
                    .withScopes(Scope.of(Permission.TOKENS_READ), Scope.of(Permission.SCIM_READ))
                    .expiringAt(now.plus(Duration.ofDays(5)))
                    .revokedAt(now.minusSeconds(60), admin)
                    .lastUse(new TokenLastUse(now.minus(Duration.ofDays(40)), "10.0.0.1", "a"))
                    .build();
            expiredOrg = aTokenOf(admin)
                    .kind(TokenKind.ORGANISATION)
                    .createdAt(T0.plusSeconds(2))
                    .expiringAt(now.minus(Duration.ofDays(1)))
                    .lastUse(new TokenLastUse(now.minus(Duration.ofDays(2)), null, null))
                    .build();
            soonGroup = aTokenOf(admin)
                    .createdBy(alice)
                    .ofGroup(fixtures().group(workspace, "team"))
                    .createdAt(T0.plusSeconds(3))
                    .withScopes(Scope.of(Permission.TOKENS_READ))
                    .expiringAt(now.plus(Duration.ofDays(3)))
                    .lastUse(new TokenLastUse(now.minus(Duration.ofHours(1)), null, null))
                    .build();
            eternal = aTokenOf(alice)
                    .createdAt(T0.plusSeconds(4))
                    .neverExpiring()
                    .withScopes(Scope.of(Permission.SCIM_READ))
                    .lastUse(new TokenLastUse(now.minus(Duration.ofDays(20)), null, null))
                    .build();
            expiringNow =
                    aTokenOf(alice).createdAt(T0.plusSeconds(5)).expiringAt(now).build();
            revokedExpired = aTokenOf(alice)
                    .createdAt(T0.plusSeconds(6))
                    .expiringAt(now.minus(Duration.ofDays(2)))
                    .revokedAt(now.minus(Duration.ofDays(3)), admin)
                    .lastUse(new TokenLastUse(now.minus(Duration.ofDays(10)), null, null))
                    .build();
            for (AccessToken token :
                    List.of(soonGroup, active, revokedExpired, expiredOrg, eternal, revokedObo, expiringNow)) {
                tokens().add(token);
            }
        }

        TokenFilter all() {
            return TokenFilter.all(now);
        }

        TokenFilter filter(
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

        List<TokenId> ids(AccessToken... tokens) {
            return java.util.Arrays.stream(tokens).map(AccessToken::id).toList();
        }
    }

    @Test
    void searchWithoutFilterReturnsTheWholeWorkspaceNewestFirstWithEveryField() {
        Inventory inv = new Inventory();

        List<AccessToken> found = tokens().search(workspace, inv.all(), null, 100);

        assertThat(found)
                .extracting(AccessToken::id)
                .containsExactlyElementsOf(inv.ids(
                        inv.revokedExpired,
                        inv.expiringNow,
                        inv.eternal,
                        inv.soonGroup,
                        inv.expiredOrg,
                        inv.revokedObo,
                        inv.active));
        assertSameState(found.get(5), inv.revokedObo);
        assertSameState(found.get(3), inv.soonGroup);
        assertSameState(found.get(2), inv.eternal);
    }

    @Test
    void searchFiltersByOwnerAndByCreator() {
        Inventory inv = new Inventory();

        assertThat(search(inv.filter(alice, null, null, null, null, null, null, false)))
                .containsExactlyElementsOf(
                        inv.ids(inv.revokedExpired, inv.expiringNow, inv.eternal, inv.revokedObo, inv.active));
        assertThat(search(inv.filter(admin, null, null, null, null, null, null, false)))
                .containsExactlyElementsOf(inv.ids(inv.soonGroup, inv.expiredOrg));
        assertThat(search(inv.filter(null, admin, null, null, null, null, null, false)))
                .containsExactlyElementsOf(inv.ids(inv.expiredOrg, inv.revokedObo));
        assertThat(search(inv.filter(null, alice, null, null, null, null, null, false)))
                .containsExactlyElementsOf(
                        inv.ids(inv.revokedExpired, inv.expiringNow, inv.eternal, inv.soonGroup, inv.active));
        assertThat(search(inv.filter(fixtures().user(workspace, "carol"), null, null, null, null, null, null, false)))
                .isEmpty();
    }

    @Test
    void searchFiltersByStatusAtTheFiltersNow() {
        Inventory inv = new Inventory();

        assertThat(search(inv.filter(null, null, TokenStatus.ACTIVE, null, null, null, null, false)))
                .containsExactlyElementsOf(inv.ids(inv.eternal, inv.soonGroup, inv.active));
        assertThat(search(inv.filter(null, null, TokenStatus.REVOKED, null, null, null, null, false)))
                .containsExactlyElementsOf(inv.ids(inv.revokedExpired, inv.revokedObo));
        assertThat(search(inv.filter(null, null, TokenStatus.EXPIRED, null, null, null, null, false)))
                .containsExactlyElementsOf(inv.ids(inv.expiringNow, inv.expiredOrg));

        Instant later = inv.now.plus(Duration.ofDays(4));
        assertThat(search(new TokenFilter(null, null, TokenStatus.ACTIVE, null, null, null, null, false, later)))
                .containsExactlyElementsOf(inv.ids(inv.eternal, inv.active));
        assertThat(search(new TokenFilter(null, null, TokenStatus.EXPIRED, null, null, null, null, false, later)))
                .containsExactlyElementsOf(inv.ids(inv.expiringNow, inv.soonGroup, inv.expiredOrg));
        Instant justBefore = inv.now.minusNanos(1_000);
        assertThat(search(new TokenFilter(null, null, TokenStatus.ACTIVE, null, null, null, null, false, justBefore)))
                .containsExactlyElementsOf(inv.ids(inv.expiringNow, inv.eternal, inv.soonGroup, inv.active));
    }

    @Test
    void countsWhatSearchFindsWithEveryFilter() {
        Inventory inv = new Inventory();

        for (TokenStatus status : TokenStatus.values()) {
            TokenFilter filter = inv.filter(null, null, status, null, null, null, null, false);
            assertThat(tokens().count(workspace, filter))
                    .as(status.name())
                    .isEqualTo(search(filter).size());
        }
        TokenFilter personal = inv.filter(null, null, null, TokenKind.PERSONAL, null, null, null, false);
        assertThat(tokens().count(workspace, personal)).isEqualTo(4);
        assertThat(tokens().count(workspace, inv.filter(null, null, null, null, null, null, null, false)))
                .isEqualTo(search(inv.filter(null, null, null, null, null, null, null, false))
                        .size());
    }

    @Test
    void searchMatchesTheStatusTheTokenReportsItself() {
        Inventory inv = new Inventory();

        for (TokenStatus status : TokenStatus.values()) {
            List<AccessToken> found = tokens().search(
                            workspace, inv.filter(null, null, status, null, null, null, null, false), null, 100);
            assertThat(found)
                    .as(status.name())
                    .isNotEmpty()
                    .allSatisfy(token -> assertThat(token.statusAt(inv.now)).isEqualTo(status));
        }
    }

    @Test
    void searchFiltersByKind() {
        Inventory inv = new Inventory();

        assertThat(search(inv.filter(null, null, null, TokenKind.PERSONAL, null, null, null, false)))
                .containsExactlyElementsOf(inv.ids(inv.revokedExpired, inv.expiringNow, inv.eternal, inv.active));
        assertThat(search(inv.filter(null, null, null, TokenKind.ON_BEHALF_OF, null, null, null, false)))
                .containsExactlyElementsOf(inv.ids(inv.revokedObo));
        assertThat(search(inv.filter(null, null, null, TokenKind.ORGANISATION, null, null, null, false)))
                .containsExactlyElementsOf(inv.ids(inv.expiredOrg));
        assertThat(search(inv.filter(null, null, null, TokenKind.GROUP, null, null, null, false)))
                .containsExactlyElementsOf(inv.ids(inv.soonGroup));
    }

    @Test
    void searchFiltersByScopeAndReturnsEveryScopeOfAMatchingToken() {
        Inventory inv = new Inventory();

        assertThat(search(inv.filter(null, null, null, null, "tokens:read", null, null, false)))
                .containsExactlyElementsOf(inv.ids(inv.soonGroup, inv.revokedObo));
        assertThat(search(inv.filter(null, null, null, null, "scim:read", null, null, false)))
                .containsExactlyElementsOf(inv.ids(inv.eternal, inv.revokedObo));
        assertThat(search(inv.filter(null, null, null, null, "all-apis", null, null, false)))
                .containsExactlyElementsOf(inv.ids(inv.revokedExpired, inv.expiringNow, inv.expiredOrg, inv.active));
        assertThat(search(inv.filter(null, null, null, null, "scim:write", null, null, false)))
                .isEmpty();
        assertThat(tokens().search(
                                workspace,
                                inv.filter(null, null, null, null, "tokens:read", null, null, false),
                                null,
                                100))
                .filteredOn(token -> token.id().equals(inv.revokedObo.id()))
                .singleElement()
                .satisfies(token -> assertSameState(token, inv.revokedObo));
    }

    @Test
    void searchFiltersByExpiryWindowBetweenNowAndTheBound() {
        Inventory inv = new Inventory();

        assertThat(search(inv.filter(null, null, null, null, null, inv.now.plus(Duration.ofDays(7)), null, false)))
                .containsExactlyElementsOf(inv.ids(inv.soonGroup, inv.revokedObo));
        assertThat(search(inv.filter(null, null, null, null, null, inv.now.plus(Duration.ofDays(3)), null, false)))
                .as("the bound is exclusive")
                .isEmpty();
        assertThat(search(inv.filter(
                        null,
                        null,
                        null,
                        null,
                        null,
                        inv.now.plus(Duration.ofDays(3)).plusNanos(1_000),
                        null,
                        false)))
                .containsExactlyElementsOf(inv.ids(inv.soonGroup));
        assertThat(search(inv.filter(null, null, null, null, null, inv.now.plus(Duration.ofDays(365)), null, false)))
                .containsExactlyElementsOf(inv.ids(inv.soonGroup, inv.revokedObo, inv.active));
    }

    @Test
    void searchFiltersByUnusedSinceIncludingNeverUsedAndByNeverUsed() {
        Inventory inv = new Inventory();

        assertThat(search(inv.filter(null, null, null, null, null, null, inv.now.minus(Duration.ofDays(10)), false)))
                .as("a use exactly at the bound counts as a use")
                .containsExactlyElementsOf(inv.ids(inv.expiringNow, inv.eternal, inv.revokedObo, inv.active));
        assertThat(search(inv.filter(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        inv.now.minus(Duration.ofDays(10)).plusNanos(1_000),
                        false)))
                .containsExactlyElementsOf(
                        inv.ids(inv.revokedExpired, inv.expiringNow, inv.eternal, inv.revokedObo, inv.active));
        assertThat(search(inv.filter(null, null, null, null, null, null, null, true)))
                .containsExactlyElementsOf(inv.ids(inv.expiringNow, inv.active));
    }

    @Test
    void searchCombinesFilters() {
        Inventory inv = new Inventory();

        assertThat(search(inv.filter(alice, null, TokenStatus.ACTIVE, null, null, null, null, false)))
                .containsExactlyElementsOf(inv.ids(inv.eternal, inv.active));
        assertThat(search(inv.filter(alice, admin, null, TokenKind.ON_BEHALF_OF, "tokens:read", null, null, false)))
                .containsExactlyElementsOf(inv.ids(inv.revokedObo));
        assertThat(search(
                        inv.filter(alice, admin, TokenStatus.ACTIVE, TokenKind.ON_BEHALF_OF, null, null, null, false)))
                .isEmpty();
        assertThat(search(inv.filter(null, null, TokenStatus.EXPIRED, null, "all-apis", null, null, false)))
                .containsExactlyElementsOf(inv.ids(inv.expiringNow, inv.expiredOrg));
        assertThat(search(inv.filter(admin, null, null, null, null, null, null, true)))
                .isEmpty();
        assertThat(search(inv.filter(
                        null, null, TokenStatus.ACTIVE, null, null, null, inv.now.minus(Duration.ofDays(10)), false)))
                .containsExactlyElementsOf(inv.ids(inv.eternal, inv.active));
        assertThat(search(inv.filter(
                        null,
                        alice,
                        TokenStatus.ACTIVE,
                        TokenKind.GROUP,
                        "tokens:read",
                        inv.now.plus(Duration.ofDays(7)),
                        inv.now,
                        false)))
                .containsExactlyElementsOf(inv.ids(inv.soonGroup));
        assertThat(search(inv.filter(alice, null, TokenStatus.EXPIRED, TokenKind.PERSONAL, null, null, null, true)))
                .containsExactlyElementsOf(inv.ids(inv.expiringNow));
    }

    @Test
    void searchOrdersNewestFirstWithTheTokenIdBreakingTies() {
        List<TokenId> ids = idsInOrder(5);
        AccessToken oldest =
                aTokenOf(alice).id(ids.get(4).value()).createdAt(T0).build();
        AccessToken aMicroLater = aTokenOf(admin)
                .id(ids.get(0).value())
                .createdAt(T0.plusNanos(1_000))
                .build();
        AccessToken tiedLow = aTokenOf(alice)
                .id(ids.get(1).value())
                .createdAt(T0.plusSeconds(1))
                .build();
        AccessToken tiedMiddle = aTokenOf(admin)
                .id(ids.get(2).value())
                .createdAt(T0.plusSeconds(1))
                .build();
        AccessToken tiedHigh = aTokenOf(alice)
                .id(ids.get(3).value())
                .createdAt(T0.plusSeconds(1))
                .build();
        for (AccessToken token : List.of(tiedMiddle, oldest, tiedHigh, aMicroLater, tiedLow)) {
            tokens().add(token);
        }

        assertThat(search(TokenFilter.all(T0)))
                .containsExactly(tiedHigh.id(), tiedMiddle.id(), tiedLow.id(), aMicroLater.id(), oldest.id());
        List<AccessToken> afterMiddle =
                tokens().search(workspace, TokenFilter.all(T0), TokenCursor.after(tiedMiddle), 2);
        assertThat(afterMiddle).extracting(AccessToken::id).containsExactly(tiedLow.id(), aMicroLater.id());
        assertThat(tokens().search(workspace, TokenFilter.all(T0), TokenCursor.after(oldest), 10))
                .isEmpty();
    }

    @Test
    void keysetPagingReturnsEveryTokenExactlyOnceInOrder() {
        List<AccessToken> added = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // groups of three share a creation time, so the id has to break ties across page boundaries
            AccessToken token = aTokenOf(i % 2 == 0 ? alice : admin)
                    .createdAt(T0.plusSeconds(i / 3))
                    .build();
            tokens().add(token);
            added.add(token);
        }
        List<AccessToken> expected = added.stream().sorted(NEWEST_FIRST).toList();

        List<List<AccessToken>> pages = pages(workspace, TokenFilter.all(T0), 7);

        assertThat(pages).extracting(List::size).containsExactly(7, 7, 7, 4);
        List<AccessToken> walked = pages.stream().flatMap(List::stream).toList();
        assertThat(walked)
                .extracting(AccessToken::id)
                .containsExactlyElementsOf(
                        expected.stream().map(AccessToken::id).toList())
                .doesNotHaveDuplicates();
        for (int i = 0; i < walked.size(); i++) {
            assertSameState(walked.get(i), expected.get(i));
        }
    }

    @Test
    void keysetPagingWorksWithAFilterAndAPageSizeThatDividesTheResult() {
        List<AccessToken> alices = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            AccessToken token = aTokenOf(i % 3 == 0 ? admin : alice)
                    .createdAt(T0.plusSeconds(i / 4))
                    .build();
            tokens().add(token);
            if (token.owner().equals(alice)) {
                alices.add(token);
            }
        }
        TokenFilter filter = new TokenFilter(alice, null, null, null, null, null, null, false, T0);

        List<List<AccessToken>> pages = pages(workspace, filter, 4);

        assertThat(pages).extracting(List::size).containsExactly(4, 4);
        assertThat(pages.stream().flatMap(List::stream).map(AccessToken::id).toList())
                .containsExactlyElementsOf(alices.stream()
                        .sorted(NEWEST_FIRST)
                        .map(AccessToken::id)
                        .toList());
    }

    @Test
    void aPageCountsTokensNotTheirScopes() {
        List<AccessToken> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AccessToken token = aTokenOf(alice)
                    .createdAt(T0.plusSeconds(i))
                    .withScopes(Scope.ALL_APIS, Scope.of(Permission.TOKENS_READ), Scope.of(Permission.SCIM_READ))
                    .build();
            tokens().add(token);
            added.add(token);
        }
        List<AccessToken> expected = added.stream().sorted(NEWEST_FIRST).toList();

        List<AccessToken> firstPage = tokens().search(workspace, TokenFilter.all(T0), null, 4);

        assertThat(firstPage).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertSameState(firstPage.get(i), expected.get(i));
            assertThat(firstPage.get(i).scopes()).hasSize(3);
        }
        List<AccessToken> rest =
                tokens().search(workspace, TokenFilter.all(T0), TokenCursor.after(firstPage.get(3)), 4);
        assertThat(rest).singleElement().satisfies(last -> assertSameState(last, expected.get(4)));
        assertThat(tokens().search(workspace, TokenFilter.all(T0), null, 2))
                .hasSize(2)
                .allSatisfy(token -> assertThat(token.scopes()).hasSize(3));
        assertThat(tokens().search(
                                workspace,
                                new TokenFilter(null, null, null, null, "tokens:read", null, null, false, T0),
                                null,
                                4))
                .hasSize(4)
                .allSatisfy(token -> assertThat(token.scopes()).hasSize(3));
    }

    @Test
    void pagingGoesOnAfterTheCursorsTokenWasDeleted() {
        List<AccessToken> added = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            AccessToken token = aTokenOf(alice).createdAt(T0.plusSeconds(i)).build();
            tokens().add(token);
            added.add(token);
        }
        List<AccessToken> expected = added.stream().sorted(NEWEST_FIRST).toList();
        List<AccessToken> first = tokens().search(workspace, TokenFilter.all(T0), null, 3);
        tokens().delete(workspace, first.get(2).id());

        List<AccessToken> second = tokens().search(workspace, TokenFilter.all(T0), TokenCursor.after(first.get(2)), 3);

        assertThat(second)
                .extracting(AccessToken::id)
                .containsExactlyElementsOf(
                        expected.subList(3, 6).stream().map(AccessToken::id).toList());
    }

    @Test
    void searchNeverReturnsAnotherWorkspacesTokens() {
        AccessToken mine =
                aTokenOf(alice).ofGroup(fixtures().group(workspace, "team")).build();
        tokens().add(mine);
        WorkspaceId other = fixtures().workspace();
        PrincipalId bob = fixtures().user(other, "bob");
        List<AccessToken> theirs = new ArrayList<>();
        GroupId theirTeam = fixtures().group(other, "team");
        for (int i = 0; i < 3; i++) {
            AccessToken token = Tokens.aToken()
                    .inWorkspace(other)
                    .ownedBy(bob)
                    .createdBy(alice)
                    .ofGroup(theirTeam)
                    .createdAt(T0.plusSeconds(i))
                    .build();
            tokens().add(token);
            theirs.add(token);
        }

        assertThat(search(TokenFilter.all(T0))).containsExactly(mine.id());
        assertThat(search(new TokenFilter(null, alice, null, TokenKind.GROUP, "all-apis", null, null, false, T0)))
                .containsExactly(mine.id());
        assertThat(search(new TokenFilter(bob, null, null, null, null, null, null, false, T0)))
                .isEmpty();
        assertThat(tokens().search(other, TokenFilter.all(T0), null, 10))
                .extracting(AccessToken::id)
                .containsExactlyElementsOf(theirs.stream()
                        .sorted(NEWEST_FIRST)
                        .map(AccessToken::id)
                        .toList());
        assertThat(tokens().search(
                                other, new TokenFilter(alice, null, null, null, null, null, null, false, T0), null, 10))
                .isEmpty();
        assertThat(pages(other, TokenFilter.all(T0), 2).stream()
                        .flatMap(List::stream)
                        .map(AccessToken::id)
                        .toList())
                .containsExactlyElementsOf(theirs.stream()
                        .sorted(NEWEST_FIRST)
                        .map(AccessToken::id)
                        .toList());
        assertThat(tokens().search(fixtures().workspace(), TokenFilter.all(T0), null, 10))
                .isEmpty();
    }

    // ---- organisation and group tokens, inventory sorting (issue 5) ----

    @Test
    void aGroupTokenKeepsItsGroupAndTheGroupFilterFindsOnlyItsTokens() {
        GroupId team = fixtures().group(workspace, "team");
        GroupId ops = fixtures().group(workspace, "ops");
        AccessToken teamToken = aTokenOf(alice).createdBy(admin).ofGroup(team).build();
        AccessToken opsToken =
                aTokenOf(admin).ofGroup(ops).createdAt(T0.plusSeconds(1)).build();
        AccessToken organisation = aTokenOf(admin)
                .kind(TokenKind.ORGANISATION)
                .createdAt(T0.plusSeconds(2))
                .build();
        List.of(teamToken, opsToken, organisation).forEach(tokens()::add);

        assertThat(stored(teamToken).group()).isEqualTo(team);
        assertThat(stored(organisation).group()).isNull();
        assertThat(search(TokenFilter.ofGroup(team, T0))).containsExactly(teamToken.id());
        assertThat(search(TokenFilter.ofGroup(ops, T0))).containsExactly(opsToken.id());
        assertThat(search(TokenFilter.ofKind(TokenKind.GROUP, T0))).containsExactly(opsToken.id(), teamToken.id());
        assertThat(search(TokenFilter.ofKind(TokenKind.ORGANISATION, T0))).containsExactly(organisation.id());
        assertThat(tokens().search(fixtures().workspace(), TokenFilter.ofGroup(team, T0), null, 10))
                .isEmpty();
    }

    /**
     * Twelve tokens whose expiries and last uses repeat and are sometimes missing, so every order has ties for the
     * id to break and a run of tokens without the time.
     */
    private List<AccessToken> tokensToSort() {
        List<AccessToken> added = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Tokens.Builder builder = aTokenOf(i % 2 == 0 ? alice : admin).createdAt(T0.plusSeconds(i / 2));
            builder = i % 4 == 0 ? builder.neverExpiring() : builder.expiringAt(T0.plus(Duration.ofDays(i % 3 + 1)));
            if (i % 3 != 0) {
                builder.lastUse(new TokenLastUse(T0.plus(Duration.ofMinutes(i % 4)), "10.0.0." + i, null));
            }
            AccessToken token = builder.build();
            tokens().add(token);
            added.add(token);
        }
        return added;
    }

    @Test
    void everySortWalksEveryTokenOnceInItsOrderAcrossPages() {
        List<AccessToken> added = tokensToSort();
        for (TokenSort sort : TokenSort.values()) {
            List<TokenId> expected = added.stream()
                    .sorted(sort.comparator())
                    .map(AccessToken::id)
                    .toList();
            for (int size : List.of(1, 5, 12)) {
                List<TokenId> walked = new ArrayList<>();
                TokenCursor cursor = null;
                for (int guard = 0; guard < 20; guard++) {
                    List<AccessToken> page = tokens().search(workspace, TokenFilter.all(T0), sort, cursor, size);
                    if (page.isEmpty()) {
                        break;
                    }
                    assertThat(page).hasSizeLessThanOrEqualTo(size);
                    page.forEach(token -> walked.add(token.id()));
                    cursor = TokenCursor.after(page.get(page.size() - 1), sort);
                }
                assertThat(walked).as("%s in pages of %d", sort, size).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void expiringSoonestPutsNeverExpiringTokensLastAndLeastRecentlyUsedPutsNeverUsedFirst() {
        List<AccessToken> added = tokensToSort();

        List<AccessToken> bySoonest =
                tokens().search(workspace, TokenFilter.all(T0), TokenSort.EXPIRING_SOONEST, null, 12);
        List<AccessToken> byLeastUsed =
                tokens().search(workspace, TokenFilter.all(T0), TokenSort.LEAST_RECENTLY_USED, null, 12);

        assertThat(bySoonest.subList(0, 9)).allMatch(token -> token.expiresAt() != null);
        assertThat(bySoonest.subList(9, 12)).allMatch(token -> token.expiresAt() == null);
        assertThat(byLeastUsed.subList(0, 4)).allMatch(token -> token.lastUse() == null);
        assertThat(byLeastUsed.subList(4, 12)).allMatch(token -> token.lastUse() != null);
        assertThat(added).hasSize(12);
    }

    @Test
    void aSortedSearchKeepsItsFilter() {
        tokensToSort();
        TokenFilter alices = new TokenFilter(alice, null, null, null, null, null, null, false, T0);

        List<AccessToken> found = tokens().search(workspace, alices, TokenSort.MOST_RECENTLY_USED, null, 100);

        assertThat(found).hasSize(6).allMatch(token -> token.owner().equals(alice));
        assertThat(found).isSortedAccordingTo(TokenSort.MOST_RECENTLY_USED.comparator());
    }

    // ---- narrowing (issue 6) ----

    @Test
    void narrowedScopesReplaceTheStoredOnesAndNothingElseChanges() {
        AccessToken token = aTokenOf(alice)
                .createdBy(admin)
                .withScopes(
                        Scope.of(Permission.TOKENS_READ),
                        Scope.of(Permission.SCIM_READ),
                        Scope.of(Permission.ROLES_READ))
                .lastUse(new TokenLastUse(T0.plusSeconds(5), "10.0.0.7", "curl"))
                .build();
        AccessToken other = aTokenOf(alice)
                .withScopes(Scope.of(Permission.TOKENS_READ), Scope.of(Permission.SCIM_READ))
                .createdAt(T0.plusSeconds(1))
                .build();
        tokens().add(token);
        tokens().add(other);
        AccessToken loaded = stored(token);

        loaded.narrow(java.util.Set.of(Scope.of(Permission.SCIM_READ)));
        tokens().updateScopes(loaded);

        AccessToken after = stored(token);
        assertThat(after.scopes()).containsExactly(Scope.of(Permission.SCIM_READ));
        assertThat(after)
                .usingRecursiveComparison()
                .ignoringFields("scopes", "readRevision")
                .isEqualTo(token);
        assertThat(stored(other).scopes())
                .containsExactly(Scope.of(Permission.SCIM_READ), Scope.of(Permission.TOKENS_READ));
        assertThat(search(new TokenFilter(null, null, null, null, "tokens:read", null, null, false, T0)))
                .containsExactly(other.id());
    }

    @Test
    void narrowingATokenOfAnotherWorkspaceOrAGoneTokenIsRefused() {
        AccessToken token = aTokenOf(alice)
                .withScopes(Scope.of(Permission.TOKENS_READ), Scope.of(Permission.SCIM_READ))
                .build();
        tokens().add(token);
        AccessToken elsewhere = Tokens.aToken()
                .id(token.id().value())
                .inWorkspace(fixtures().workspace())
                .ownedBy(alice)
                .withScopes(Scope.of(Permission.SCIM_READ))
                .build();
        AccessToken gone = aTokenOf(alice).build();

        assertThatThrownBy(() -> tokens().updateScopes(elsewhere)).isInstanceOf(TokenNotFoundException.class);
        assertThatThrownBy(() -> tokens().updateScopes(gone)).isInstanceOf(TokenNotFoundException.class);
        assertThat(stored(token).scopes()).hasSize(2);
    }
    // ---- OAuth tokens: linked to their secret, listed by it, removed once expired ----

    @Test
    void anOAuthTokenKeepsTheIdOfItsSecret() {
        AccessToken token = aTokenOf(alice)
                .ofOAuthSecret("0123456789abcdef0123456789abcdef")
                .build();

        tokens().add(token);

        AccessToken found = stored(token);
        assertSameState(found, token);
        assertThat(found.kind()).isEqualTo(TokenKind.OAUTH);
        assertThat(found.oauthSecret()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(stored(aStored(aTokenOf(alice))).oauthSecret()).isNull();
    }

    @Test
    void theTokensOfOneSecretAreListedNewestFirstAndOnlyInTheirWorkspace() {
        String secret = TokenId.random(RANDOM).value();
        AccessToken older = aStored(aTokenOf(alice).ofOAuthSecret(secret));
        AccessToken newer = aStored(aTokenOf(alice).ofOAuthSecret(secret).createdAt(T0.plusSeconds(1)));
        aStored(aTokenOf(alice).ofOAuthSecret(TokenId.random(RANDOM).value()));
        aStored(aTokenOf(alice));
        WorkspaceId other = fixtures().workspace();
        PrincipalId bob = fixtures().user(other, "bob");
        aStored(Tokens.aToken().inWorkspace(other).ownedBy(bob).createdAt(T0).ofOAuthSecret(secret));

        assertThat(tokens().listByOAuthSecret(workspace, secret))
                .extracting(AccessToken::id)
                .containsExactly(newer.id(), older.id());
    }

    @Test
    void expiredOAuthTokensOfTheOwnerAreRemovedAndNothingElse() {
        String secret = TokenId.random(RANDOM).value();
        AccessToken expired = aStored(aTokenOf(alice)
                .ofOAuthSecret(secret)
                .withScopes(Scope.ALL_APIS, Scope.of(Permission.TOKENS_READ))
                .expiringAt(T0.plusSeconds(10)));
        AccessToken expiringNow = aStored(aTokenOf(alice).ofOAuthSecret(secret).expiringAt(T0.plusSeconds(20)));
        AccessToken live = aStored(aTokenOf(alice).ofOAuthSecret(secret).expiringAt(T0.plusSeconds(21)));
        AccessToken expiredPersonal = aStored(aTokenOf(alice).expiringAt(T0.plusSeconds(10)));
        AccessToken othersExpired =
                aStored(aTokenOf(admin).ofOAuthSecret(secret).expiringAt(T0.plusSeconds(10)));
        WorkspaceId other = fixtures().workspace();
        PrincipalId bob = fixtures().user(other, "bob");
        AccessToken elsewhere = aStored(Tokens.aToken()
                .inWorkspace(other)
                .ownedBy(bob)
                .createdAt(T0)
                .ofOAuthSecret(secret)
                .expiringAt(T0.plusSeconds(10)));

        int removed = tokens().deleteExpiredOAuth(workspace, alice, T0.plusSeconds(20));

        assertThat(removed).isEqualTo(2);
        assertThat(tokens().findById(workspace, expired.id())).isEmpty();
        assertThat(tokens().findById(workspace, expiringNow.id())).isEmpty();
        assertThat(tokens().findByDigest(expired.digest())).isEmpty();
        assertThat(tokens().findById(workspace, live.id())).isPresent();
        assertThat(tokens().findById(workspace, expiredPersonal.id()))
                .as("not an OAuth token")
                .isPresent();
        assertThat(tokens().findById(workspace, othersExpired.id()))
                .as("another owner's")
                .isPresent();
        assertThat(tokens().findById(other, elsewhere.id()))
                .as("another workspace's")
                .isPresent();
        assertThat(tokens().deleteExpiredOAuth(workspace, alice, T0.plusSeconds(20)))
                .isZero();
    }

    private AccessToken aStored(Tokens.Builder builder) {
        AccessToken token = builder.build();
        tokens().add(token);
        return token;
    }

    @Test
    void updateCommentStoresTheNewCommentAndNothingElse() {
        AccessToken token = aTokenOf(alice).build();
        AccessToken other = aTokenOf(alice).build();
        tokens().add(token);
        tokens().add(other);
        AccessToken loaded = stored(token);

        assertThat(loaded.changeComment("renamed \"ci\" 🚀")).isTrue();
        tokens().updateComment(loaded);

        AccessToken after = stored(token);
        assertThat(after.comment()).isEqualTo("renamed \"ci\" 🚀");
        assertThat(after)
                .usingRecursiveComparison()
                .ignoringFields("comment", "readRevision")
                .isEqualTo(token);
        assertThat(stored(other).comment()).isEqualTo(other.comment());
    }

    @Test
    void changingTheCommentOfATokenOfAnotherWorkspaceOrAGoneTokenIsRefused() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        AccessToken elsewhere = Tokens.aToken()
                .id(token.id().value())
                .inWorkspace(fixtures().workspace())
                .ownedBy(alice)
                .build();
        elsewhere.changeComment("hijacked");
        AccessToken gone = aTokenOf(alice).build();

        assertThatThrownBy(() -> tokens().updateComment(elsewhere)).isInstanceOf(TokenNotFoundException.class);
        assertThatThrownBy(() -> tokens().updateComment(gone)).isInstanceOf(TokenNotFoundException.class);
        assertThat(stored(token).comment()).isEqualTo(token.comment());
    }
}
