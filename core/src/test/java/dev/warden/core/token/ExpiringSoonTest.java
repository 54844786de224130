package dev.warden.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.group.GroupId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The one definition of "expiring soon": the window, the tokens it covers, and the days left. */
class ExpiringSoonTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private final ExpiringSoon soon = new ExpiringSoon(30);

    @Nested
    class TheWindow {
        @Test
        void isTheLongestNoticeLeadTime() {
            assertThat(ExpiringSoon.forLongestLead(30).days()).isEqualTo(30);
            assertThat(ExpiringSoon.forLongestLead(14).days()).isEqualTo(14);
        }

        @Test
        void isSevenDaysWhenNoticesAreOff() {
            assertThat(ExpiringSoon.forLongestLead(0).days())
                    .isEqualTo(ExpiringSoon.WITHOUT_NOTICES)
                    .isEqualTo(7);
        }

        @Test
        void isAtLeastADay() {
            assertThatThrownBy(() -> new ExpiringSoon(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class WhichTokens {
        @Test
        void anActiveTokenExpiringWithinTheWindow() {
            assertThat(soon.covers(expiringAt(NOW.plus(Duration.ofDays(5))).build(), NOW))
                    .isTrue();
            assertThat(soon.covers(
                            expiringAt(NOW.plus(Duration.ofDays(30)).minusMillis(1))
                                    .build(),
                            NOW))
                    .isTrue();
        }

        @Test
        void notOneExpiringAtTheWindowsEndOrLaterOrNever() {
            assertThat(soon.covers(expiringAt(NOW.plus(Duration.ofDays(30))).build(), NOW))
                    .isFalse();
            assertThat(soon.covers(expiringAt(NOW.plus(Duration.ofDays(90))).build(), NOW))
                    .isFalse();
            assertThat(soon.covers(base().neverExpiring().build(), NOW)).isFalse();
        }

        @Test
        void onlyActiveTokens() {
            assertThat(soon.covers(
                            expiringAt(NOW.plus(Duration.ofDays(5)))
                                    .revokedAt(NOW.minusSeconds(60), Tokens.OWNER)
                                    .build(),
                            NOW))
                    .as("revoked")
                    .isFalse();
            assertThat(soon.covers(expiringAt(NOW).build(), NOW))
                    .as("expired now")
                    .isFalse();
        }

        @Test
        void neverAnOAuthAccessTokenWhichLivesAnHour() {
            AccessToken oauth = expiringAt(NOW.plus(Duration.ofMinutes(30)))
                    .ofOAuthSecret("s1")
                    .build();
            assertThat(ExpiringSoon.counts(TokenKind.OAUTH)).isFalse();
            assertThat(soon.covers(oauth, NOW)).isFalse();
        }

        @Test
        void neverACanaryWhichNobodyUses() {
            AccessToken canary = expiringAt(NOW.plus(Duration.ofDays(2)))
                    .kind(TokenKind.CANARY)
                    .withScopes()
                    .build();
            assertThat(soon.covers(canary, NOW)).isFalse();
        }

        @Test
        void everyOtherKindCounts() {
            assertThat(java.util.Arrays.stream(TokenKind.values()).filter(ExpiringSoon::counts))
                    .containsExactlyInAnyOrder(
                            TokenKind.PERSONAL, TokenKind.ON_BEHALF_OF, TokenKind.ORGANISATION, TokenKind.GROUP);
            for (TokenKind kind : TokenKind.values()) {
                if (ExpiringSoon.counts(kind)) {
                    Tokens.Builder token = expiringAt(NOW.plus(Duration.ofDays(2)));
                    token = kind == TokenKind.GROUP ? token.ofGroup(new GroupId(7)) : token.kind(kind);
                    assertThat(soon.covers(token.build(), NOW)).as(kind.name()).isTrue();
                }
            }
        }
    }

    @Test
    void daysLeftAreRoundedUp() {
        assertThat(ExpiringSoon.daysLeft(
                        expiringAt(NOW.plus(Duration.ofDays(5))).build(), NOW))
                .isEqualTo(5);
        assertThat(ExpiringSoon.daysLeft(
                        expiringAt(NOW.plus(Duration.ofDays(4).plusHours(2))).build(), NOW))
                .isEqualTo(5);
        assertThat(ExpiringSoon.daysLeft(expiringAt(NOW.plusSeconds(1)).build(), NOW))
                .isEqualTo(1);
        assertThat(ExpiringSoon.daysLeft(expiringAt(NOW).build(), NOW)).isZero();
    }

    @Test
    void theFilterNarrowsToActiveLongLivedTokensWithinTheWindowOrTheShorterAskedFor() {
        TokenFilter narrowed = TokenFilter.all(NOW).expiringSoon(soon);
        assertThat(narrowed.status()).isEqualTo(TokenStatus.ACTIVE);
        assertThat(narrowed.expiringSoonKindsOnly()).isTrue();
        assertThat(narrowed.expiringBefore()).isEqualTo(NOW.plus(Duration.ofDays(30)));

        TokenFilter tenDays =
                new TokenFilter(null, null, null, null, null, NOW.plus(Duration.ofDays(10)), null, false, NOW);
        assertThat(tenDays.expiringSoon(soon).expiringBefore()).isEqualTo(NOW.plus(Duration.ofDays(10)));
        TokenFilter ninetyDays =
                new TokenFilter(null, null, null, null, null, NOW.plus(Duration.ofDays(90)), null, false, NOW);
        assertThat(ninetyDays.expiringSoon(soon).expiringBefore()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    }

    private static Tokens.Builder base() {
        return Tokens.aToken().createdAt(NOW.minus(Duration.ofDays(60)));
    }

    private static Tokens.Builder expiringAt(Instant at) {
        return base().expiringAt(at);
    }
}
