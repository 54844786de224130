package dev.warden.core.oauth;

import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.warden.core.access.Decision;
import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.DenialReason;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientCredentialsServiceTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final ClientCredentialsService service = kit.clientCredentials;
    /** A service principal holding the user role (tokens:read/write, scim:read), allowed to use tokens. */
    private final Principal robot = kit.allowTokens(kit.save(
            Principal.newServicePrincipal(WORKSPACE, UUID.randomUUID().toString(), "robot"), BuiltInRole.USER));

    private final CreatedSecret secret = kit.secretService.create(kit.asAdmin(), robot.id(), Duration.ofDays(30));

    private AccessTokenGrant grant(String scope) {
        return service.grant(
                service.authenticate(robot.applicationId(), secret.value().reveal()), scope, "10.0.0.7");
    }

    /** The call throws an OAuth refusal with this code and leaves every fake as it was. */
    private OAuthException refused(OAuthError error, ThrowingCallable call) {
        Map<String, Object> before = kit.state();
        OAuthException thrown = catchThrowableOfType(OAuthException.class, call);
        assertThat(thrown).as("refused").isNotNull();
        assertThat(thrown.error()).isEqualTo(error);
        assertThat(kit.state()).as("nothing changed").isEqualTo(before);
        return thrown;
    }

    @Nested
    class Granting {
        @Test
        void anOAuthTokenOfTheServicePrincipalLinkedToTheSecretForAnHour() {
            AccessTokenGrant grant = grant(null);

            AccessToken token = grant.issued().token();
            assertThat(token.kind()).isEqualTo(TokenKind.OAUTH);
            assertThat(token.owner()).isEqualTo(robot.id());
            assertThat(token.createdBy()).isEqualTo(robot.id());
            assertThat(token.oauthSecret()).isEqualTo(secret.secret().id().value());
            assertThat(token.scopes()).containsExactly(Scope.ALL_APIS);
            assertThat(token.expiresAt()).isEqualTo(token.createdAt().plus(Duration.ofHours(1)));
            assertThat(grant.expiresIn()).isEqualTo(3600);
            assertThat(grant.scope()).isEqualTo("all-apis");
            assertThat(kit.format.isWellFormed(grant.issued().secret().reveal()))
                    .isTrue();
        }

        @Test
        void theTokenWalksTheOneDecisionChain() {
            String value = grant(null).issued().secret().reveal();

            Decision decision = kit.decisions.evaluate(value, Permission.TOKENS_READ);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.owner().id()).isEqualTo(robot.id());
            assertThat(kit.decisions
                            .evaluate(value, Permission.SETTINGS_WRITE)
                            .denial()
                            .reason())
                    .as("all-apis never exceeds the owner's roles")
                    .isEqualTo(DenialReason.ROLE_LACKS_PERMISSION);
        }

        @Test
        void spaceSeparatedScopesWithinTheServicePrincipalsRoles() {
            AccessTokenGrant grant = grant("tokens:read scim:read");

            assertThat(grant.issued().token().scopes())
                    .containsExactlyInAnyOrder(Scope.of(Permission.TOKENS_READ), Scope.of(Permission.SCIM_READ));
            assertThat(grant.scope()).isEqualTo("scim:read tokens:read");
        }

        @Test
        void theCreationIsAuditedAsTheServicePrincipalNamingTheSecret() {
            AccessToken token = grant(null).issued().token();

            AuditEvent created = kit.audit.eventsWith(AuditAction.TOKEN_CREATED).get(0);
            assertThat(created.actorId()).isEqualTo(robot.id());
            assertThat(created.targetId()).isEqualTo(token.id().value());
            assertThat(created.clientAddress()).isEqualTo("10.0.0.7");
            assertThat(created.details())
                    .containsEntry("kind", "OAUTH")
                    .containsEntry("oauth_secret", secret.secret().id().value());
        }

        @Test
        void oauthTokensDoNotCountTowardTheQuotaAndExpiredOnesAreRemovedOnTheNextGrant() {
            kit.settings.save(WORKSPACE, new WorkspaceSettings(true, null, null, 1));
            AccessToken first = grant(null).issued().token();
            AccessToken second = grant(null).issued().token();
            kit.clock.advance(Duration.ofHours(2));

            AccessToken third = grant(null).issued().token();

            assertThat(kit.tokens.listByOwner(WORKSPACE, robot.id()))
                    .extracting(AccessToken::id)
                    .containsExactly(third.id());
            assertThat(first.id()).isNotEqualTo(second.id());
            AuditEvent latest = kit.audit.eventsWith(AuditAction.TOKEN_CREATED).get(2);
            assertThat(latest.details()).containsEntry("expired_oauth_tokens_removed", "2");
        }

        @Test
        void theGrantHoldsTheSecretsLock() {
            int before = kit.secrets.lockCount();

            grant(null);

            assertThat(kit.secrets.lockCount()).isEqualTo(before + 1);
        }

        @Test
        void anOAuthTokenIsNotRotated() {
            AccessToken token = grant(null).issued().token();

            InvalidStateException thrown = catchThrowableOfType(
                    InvalidStateException.class,
                    () -> kit.tokenService.rotate(CoreTestKit.as(robot), TokenTarget.own(token.id()), Duration.ZERO));

            assertThat(thrown).hasMessageContaining("/oidc/v1/token");
        }

        @Test
        void onlyIssueOAuthMakesOAuthTokens() {
            IllegalArgumentException thrown = catchThrowableOfType(
                    IllegalArgumentException.class,
                    () -> kit.tokenService.issue(
                            CoreTestKit.as(robot),
                            WORKSPACE,
                            robot.id(),
                            robot.name(),
                            TokenKind.OAUTH,
                            null,
                            new CreateTokenCommand("x", null, List.of())));

            assertThat(thrown).isNotNull();
        }
    }

    @Nested
    class RefusingTheScope {
        @Test
        void aScopeBeyondTheServicePrincipalsRolesIsInvalidScope() {
            AuthenticatedClient client =
                    service.authenticate(robot.applicationId(), secret.value().reveal());

            OAuthException thrown =
                    refused(OAuthError.INVALID_SCOPE, () -> service.grant(client, "tokens:read settings:write", null));

            assertThat(thrown).hasMessageContaining("settings:write");
        }

        @ParameterizedTest
        @ValueSource(strings = {"everything", "tokens:read sql", "ALL-APIS"})
        void anUnknownScopeIsInvalidScopeNamingIt(String scope) {
            AuthenticatedClient client =
                    service.authenticate(robot.applicationId(), secret.value().reveal());

            OAuthException thrown = refused(OAuthError.INVALID_SCOPE, () -> service.grant(client, scope, null));

            assertThat(thrown).hasMessageContaining("Unknown scope");
        }
    }

    @Nested
    class AuthenticatingTheClient {
        @Test
        void anotherClientIdWithTheRightSecretFails() {
            Principal other = kit.save(
                    Principal.newServicePrincipal(WORKSPACE, UUID.randomUUID().toString(), "other"));

            refused(
                    OAuthError.INVALID_CLIENT,
                    () -> service.authenticate(
                            other.applicationId(), secret.value().reveal()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "not-a-secret", "wdn_6hjLWrFsWJRbXDSquUamSMo8e9k3FRhKy3r0QuVqk7k2Tvjb2"})
        void aMalformedOrUnknownSecretFails(String value) {
            refused(OAuthError.INVALID_CLIENT, () -> service.authenticate(robot.applicationId(), value));
        }

        @Test
        void noClientIdOrNoSecretFails() {
            refused(
                    OAuthError.INVALID_CLIENT,
                    () -> service.authenticate(null, secret.value().reveal()));
            refused(OAuthError.INVALID_CLIENT, () -> service.authenticate(robot.applicationId(), null));
        }

        @Test
        void anExpiredSecretFailsSayingSo() {
            kit.clock.advance(Duration.ofDays(30));

            OAuthException thrown = refused(
                    OAuthError.INVALID_CLIENT,
                    () -> service.authenticate(
                            robot.applicationId(), secret.value().reveal()));

            assertThat(thrown).hasMessageContaining("expired");
        }

        @Test
        void aSecretDeletedBetweenAuthenticationAndGrantGrantsNothing() {
            AuthenticatedClient client =
                    service.authenticate(robot.applicationId(), secret.value().reveal());
            kit.secretService.delete(kit.asAdmin(), robot.id(), secret.secret().id());

            refused(OAuthError.INVALID_CLIENT, () -> service.grant(client, null, null));
        }
    }

    @Nested
    class RefusingTheClient {
        @Test
        void aDeactivatedServicePrincipalIsUnauthorizedAndItsTokensStop() {
            String value = grant(null).issued().secret().reveal();
            kit.deactivate(robot);

            OAuthException thrown = refused(OAuthError.UNAUTHORIZED_CLIENT, () -> grant(null));

            assertThat(thrown).hasMessageContaining("deactivated");
            assertThat(kit.decisions.evaluate(value).denial().reason()).isEqualTo(DenialReason.OWNER_INACTIVE);
        }

        @Test
        void withTokensDisabledNoTokenIsIssued() {
            kit.settings.save(WORKSPACE, new WorkspaceSettings(false, null, null, 600));

            OAuthException thrown = refused(OAuthError.UNAUTHORIZED_CLIENT, () -> grant(null));

            assertThat(thrown).hasMessageContaining("disabled");
        }

        @Test
        void aServicePrincipalWithoutTokenUsageGetsNoToken() {
            Principal bare = kit.save(
                    Principal.newServicePrincipal(WORKSPACE, UUID.randomUUID().toString(), "bare"), BuiltInRole.USER);
            CreatedSecret bareSecret = kit.secretService.create(kit.asAdmin(), bare.id(), null);
            AuthenticatedClient client = service.authenticate(
                    bare.applicationId(), bareSecret.value().reveal());

            refused(OAuthError.UNAUTHORIZED_CLIENT, () -> service.grant(client, null, null));
        }
    }

    @Test
    void theLifetimeIsBetweenASecondAndADay() {
        for (Duration bad : Set.of(Duration.ZERO, Duration.ofDays(1).plusSeconds(1))) {
            assertThat(catchThrowableOfType(
                            IllegalArgumentException.class,
                            () -> new ClientCredentialsService(
                                    kit.secrets,
                                    kit.directory.principals,
                                    kit.tokenService,
                                    kit.format,
                                    kit.tx,
                                    kit.clock,
                                    bad)))
                    .isNotNull();
        }
    }
}
