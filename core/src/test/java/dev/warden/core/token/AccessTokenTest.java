package dev.warden.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.permission.Scope;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.InvalidStateException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AccessTokenTest {
    private static final PrincipalId ALICE = new PrincipalId(10);
    private static final PrincipalId ADMIN = new PrincipalId(1);

    private final Instant created = Instant.parse("2025-01-01T00:00:00Z");
    private final Instant expiry = created.plus(Duration.ofDays(30));
    private final Instant during = created.plus(Duration.ofDays(10));

    @Nested
    class WhenActive {
        private final AccessToken token = Tokens.aToken()
                .ownedBy(ALICE)
                .createdAt(created)
                .expiringAt(expiry)
                .build();

        @Test
        void isActiveFromCreationUntilJustBeforeExpiry() {
            assertThat(token.statusAt(created)).isEqualTo(TokenStatus.ACTIVE);
            assertThat(token.statusAt(during)).isEqualTo(TokenStatus.ACTIVE);
            assertThat(token.statusAt(expiry.minusNanos(1))).isEqualTo(TokenStatus.ACTIVE);
            assertThat(token.isRevoked()).isFalse();
        }

        @Test
        void revokingRecordsWhenAndByWhom() {
            token.revoke(ADMIN, RevocationAuthority.ADMIN, during);

            assertThat(token.statusAt(during)).isEqualTo(TokenStatus.REVOKED);
            assertThat(token.isRevoked()).isTrue();
            assertThat(token.revokedAt()).isEqualTo(during);
            assertThat(token.revokedBy()).isEqualTo(ADMIN);
        }

        @Test
        void restoringIsRejectedBecauseThereIsNothingToRestore() {
            assertThatThrownBy(() -> token.restore(RevocationAuthority.ADMIN, during))
                    .isInstanceOf(InvalidStateException.class)
                    .hasMessageContaining("not revoked");
            assertThat(token.statusAt(during)).isEqualTo(TokenStatus.ACTIVE);
        }
    }

    @Nested
    class WhenRevoked {
        private final Instant revokedAt = created.plus(Duration.ofDays(1));
        private final AccessToken token = Tokens.aToken()
                .ownedBy(ALICE)
                .createdAt(created)
                .expiringAt(expiry)
                .revokedAt(revokedAt, ALICE)
                .build();

        @Test
        void isRevoked() {
            assertThat(token.statusAt(during)).isEqualTo(TokenStatus.REVOKED);
        }

        @Test
        void reportsRevokedRatherThanExpiredOnceItIsAlsoPastItsExpiry() {
            assertThat(token.statusAt(expiry.plusSeconds(1))).isEqualTo(TokenStatus.REVOKED);
        }

        @Test
        void revokingAgainWithNoHigherAuthorityChangesNothing() {
            assertThat(token.revoke(ADMIN, RevocationAuthority.OWNER, during)).isFalse();
            assertThat(token.revoke(ADMIN, RevocationAuthority.ADMIN, during)).isFalse();
            assertThat(token.revokedAt()).isEqualTo(revokedAt);
            assertThat(token.revokedBy()).isEqualTo(ALICE);
        }

        @Test
        void revokingAgainWithAHigherAuthorityTakesTheRevocationOverButKeepsItsTime() {
            assertThat(token.revoke(ADMIN, RevocationAuthority.INCIDENT, during))
                    .isTrue();
            assertThat(token.revokedAt()).isEqualTo(revokedAt);
            assertThat(token.revokedBy()).isEqualTo(ADMIN);
            assertThat(token.revocationAuthority()).isEqualTo(RevocationAuthority.INCIDENT);
        }

        @Test
        void restoringNeedsAtLeastTheAuthorityThatRevoked() {
            assertThatThrownBy(() -> token.restore(RevocationAuthority.OWNER, during))
                    .isInstanceOf(dev.warden.core.shared.PermissionDeniedException.class)
                    .hasMessageContaining("authority ADMIN");
            assertThat(token.isRevoked()).isTrue();
            token.restore(RevocationAuthority.INCIDENT, during);
            assertThat(token.isRevoked()).isFalse();
            assertThat(token.revocationAuthority()).isNull();
        }

        @Test
        void restoringMakesItActiveAndClearsTheRevocation() {
            token.restore(RevocationAuthority.ADMIN, during);

            assertThat(token.statusAt(during)).isEqualTo(TokenStatus.ACTIVE);
            assertThat(token.isRevoked()).isFalse();
            assertThat(token.revokedAt()).isNull();
            assertThat(token.revokedBy()).isNull();
        }

        @Test
        void restoringAfterItHasMeanwhileExpiredIsRejected() {
            assertThatThrownBy(() -> token.restore(RevocationAuthority.ADMIN, expiry))
                    .isInstanceOf(InvalidStateException.class)
                    .hasMessageContaining("expired")
                    .hasMessageContaining("Create a new token");
            assertThat(token.statusAt(expiry)).isEqualTo(TokenStatus.REVOKED);
            assertThat(token.revokedAt()).isEqualTo(revokedAt);
        }

        @Test
        void canBeRevokedAgainAfterARestore() {
            token.restore(RevocationAuthority.ADMIN, during);
            token.revoke(ADMIN, RevocationAuthority.ADMIN, during.plusSeconds(1));

            assertThat(token.revokedBy()).isEqualTo(ADMIN);
            assertThat(token.revokedAt()).isEqualTo(during.plusSeconds(1));
        }
    }

    @Nested
    class WhenExpired {
        private final AccessToken token = Tokens.aToken()
                .ownedBy(ALICE)
                .createdAt(created)
                .expiringAt(expiry)
                .build();

        @Test
        void isExpiredFromExactlyItsExpiryOn() {
            assertThat(token.statusAt(expiry)).isEqualTo(TokenStatus.EXPIRED);
            assertThat(token.isExpiredAt(expiry)).isTrue();
            assertThat(token.statusAt(expiry.plus(Duration.ofDays(365)))).isEqualTo(TokenStatus.EXPIRED);
        }

        @Test
        void canStillBeRevokedAndThenReportsRevoked() {
            token.revoke(ADMIN, RevocationAuthority.ADMIN, expiry.plusSeconds(1));

            assertThat(token.statusAt(expiry.plusSeconds(1))).isEqualTo(TokenStatus.REVOKED);
        }

        @Test
        void revokedThenRestoredStaysExpiredForever() {
            token.revoke(ADMIN, RevocationAuthority.ADMIN, expiry.plusSeconds(1));

            assertThatThrownBy(() -> token.restore(RevocationAuthority.ADMIN, expiry.plusSeconds(2)))
                    .isInstanceOf(InvalidStateException.class);
        }
    }

    @Nested
    class WhenItNeverExpires {
        private final AccessToken token =
                Tokens.aToken().createdAt(created).neverExpiring().build();

        @Test
        void staysActiveForever() {
            assertThat(token.expiresAt()).isNull();
            assertThat(token.isExpiredAt(Instant.parse("9999-12-31T23:59:59Z"))).isFalse();
            assertThat(token.statusAt(Instant.parse("9999-12-31T23:59:59Z"))).isEqualTo(TokenStatus.ACTIVE);
        }

        @Test
        void canBeRestoredAnyTimeLater() {
            token.revoke(ADMIN, RevocationAuthority.ADMIN, during);
            token.restore(RevocationAuthority.ADMIN, Instant.parse("2100-01-01T00:00:00Z"));

            assertThat(token.statusAt(Instant.parse("2100-01-01T00:00:00Z"))).isEqualTo(TokenStatus.ACTIVE);
        }
    }

    @Test
    void holdsAtLeastOneScope() {
        assertThatThrownBy(() -> AccessToken.builder()
                        .id(new TokenId("t-1"))
                        .workspace(Tokens.WORKSPACE)
                        .owner(ALICE)
                        .createdBy(ALICE)
                        .digest(TokenDigest.of(Tokens.aValue()))
                        .displayHint("wdn_…abcd")
                        .scopes(Set.of())
                        .createdAt(created)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scope");
    }

    @Test
    void showsItsHintButNotItsDigestWhenPrinted() {
        AccessToken token = Tokens.aToken().build();

        assertThat(token.toString())
                .contains(token.displayHint())
                .doesNotContain(token.digest().hex());
    }

    @Nested
    class Rotation {
        private final String oldValue = Tokens.aValue();
        private final String newValue = Tokens.aValue();
        private final TokenDigest oldDigest = TokenDigest.of(oldValue);
        private final TokenDigest newDigest = TokenDigest.of(newValue);
        private final String newHint = new TokenSecret(newValue).displayHint(Tokens.FORMAT.prefix());
        private final AccessToken token = Tokens.aToken()
                .ownedBy(ALICE)
                .createdBy(ADMIN)
                .kind(TokenKind.ON_BEHALF_OF)
                .withValue(oldValue)
                .withScopes(Scope.ALL_APIS)
                .createdAt(created)
                .expiringAt(expiry)
                .build();

        @Test
        void replacesTheDigestAndHintAndKeepsIdScopesOwnerCreatorAndKind() {
            TokenId id = token.id();
            Set<Scope> scopes = token.scopes();
            String oldHint = token.displayHint();

            token.rotate(newDigest, newHint, during, Duration.ZERO);

            assertThat(token.digest()).isEqualTo(newDigest);
            assertThat(token.displayHint()).isEqualTo(newHint).isNotEqualTo(oldHint);
            assertThat(token.id()).isEqualTo(id);
            assertThat(token.scopes()).isEqualTo(scopes);
            assertThat(token.owner()).isEqualTo(ALICE);
            assertThat(token.createdBy()).isEqualTo(ADMIN);
            assertThat(token.kind()).isEqualTo(TokenKind.ON_BEHALF_OF);
            assertThat(token.createdAt()).isEqualTo(created);
            assertThat(token.expiresAt()).isEqualTo(expiry);
            assertThat(token.rotatedAt()).isEqualTo(during);
            assertThat(token.statusAt(during)).isEqualTo(TokenStatus.ACTIVE);
        }

        @Test
        void withoutGraceThePreviousSecretIsNotAcceptedAtAll() {
            token.rotate(newDigest, newHint, during, Duration.ZERO);

            assertThat(token.acceptsPrevious(oldDigest, during)).isFalse();
            assertThat(token.previousDigest()).isNull();
            assertThat(token.previousValidUntil()).isNull();
        }

        @Test
        void withGraceThePreviousSecretIsAcceptedUntilNowPlusGraceAndNotFromThenOn() {
            Duration grace = Duration.ofHours(6);

            token.rotate(newDigest, newHint, during, grace);

            Instant until = during.plus(grace);
            assertThat(token.previousDigest()).isEqualTo(oldDigest);
            assertThat(token.previousValidUntil()).isEqualTo(until);
            assertThat(token.acceptsPrevious(oldDigest, during)).isTrue();
            assertThat(token.acceptsPrevious(oldDigest, until.minusNanos(1))).isTrue();
            assertThat(token.acceptsPrevious(oldDigest, until)).isFalse();
            assertThat(token.acceptsPrevious(oldDigest, until.plusSeconds(1))).isFalse();
        }

        @Test
        void theGraceAcceptsOnlyThePreviousSecretNotAnyOther() {
            token.rotate(newDigest, newHint, during, Duration.ofHours(6));

            assertThat(token.acceptsPrevious(TokenDigest.of(Tokens.aValue()), during))
                    .isFalse();
            assertThat(token.acceptsPrevious(newDigest, during)).isFalse();
        }

        @Test
        void theGraceEndsNoLaterThanTheExpiry() {
            Instant nearExpiry = expiry.minus(Duration.ofHours(1));

            token.rotate(newDigest, newHint, nearExpiry, Duration.ofDays(7));

            assertThat(token.previousValidUntil()).isEqualTo(expiry);
            assertThat(token.acceptsPrevious(oldDigest, expiry.minusNanos(1))).isTrue();
            assertThat(token.acceptsPrevious(oldDigest, expiry)).isFalse();
        }

        @Test
        void aSecondRotationReplacesThePreviousSecret() {
            token.rotate(newDigest, newHint, during, Duration.ofHours(6));
            String thirdValue = Tokens.aValue();

            token.rotate(TokenDigest.of(thirdValue), "hint", during.plusSeconds(60), Duration.ofHours(6));

            assertThat(token.acceptsPrevious(newDigest, during.plusSeconds(61))).isTrue();
            assertThat(token.acceptsPrevious(oldDigest, during.plusSeconds(61))).isFalse();
        }

        @Test
        void rotatingARevokedTokenIsRejectedAndChangesNothing() {
            token.revoke(ADMIN, RevocationAuthority.ADMIN, during);

            assertThatThrownBy(() -> token.rotate(newDigest, newHint, during.plusSeconds(1), Duration.ZERO))
                    .isInstanceOf(InvalidStateException.class)
                    .hasMessageContaining("revoked");
            assertThat(token.digest()).isEqualTo(oldDigest);
            assertThat(token.rotatedAt()).isNull();
        }

        @Test
        void rotatingAnExpiredTokenIsRejectedAndChangesNothing() {
            assertThatThrownBy(() -> token.rotate(newDigest, newHint, expiry, Duration.ofHours(1)))
                    .isInstanceOf(InvalidStateException.class)
                    .hasMessageContaining("expired");
            assertThat(token.digest()).isEqualTo(oldDigest);
            assertThat(token.previousDigest()).isNull();
        }
    }
}
