package dev.warden.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenLastUse;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenUsage;
import dev.warden.core.token.Tokens;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Fixtures;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * {@code @Transactional} is repeated here although the JDBC subclasses have it through {@code @DataJdbcTest}:
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
        return Tokens.aToken().inWorkspace(workspace).ownedBy(owner).createdBy(owner).createdAt(T0);
    }

    protected AccessToken stored(AccessToken token) {
        Optional<AccessToken> found = tokens().findById(token.workspace(), token.id());
        assertThat(found).as("token %s in workspace %s", token.id(), token.workspace()).isPresent();
        return found.get();
    }

    protected static void assertSameState(AccessToken actual, AccessToken expected) {
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
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
        AccessToken token = aTokenOf(alice).neverExpiring().comment("").withScopes(Scope.ALL_APIS).build();

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
        AccessToken token = aTokenOf(alice).createdAt(createdAt).expiringAt(expiresAt).revokedAt(revokedAt, admin)
                .lastUse(new TokenLastUse(lastUsedAt, null, null)).build();
        tokens().add(token);
        Instant usedAt = Instant.parse("2026-11-01T01:45:00.000002Z");

        tokens().recordUsage(List.of(new TokenUsage(workspace, token.id(), usedAt, null, null)));

        AccessToken found = stored(token);
        assertThat(found.createdAt()).isEqualTo(createdAt);
        assertThat(found.expiresAt()).isEqualTo(expiresAt);
        assertThat(found.revokedAt()).isEqualTo(revokedAt);
        assertThat(found.lastUse().at()).isEqualTo(usedAt);
        assertThat(tokens().listByOwner(workspace, alice)).singleElement()
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
        AccessToken token = aTokenOf(alice).createdAt(createdAt).expiringAt(expiresAt).build();

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
        AccessToken elsewhere = Tokens.aToken().inWorkspace(other).ownedBy(bob).createdAt(T0).build();
        tokens().add(mine);
        tokens().add(elsewhere);

        assertThat(tokens().findByDigest(mine.digest())).get().usingRecursiveComparison().isEqualTo(mine);
        assertThat(tokens().findByDigest(elsewhere.digest())).get().usingRecursiveComparison().isEqualTo(elsewhere);
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
        loaded.revoke(admin, revokedAt);
        tokens().update(loaded);

        AccessToken revoked = stored(token);
        assertThat(revoked.revokedAt()).isEqualTo(revokedAt);
        assertThat(revoked.revokedBy()).isEqualTo(admin);
        assertThat(revoked.scopes()).containsExactlyInAnyOrder(Scope.of(Permission.TOKENS_READ),
                Scope.of(Permission.TOKENS_WRITE));
        assertSameState(revoked, loaded);

        revoked.restore(revokedAt.plusSeconds(1));
        tokens().update(revoked);

        AccessToken restored = stored(token);
        assertThat(restored.revokedAt()).isNull();
        assertThat(restored.revokedBy()).isNull();
        assertThat(restored.isRevoked()).isFalse();
        assertSameState(restored, token);
    }

    @Test
    void updateDoesNotUndoALastUseRecordedSinceTheTokenWasLoaded() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        AccessToken loaded = stored(token);
        Instant usedAt = T0.plusSeconds(30);
        tokens().recordUsage(List.of(new TokenUsage(workspace, token.id(), usedAt, "10.0.0.7", "sdk/1.0")));

        loaded.revoke(admin, T0.plusSeconds(60));
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
        AccessToken oldest = aTokenOf(alice).id(ids.get(3).value()).createdAt(T0).build();
        AccessToken middle = aTokenOf(alice).id(ids.get(2).value()).createdAt(T0.plusNanos(1_000)).build();
        AccessToken tiedLow = aTokenOf(alice).id(ids.get(0).value()).createdAt(T0.plusSeconds(1)).build();
        AccessToken tiedHigh = aTokenOf(alice).id(ids.get(1).value()).createdAt(T0.plusSeconds(1)).build();
        AccessToken adminsToken = aTokenOf(admin).createdAt(T0.plusSeconds(2)).build();
        for (AccessToken token : List.of(tiedLow, oldest, adminsToken, tiedHigh, middle)) {
            tokens().add(token);
        }

        List<AccessToken> listed = tokens().listByOwner(workspace, alice);

        assertThat(listed).extracting(AccessToken::id)
                .containsExactly(tiedHigh.id(), tiedLow.id(), middle.id(), oldest.id());
        assertSameState(listed.get(2), middle);
        assertThat(tokens().listByOwner(workspace, admin)).extracting(AccessToken::id)
                .containsExactly(adminsToken.id());
        assertThat(tokens().listByOwner(workspace, fixtures().user(workspace, "carol"))).isEmpty();
    }

    @Test
    void deleteRemovesTheTokenAndSaysWhetherThereWasOne() {
        AccessToken token = aTokenOf(alice).withScopes(Scope.ALL_APIS, Scope.of(Permission.AUDIT_READ)).build();
        AccessToken kept = aTokenOf(alice).build();
        tokens().add(token);
        tokens().add(kept);

        assertThat(tokens().delete(workspace, token.id())).isTrue();
        assertThat(tokens().delete(workspace, token.id())).isFalse();

        assertThat(tokens().findById(workspace, token.id())).isEmpty();
        assertThat(tokens().findByDigest(token.digest())).isEmpty();
        assertThat(tokens().listByOwner(workspace, alice)).extracting(AccessToken::id).containsExactly(kept.id());
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
    void recordUsageWritesTheLastUse() {
        AccessToken token = aTokenOf(alice).build();
        AccessToken unused = aTokenOf(alice).build();
        tokens().add(token);
        tokens().add(unused);
        Instant at = T0.plusSeconds(3600).plusNanos(999_000);

        tokens().recordUsage(List.of(new TokenUsage(workspace, token.id(), at, "192.0.2.10", "Databricks-SDK/0.1 ü")));

        AccessToken used = stored(token);
        assertThat(used.lastUse()).isEqualTo(new TokenLastUse(at, "192.0.2.10", "Databricks-SDK/0.1 ü"));
        assertThat(used.revokedAt()).isNull();
        assertThat(stored(unused).lastUse()).isNull();
    }

    @Test
    void recordUsageKeepsNullAddressAndAgent() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);

        tokens().recordUsage(List.of(new TokenUsage(workspace, token.id(), T0.plusSeconds(1), null, null)));

        assertThat(stored(token).lastUse()).isEqualTo(new TokenLastUse(T0.plusSeconds(1), null, null));
    }

    @Test
    void recordUsageNeverMovesTheLastUseBackwards() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        Instant later = T0.plusSeconds(120);
        tokens().recordUsage(List.of(new TokenUsage(workspace, token.id(), later, "10.0.0.2", "new")));

        tokens().recordUsage(List.of(new TokenUsage(workspace, token.id(), later.minusNanos(1_000), "10.0.0.1", "old")));

        assertThat(stored(token).lastUse()).isEqualTo(new TokenLastUse(later, "10.0.0.2", "new"));

        Instant evenLater = later.plusNanos(1_000);
        tokens().recordUsage(List.of(new TokenUsage(workspace, token.id(), evenLater, "10.0.0.3", "newer")));

        assertThat(stored(token).lastUse()).isEqualTo(new TokenLastUse(evenLater, "10.0.0.3", "newer"));
    }

    @Test
    void recordUsageKeepsTheNewestOfSeveralUsesInOneBatch() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        Instant newest = T0.plusSeconds(10);

        tokens().recordUsage(List.of(
                new TokenUsage(workspace, token.id(), newest, "10.0.0.9", "newest"),
                new TokenUsage(workspace, token.id(), T0.plusSeconds(5), "10.0.0.5", "older")));

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

        tokens().recordUsage(List.of(
                new TokenUsage(workspace, deleted.id(), at, "10.0.0.1", "a"),
                new TokenUsage(workspace, TokenId.random(RANDOM), at, "10.0.0.1", "b"),
                new TokenUsage(workspace, live.id(), at, "10.0.0.1", "c")));

        assertThat(tokens().findById(workspace, deleted.id())).isEmpty();
        assertThat(stored(live).lastUse()).isEqualTo(new TokenLastUse(at, "10.0.0.1", "c"));
    }

    @Test
    void recordUsageOfNothingDoesNothing() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);

        tokens().recordUsage(List.of());

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

        tokens().recordUsage(List.of(new TokenUsage(other, token.id(), T0.plusSeconds(1), "10.6.6.6", "intruder")));

        assertThat(stored(token).lastUse()).isNull();
    }

    @Test
    void updateCannotMoveATokenIntoAnotherWorkspace() {
        AccessToken token = aTokenOf(alice).build();
        tokens().add(token);
        WorkspaceId other = fixtures().workspace();
        AccessToken forged = aTokenOf(alice).inWorkspace(other).id(token.id().value())
                .revokedAt(T0.plusSeconds(1), admin).build();

        try {
            tokens().update(forged);
        } catch (RuntimeException refused) {
            // refusing is fine; what matters is what is stored afterwards
        }

        assertThat(tokens().findById(other, token.id())).isEmpty();
        assertSameState(stored(token), token);
    }

}
