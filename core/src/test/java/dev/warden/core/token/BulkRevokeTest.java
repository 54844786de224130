package dev.warden.core.token;

import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static dev.warden.core.testkit.CoreTestKit.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.TokenManagementService.BulkRevocation;
import dev.warden.core.token.TokenManagementService.BulkRevokePreview;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BulkRevokeTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final TokenManagementService service = kit.tokenManagement;
    private final Actor admin = kit.asAdmin();
    private final Principal alice = kit.user("alice", BuiltInRole.USER);
    private final Principal bob = kit.user("bob", BuiltInRole.USER);
    private final Instant now = kit.clock.instant();

    private final AccessToken aliceScim = scimToken(alice);
    private final AccessToken aliceScimToo = scimToken(alice);
    private final AccessToken bobScim = scimToken(bob);
    private final AccessToken bobOther = store(Tokens.aToken()
            .inWorkspace(WORKSPACE)
            .ownedBy(bob.id())
            .createdAt(now.minus(Duration.ofDays(1)))
            .withScopes(new Scope("tokens:read")));
    private final AccessToken aliceRevokedScim = store(Tokens.aToken()
            .inWorkspace(WORKSPACE)
            .ownedBy(alice.id())
            .createdAt(now.minus(Duration.ofDays(2)))
            .withScopes(new Scope("scim:read"))
            .revokedAt(now.minus(Duration.ofDays(1)), alice.id()));
    private final AccessToken bobExpiredScim = store(Tokens.aToken()
            .inWorkspace(WORKSPACE)
            .ownedBy(bob.id())
            .createdAt(now.minus(Duration.ofDays(40)))
            .expiringIn(Duration.ofDays(30))
            .withScopes(new Scope("scim:read")));

    private AccessToken scimToken(Principal owner) {
        return store(Tokens.aToken()
                .inWorkspace(WORKSPACE)
                .ownedBy(owner.id())
                .createdAt(now.minus(Duration.ofDays(1)))
                .withScopes(new Scope("scim:read")));
    }

    private AccessToken store(Tokens.Builder builder) {
        return kit.store(builder);
    }

    private TokenFilter scope(String key) {
        return new TokenFilter(null, null, null, null, key, null, null, false, now);
    }

    private TokenStatus statusOf(AccessToken token) {
        return kit.tokens.findById(WORKSPACE, token.id()).orElseThrow().statusAt(kit.clock.instant());
    }

    @Test
    void thePreviewCountsTheTokensThatWorkAndTheirOwners() {
        assertThat(service.previewBulkRevoke(admin, scope("scim:read"))).isEqualTo(new BulkRevokePreview(3, 2, false));
        assertThat(service.previewBulkRevoke(admin, TokenFilter.all(now)))
                .isEqualTo(new BulkRevokePreview(4, 2, false));
    }

    @Test
    void aFilterForRevokedOrExpiredTokensMatchesNothingToRevoke() {
        TokenFilter revoked = new TokenFilter(null, null, TokenStatus.REVOKED, null, null, null, null, false, now);

        assertThat(service.previewBulkRevoke(admin, revoked)).isEqualTo(new BulkRevokePreview(0, 0, false));
        assertThat(service.bulkRevoke(admin, revoked, "cleanup").tokenIds()).isEmpty();
        assertThat(kit.audit.eventsWith(AuditAction.TOKENS_BULK_REVOKED)).isEmpty();
    }

    @Test
    void revokesExactlyTheMatchingTokensThatWork() {
        BulkRevocation done = service.bulkRevoke(admin, scope("scim:read"), "scim key leaked in a CI log");

        assertThat(done.tokenIds())
                .containsExactlyInAnyOrder(
                        aliceScim.id().value(),
                        aliceScimToo.id().value(),
                        bobScim.id().value());
        assertThat(done.owners()).isEqualTo(2);
        assertThat(List.of(aliceScim, aliceScimToo, bobScim)).allMatch(t -> statusOf(t) == TokenStatus.REVOKED);
        assertThat(statusOf(bobOther)).isEqualTo(TokenStatus.ACTIVE);
        assertThat(statusOf(bobExpiredScim)).isEqualTo(TokenStatus.EXPIRED);
        AccessToken stillRevoked =
                kit.tokens.findById(WORKSPACE, aliceRevokedScim.id()).orElseThrow();
        assertThat(stillRevoked.revokedAt()).isEqualTo(now.minus(Duration.ofDays(1)));
        assertThat(kit.tokens.findById(WORKSPACE, bobScim.id()).orElseThrow().revokedBy())
                .isEqualTo(kit.admin.id());
    }

    @Test
    void oneAuditRecordListsTheTokensAndTheReason() {
        BulkRevocation done = service.bulkRevoke(admin, scope("scim:read"), "  scim key leaked  ");

        List<AuditEvent> events = kit.audit.events();
        assertThat(events).hasSize(1);
        AuditEvent event = events.get(0);
        assertThat(event.action()).isEqualTo(AuditAction.TOKENS_BULK_REVOKED);
        assertThat(event.targetType()).isEqualTo("token");
        assertThat(event.subjects()).containsExactlyInAnyOrderElementsOf(done.tokenIds());
        assertThat(event.details())
                .containsEntry("reason", "scim key leaked")
                .containsEntry("tokens", "3")
                .containsEntry("owners", "2")
                .containsEntry("filter", "scope=scim:read");
        assertThat(kit.audit.history(WORKSPACE, "token", bobScim.id().value(), 10))
                .containsExactly(event);
        assertThat(kit.audit.history(WORKSPACE, "token", bobOther.id().value(), 10))
                .isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void aReasonIsRequiredAndNothingChangesWithoutOne(String reason) {
        Map<String, Object> before = kit.state();

        InvalidParameterException refused = catchThrowableOfType(
                InvalidParameterException.class, () -> service.bulkRevoke(admin, scope("scim:read"), reason));

        assertThat(refused.field()).isEqualTo("reason");
        assertThat(kit.state()).isEqualTo(before);
    }

    @Test
    void aReasonHasALimit() {
        assertThat(catchThrowableOfType(
                                InvalidParameterException.class,
                                () -> service.bulkRevoke(
                                        admin, scope("scim:read"), "x".repeat(TokenManagementService.MAX_REASON + 1)))
                        .field())
                .isEqualTo("reason");
        assertThat(service.bulkRevoke(admin, scope("scim:read"), "x".repeat(TokenManagementService.MAX_REASON))
                        .tokenIds())
                .hasSize(3);
    }

    @Test
    void onlyTokenManagementWriteMayPreviewOrRevoke() {
        Principal auditor = kit.user("auditor", BuiltInRole.AUDITOR);
        Map<String, Object> before = kit.state();

        assertThat(catchThrowableOfType(
                        PermissionDeniedException.class,
                        () -> service.previewBulkRevoke(as(auditor), TokenFilter.all(now))))
                .isNotNull();
        assertThat(catchThrowableOfType(
                        PermissionDeniedException.class,
                        () -> service.bulkRevoke(as(alice), TokenFilter.all(now), "mine")))
                .isNotNull();
        assertThat(kit.state()).isEqualTo(before);
    }

    /** The one test that needs more than {@link TokenManagementService#MAX_BULK} tokens; the others use six. */
    @Test
    void moreThanTheLimitIsPreviewedAsSuchAndRefusedWithoutChange() {
        for (int i = 0; i < TokenManagementService.MAX_BULK; i++) {
            scimToken(i % 2 == 0 ? alice : bob);
        }

        BulkRevokePreview preview = service.previewBulkRevoke(admin, scope("scim:read"));
        assertThat(preview.more()).isTrue();
        assertThat(preview.tokens()).isEqualTo(TokenManagementService.MAX_BULK);

        InvalidParameterException refused = catchThrowableOfType(
                InvalidParameterException.class, () -> service.bulkRevoke(admin, scope("scim:read"), "too many"));
        assertThat(refused.getMessage()).contains("narrow the filter");
        assertThat(statusOf(aliceScim)).isEqualTo(TokenStatus.ACTIVE);
        assertThat(kit.audit.events()).isEmpty();
    }
}
