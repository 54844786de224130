package dev.warden.core.token;

import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.LeakReports.Leak;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CanaryTokenTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final Principal admin = kit.allowTokens(kit.user("canary-admin", BuiltInRole.WORKSPACE_ADMIN));
    private final Actor asAdmin = CoreTestKit.as(admin);

    private IssuedToken canary() {
        return kit.tokenManagement.createCanary(asAdmin, "CI secrets of app", null);
    }

    @Test
    void isOwnedByItsCreatorWithoutScopesNeverExpiringAndAuditedAsACreation() {
        IssuedToken canary = canary();

        AccessToken token = canary.token();
        assertThat(token.kind()).isEqualTo(TokenKind.CANARY);
        assertThat(token.owner()).isEqualTo(admin.id());
        assertThat(token.createdBy()).isEqualTo(admin.id());
        assertThat(token.scopes()).isEmpty();
        assertThat(token.expiresAt()).isNull();
        assertThat(kit.format.isWellFormed(canary.secret().reveal())).isTrue();
        assertThat(kit.tokens.findByDigest(TokenDigest.of(canary.secret().reveal())))
                .isPresent();
        assertThat(kit.audit.history(WORKSPACE, "token", token.id().value(), 10))
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.action()).isEqualTo(AuditAction.TOKEN_CREATED);
                    assertThat(event.details()).containsEntry("kind", "CANARY");
                });
    }

    @Test
    void isNeitherInItsOwnersListNorCountedTowardTheQuotaNorNamedAsTheirOwn() {
        IssuedToken canary = canary();

        assertThat(kit.tokenService.listOwn(asAdmin)).noneMatch(t -> t.kind() == TokenKind.CANARY);
        assertThat(kit.tokens.workingTokensOf(WORKSPACE, admin.id(), kit.clock.instant()))
                .isZero();
        assertThat(catchThrowableOfType(
                        TokenNotFoundException.class,
                        () -> kit.tokenService.getOwn(asAdmin, canary.token().id())))
                .isNotNull();
    }

    @Test
    void needsTokenManagementWriteAndAComment() {
        Principal user = kit.allowTokens(kit.user("plain", BuiltInRole.USER));

        assertThatThrownBy(() -> kit.tokenManagement.createCanary(CoreTestKit.as(user), "x", null))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(catchThrowableOfType(
                                InvalidParameterException.class,
                                () -> kit.tokenManagement.createCanary(asAdmin, " ", null))
                        .field())
                .isEqualTo("comment");
        assertThat(catchThrowableOfType(
                                InvalidParameterException.class,
                                () -> kit.tokenManagement.createCanary(asAdmin, "c", 0L))
                        .field())
                .isEqualTo("lifetime_seconds");
    }

    @Test
    void rotateRestoreAndNarrowAreRefusedRevokeAndDeleteWork() {
        TokenId id = canary().token().id();

        assertThatThrownBy(() -> kit.tokenManagement.rotate(asAdmin, id, Duration.ZERO))
                .isInstanceOf(InvalidStateException.class)
                .hasMessageContaining("canary");
        assertThatThrownBy(() -> kit.tokenManagement.narrow(asAdmin, id, List.of("all-apis")))
                .isInstanceOf(InvalidStateException.class)
                .hasMessageContaining("canary");
        AccessToken token = kit.tokenManagement.get(asAdmin, id);
        assertThat(kit.tokenManagement.allows(asAdmin, TokenAction.ROTATE, token))
                .isFalse();
        assertThat(kit.tokenManagement.allows(asAdmin, TokenAction.NARROW, token))
                .isFalse();
        assertThat(kit.tokenManagement.allows(asAdmin, TokenAction.REVOKE, token))
                .isTrue();

        kit.tokenManagement.revoke(asAdmin, id);
        assertThatThrownBy(() -> kit.tokenManagement.restore(asAdmin, id))
                .isInstanceOf(InvalidStateException.class)
                .hasMessageContaining("canary");
        kit.tokenManagement.delete(asAdmin, id);
        assertThat(kit.tokens.findById(WORKSPACE, id)).isEmpty();
    }

    @Test
    void aReportedCanaryRaisesItsAlertWithWhereItWasFoundInsteadOfARevocation() {
        IssuedToken canary = canary();
        List<CanaryUse> trips = new ArrayList<>();
        LeakReports reports =
                new LeakReports(kit.tokens, kit.format, kit.audit, kit.tx, (token, use) -> trips.add(use), kit.clock);

        int revoked =
                reports.report(List.of(new Leak(canary.secret().reveal(), "https://paste.example/x")), "192.0.2.7");

        assertThat(revoked).isZero();
        assertThat(kit.tokens
                        .findById(WORKSPACE, canary.token().id())
                        .orElseThrow()
                        .isRevoked())
                .isFalse();
        assertThat(trips).singleElement().satisfies(use -> {
            assertThat(use.source()).isEqualTo("https://paste.example/x");
            assertThat(use.clientAddress()).isEqualTo("192.0.2.7");
        });
    }

    @Test
    void aBulkRevokeLeavesCanariesArmedUnlessItAsksForThem() {
        TokenId id = canary().token().id();
        kit.tokenService.create(asAdmin, new CreateTokenCommand("personal", null, null));
        TokenFilter everything = TokenFilter.all(kit.clock.instant());

        assertThat(kit.tokenManagement.previewBulkRevoke(asAdmin, everything).tokens())
                .isEqualTo(1);
        kit.tokenManagement.bulkRevoke(asAdmin, everything, "incident 42");
        assertThat(kit.tokens.findById(WORKSPACE, id).orElseThrow().isRevoked()).isFalse();

        kit.tokenManagement.bulkRevoke(asAdmin, TokenFilter.ofKind(TokenKind.CANARY, kit.clock.instant()), "retire");
        assertThat(kit.tokens.findById(WORKSPACE, id).orElseThrow().isRevoked()).isTrue();
    }

    @Test
    void aCanaryHoldsNoScopesAndOnlyACanaryHoldsNone() {
        assertThatThrownBy(() -> Tokens.aToken().kind(TokenKind.CANARY).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tokens.aToken().withScopes().build()).isInstanceOf(IllegalArgumentException.class);
        assertThat(Tokens.aToken().kind(TokenKind.CANARY).withScopes().build().scopes())
                .isEqualTo(Set.of());
    }
}
