package dev.warden.core.token;

import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.testkit.CoreTestKit;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An owner rotating its own token ({@code POST /api/2.0/token/rotate}, the console's Rotate on one's own tokens),
 * through the real token access policy: the owner's capacity reaches its own tokens only, needs {@code tokens:write},
 * and the console's {@code allows} offers Rotate exactly where the rotation would work. Each refusal leaves the token
 * and the audit log as they were.
 */
class OwnRotationTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final TokenService tokens = kit.tokenService;
    private final Principal alice = kit.allowTokens(kit.user("alice", BuiltInRole.USER));
    private final Principal bob = kit.allowTokens(kit.user("bob", BuiltInRole.USER));

    private AccessToken stored(AccessToken token) {
        return kit.tokens.findById(WORKSPACE, token.id()).orElseThrow();
    }

    /** The token's secret and the whole fake state, to compare after a refusal. */
    private Map<String, Object> snapshot(AccessToken token) {
        Map<String, Object> state = kit.state();
        state.put("digest", stored(token).digest());
        state.put("previous", String.valueOf(stored(token).previousDigest()));
        return state;
    }

    @Test
    void theOwnerGetsANewSecretForItsOwnTokenAndTheRotationIsAuditedAsTheOwners() {
        AccessToken token = kit.activeToken(alice);

        IssuedToken rotated = tokens.rotateOwn(as(alice), token.id(), Duration.ofHours(1));

        assertThat(rotated.token().id()).isEqualTo(token.id());
        assertThat(stored(token).digest())
                .isEqualTo(TokenDigest.of(rotated.secret().reveal()))
                .isNotEqualTo(token.digest());
        assertThat(stored(token).previousDigest()).isEqualTo(token.digest());
        assertThat(stored(token).previousValidUntil())
                .isEqualTo(kit.clock.instant().plus(Duration.ofHours(1)));
        assertThat(kit.audit.eventsWith(AuditAction.TOKEN_ROTATED))
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.actorId()).isEqualTo(alice.id());
                    assertThat(event.targetId()).isEqualTo(token.id().value());
                    assertThat(event.details()).containsEntry("grace_seconds", "3600");
                });
    }

    @Test
    void someoneElsesTokenIsUnknownToItsOwnTokensAndNothingChanges() {
        AccessToken bobs = kit.activeToken(bob);
        Map<String, Object> before = snapshot(bobs);

        Throwable refused = catchThrowable(() -> tokens.rotateOwn(as(alice), bobs.id(), Duration.ZERO));

        assertThat(refused).isInstanceOf(TokenNotFoundException.class);
        assertThat(snapshot(bobs)).isEqualTo(before);
        assertThat(tokens.allows(as(alice), TokenAction.ROTATE, bobs, TokenTarget.own(bobs.id())))
                .isFalse();
    }

    @Test
    void evenAWorkspaceAdminReachesOnlyItsOwnTokensThisWay() {
        AccessToken bobs = kit.activeToken(bob);
        Map<String, Object> before = snapshot(bobs);

        Throwable refused = catchThrowable(() -> tokens.rotateOwn(kit.asAdmin(), bobs.id(), Duration.ZERO));

        assertThat(refused).isInstanceOf(TokenNotFoundException.class);
        assertThat(snapshot(bobs)).isEqualTo(before);
    }

    @Test
    void anOwnerWithoutTokensWriteIsRefusedNamingThePermission() {
        Principal reader = kit.allowTokens(kit.user("reader"));
        Role readOnly =
                kit.directory.roles.save(Role.custom(WORKSPACE, "read-only", "", Set.of(Permission.TOKENS_READ)));
        kit.directory.assignments.add(RoleAssignment.toPrincipal(WORKSPACE, readOnly.id(), reader.id(), null));
        AccessToken token = kit.activeToken(reader);
        Map<String, Object> before = snapshot(token);

        PermissionDeniedException refused = catchThrowableOfType(
                PermissionDeniedException.class, () -> tokens.rotateOwn(as(reader), token.id(), Duration.ZERO));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("tokens:write");
        assertThat(snapshot(token)).isEqualTo(before);
        assertThat(tokens.allows(as(reader), TokenAction.ROTATE, token, TokenTarget.own(token.id())))
                .isFalse();
    }

    @Test
    void anOwnerWhoMayNotUseTokensGetsNoNewSecretAsForANewToken() {
        Principal carol = kit.user("carol", BuiltInRole.USER);
        AccessToken token = kit.activeToken(carol);
        Map<String, Object> before = snapshot(token);

        AccessRefusedException refused = catchThrowableOfType(
                AccessRefusedException.class, () -> tokens.rotateOwn(as(carol), token.id(), Duration.ZERO));

        assertThat(refused).isNotNull();
        assertThat(refused.reason()).isEqualTo(DenialReason.NO_TOKEN_USAGE_PERMISSION);
        assertThat(snapshot(token)).isEqualTo(before);
        assertThat(tokens.allows(as(carol), TokenAction.ROTATE, token, TokenTarget.own(token.id())))
                .isFalse();
    }

    @Test
    void theGraceIsBoundedToSevenDaysAndABadOneChangesNothing() {
        AccessToken token = kit.activeToken(alice);
        Map<String, Object> before = snapshot(token);

        InvalidParameterException tooLong = catchThrowableOfType(
                InvalidParameterException.class,
                () -> tokens.rotateOwn(as(alice), token.id(), TokenService.MAX_ROTATION_GRACE.plusSeconds(1)));
        InvalidParameterException negative = catchThrowableOfType(
                InvalidParameterException.class, () -> tokens.rotateOwn(as(alice), token.id(), Duration.ofSeconds(-1)));

        assertThat(tooLong.field()).isEqualTo("grace_period_seconds");
        assertThat(negative.field()).isEqualTo("grace_period_seconds");
        assertThat(snapshot(token)).isEqualTo(before);
    }

    @Test
    void theOldSecretNeverOutlivesTheTokensExpiry() {
        AccessToken token = kit.store(Tokens.aToken()
                .ownedBy(alice.id())
                .createdAt(kit.clock.instant().minus(Duration.ofDays(1)))
                .expiringAt(kit.clock.instant().plus(Duration.ofHours(2))));

        tokens.rotateOwn(as(alice), token.id(), TokenService.MAX_ROTATION_GRACE);

        assertThat(stored(token).previousValidUntil()).isEqualTo(token.expiresAt());
    }

    @Test
    void rotateIsOfferedForTheOwnersActiveTokensOnly() {
        AccessToken active = kit.activeToken(alice);
        AccessToken revoked = kit.revokedToken(alice);
        AccessToken expired = kit.expiredToken(alice);
        AccessToken oauth = kit.store(Tokens.aToken()
                .ownedBy(alice.id())
                .createdAt(kit.clock.instant())
                .expiringIn(Duration.ofHours(1))
                .ofOAuthSecret("secret-1"));

        assertThat(tokens.allows(as(alice), TokenAction.ROTATE, active, TokenTarget.own(active.id())))
                .isTrue();
        assertThat(tokens.allows(as(alice), TokenAction.ROTATE, revoked, TokenTarget.own(revoked.id())))
                .isFalse();
        assertThat(tokens.allows(as(alice), TokenAction.ROTATE, expired, TokenTarget.own(expired.id())))
                .isFalse();
        assertThat(tokens.allows(as(alice), TokenAction.ROTATE, oauth, TokenTarget.own(oauth.id())))
                .isFalse();
    }

    @Test
    void anOAuthAccessTokenIsNotRotatedItsClientAsksTheTokenEndpoint() {
        AccessToken oauth = kit.store(Tokens.aToken()
                .ownedBy(alice.id())
                .createdAt(kit.clock.instant())
                .expiringIn(Duration.ofHours(1))
                .ofOAuthSecret("secret-1"));
        Map<String, Object> before = snapshot(oauth);

        Throwable refused = catchThrowable(() -> tokens.rotateOwn(as(alice), oauth.id(), Duration.ZERO));

        assertThat(refused).isInstanceOf(InvalidStateException.class).hasMessageContaining("/oidc/v1/token");
        assertThat(snapshot(oauth)).isEqualTo(before);
    }
}
