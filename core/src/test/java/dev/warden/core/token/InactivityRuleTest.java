package dev.warden.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** "Unused for N days": last activity, due dates and the boundaries of the rule the policy's preview and run share. */
class InactivityRuleTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final int DAYS = 90;

    @Test
    void aTokenNeverUsedCountsFromItsCreationAndAUsedOneFromItsLastUse() {
        AccessToken neverUsed = token(NOW.minus(Duration.ofDays(100)), null).build();
        AccessToken used = token(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(10)))
                .build();

        assertThat(InactivityRule.lastActivity(neverUsed)).isEqualTo(NOW.minus(Duration.ofDays(100)));
        assertThat(InactivityRule.dueAt(neverUsed, DAYS)).isEqualTo(NOW.minus(Duration.ofDays(10)));
        assertThat(InactivityRule.isDue(neverUsed, DAYS, NOW)).isTrue();
        assertThat(InactivityRule.dueAt(used, DAYS)).isEqualTo(NOW.plus(Duration.ofDays(80)));
        assertThat(InactivityRule.isDue(used, DAYS, NOW))
                .as("old, but used recently")
                .isFalse();
    }

    @Test
    void exactlyNDaysIsNotYetUnusedForNDaysAndAMicrosecondMoreIs() {
        Instant exactly = NOW.minus(Duration.ofDays(DAYS));
        assertThat(InactivityRule.isDue(token(exactly, null).build(), DAYS, NOW))
                .isFalse();
        assertThat(InactivityRule.isDue(token(exactly.minusNanos(1_000), null).build(), DAYS, NOW))
                .isTrue();
        assertThat(InactivityRule.isDue(
                        token(NOW.minus(Duration.ofDays(500)), exactly).build(), DAYS, NOW))
                .as("last used exactly N days ago")
                .isFalse();
        assertThat(InactivityRule.isDue(
                        token(NOW.minus(Duration.ofDays(500)), exactly.minusSeconds(1))
                                .build(),
                        DAYS,
                        NOW))
                .isTrue();
    }

    @Test
    void onlyActiveTokensOfCoveredKindsAreRevoked() {
        Instant old = NOW.minus(Duration.ofDays(200));
        assertThat(InactivityRule.isDue(
                        token(old, null)
                                .revokedAt(NOW.minusSeconds(5), Tokens.OWNER)
                                .build(),
                        DAYS,
                        NOW))
                .as("revoked")
                .isFalse();
        assertThat(InactivityRule.isDue(token(old, null).expiringAt(NOW).build(), DAYS, NOW))
                .as("expired")
                .isFalse();
        assertThat(InactivityRule.isDue(token(old, null).ofOAuthSecret("s-1").build(), DAYS, NOW))
                .as("OAuth access tokens are short-lived")
                .isFalse();
        assertThat(InactivityRule.isDue(
                        token(old, null).kind(TokenKind.CANARY).withScopes().build(), DAYS, NOW))
                .as("a canary lies unused on purpose")
                .isFalse();
        for (TokenKind kind : TokenKind.values()) {
            assertThat(kind.revokedWhenUnused())
                    .as(kind.name() + ": a canary is meant to lie unused, and revoking it would disarm it")
                    .isEqualTo(kind != TokenKind.OAUTH && kind != TokenKind.CANARY);
        }
    }

    @Test
    void theRepositoryDefaultFindsWhatTheRuleHoldsForLeastRecentlyActiveFirst() {
        InMemoryTokenRepository tokens = new InMemoryTokenRepository();
        AccessToken oldest = token(NOW.minus(Duration.ofDays(300)), null).build();
        AccessToken lastUsedLongAgo = token(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(100)))
                .build();
        AccessToken recent = token(NOW.minus(Duration.ofDays(300)), NOW.minus(Duration.ofDays(1)))
                .build();
        AccessToken young = token(NOW.minus(Duration.ofDays(5)), null).build();
        AccessToken oauth = token(NOW.minus(Duration.ofDays(300)), null)
                .ofOAuthSecret("s-2")
                .build();
        for (AccessToken t : new AccessToken[] {oldest, lastUsedLongAgo, recent, young, oauth}) {
            tokens.add(t);
        }

        assertThat(tokens.idleBefore(Tokens.WORKSPACE, InactivityRule.cutoff(NOW, DAYS), NOW))
                .extracting(AccessToken::id)
                .containsExactly(oldest.id(), lastUsedLongAgo.id());
    }

    private static Tokens.Builder token(Instant created, Instant lastUsed) {
        Tokens.Builder b = Tokens.aToken().createdAt(created).neverExpiring();
        return lastUsed == null ? b : b.lastUse(new TokenLastUse(lastUsed, "10.0.0.1", "curl"));
    }
}
