package dev.warden.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.DenialReason;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenRefusal;
import dev.warden.core.token.TokenRefusalRepository;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.Tokens;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.Transactional;

/**
 * What every {@link TokenRefusalRepository} must do (issue 16): the JDBC adapter on H2 and MariaDB, and core's fake.
 * {@code @Transactional} as in {@link TokenRepositoryContract}.
 */
@Transactional
public abstract class TokenRefusalRepositoryContract {
    /** Odd microseconds, which the schema keeps. */
    protected static final Instant T0 = Instant.parse("2026-03-29T01:30:00.123456Z");

    protected WorkspaceId workspace;
    protected PrincipalId alice;
    protected AccessToken token;
    protected AccessToken other;

    protected abstract TokenRepository tokens();

    protected abstract TokenRefusalRepository refusals();

    protected abstract Fixtures fixtures();

    @BeforeEach
    void givenTwoTokens() {
        workspace = fixtures().workspace();
        alice = fixtures().user(workspace, "alice");
        token = Tokens.aToken()
                .inWorkspace(workspace)
                .ownedBy(alice)
                .createdBy(alice)
                .createdAt(T0)
                .build();
        other = Tokens.aToken()
                .inWorkspace(workspace)
                .ownedBy(alice)
                .createdBy(alice)
                .createdAt(T0)
                .build();
        tokens().add(token);
        tokens().add(other);
    }

    protected TokenRefusal refusal(AccessToken of, int second, String path) {
        return new TokenRefusal(
                of.workspace(),
                of.id(),
                T0.plusSeconds(second),
                "POST",
                path,
                DenialReason.SCOPE_MISSING,
                "192.0.2.7",
                "curl/8.5");
    }

    @Test
    void aRefusalRoundTripsEveryField() {
        TokenRefusal refusal = refusal(token, 0, "/api/2.0/token/create");

        refusals().record(List.of(refusal), 20);

        assertThat(refusals().recent(workspace, token.id(), 20)).containsExactly(refusal);
    }

    @Test
    void emptyFieldsRoundTrip() {
        TokenRefusal refusal =
                new TokenRefusal(workspace, token.id(), T0, "GET", "/", DenialReason.TOKEN_REVOKED, null, null);

        refusals().record(List.of(refusal), 20);

        assertThat(refusals().recent(workspace, token.id(), 20)).containsExactly(refusal);
    }

    @Test
    void newestFirstAndForEqualTimesTheOneStoredLaterFirst() {
        refusals().record(List.of(refusal(token, 5, "/b"), refusal(token, 1, "/a")), 20);
        refusals().record(List.of(refusal(token, 5, "/c"), refusal(token, 9, "/d")), 20);

        assertThat(refusals().recent(workspace, token.id(), 20))
                .extracting(TokenRefusal::path)
                .containsExactly("/d", "/c", "/b", "/a");
        assertThat(refusals().recent(workspace, token.id(), 2))
                .extracting(TokenRefusal::path)
                .containsExactly("/d", "/c");
    }

    @Test
    void eachWriteKeepsOnlyTheNewestOfEachTokenItNamed() {
        refusals()
                .record(
                        IntStream.range(0, 15)
                                .mapToObj(i -> refusal(token, i, "/t" + i))
                                .toList(),
                        20);
        refusals()
                .record(
                        IntStream.range(0, 3)
                                .mapToObj(i -> refusal(other, i, "/o" + i))
                                .toList(),
                        20);
        refusals()
                .record(
                        IntStream.range(15, 27)
                                .mapToObj(i -> refusal(token, i, "/t" + i))
                                .toList(),
                        20);

        List<TokenRefusal> kept = refusals().recent(workspace, token.id(), 100);
        assertThat(kept).hasSize(20);
        assertThat(kept.get(0).path()).isEqualTo("/t26");
        assertThat(kept.get(19).path()).isEqualTo("/t7");
        assertThat(refusals().recent(workspace, other.id(), 100)).hasSize(3);
    }

    @Test
    void aRefusalOfATokenThatNoLongerExistsIsDroppedWithoutLosingTheRest() {
        TokenRefusal ghost = new TokenRefusal(
                workspace,
                new TokenId("gone-" + T0.getEpochSecond()),
                T0,
                "GET",
                "/x",
                DenialReason.TOKEN_REVOKED,
                null,
                null);

        refusals().record(List.of(ghost, refusal(token, 0, "/kept")), 20);

        assertThat(refusals().recent(workspace, ghost.token(), 20)).isEmpty();
        assertThat(refusals().recent(workspace, token.id(), 20))
                .extracting(TokenRefusal::path)
                .containsExactly("/kept");
    }

    @Test
    void anotherWorkspaceSeesNothing() {
        refusals().record(List.of(refusal(token, 0, "/a")), 20);
        WorkspaceId elsewhere = fixtures().workspace();

        assertThat(refusals().recent(elsewhere, token.id(), 20)).isEmpty();
    }

    @Test
    void theLongestValuesAreStored() {
        TokenRefusal longest = new TokenRefusal(
                workspace,
                token.id(),
                T0,
                "M".repeat(16),
                "/" + "p".repeat(600),
                DenialReason.NO_TOKEN_USAGE_PERMISSION,
                "a".repeat(64),
                "ü".repeat(300));

        refusals().record(List.of(longest), 20);

        assertThat(refusals().recent(workspace, token.id(), 20)).containsExactly(longest);
    }
}
