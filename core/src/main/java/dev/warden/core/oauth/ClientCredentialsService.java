package dev.warden.core.oauth;

import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.token.AccessRefusedException;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenFormat;
import dev.warden.core.token.TokenService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The client credentials grant (RFC 6749 §4.4) in the Databricks OAuth M2M dialect: a service principal's
 * application id and one of its secrets get an access token, which is an ordinary Warden token of kind
 * {@code OAUTH} (same format, same decision chain), issued through {@link TokenService}, owned by the service
 * principal and linked to the secret. Refusals are {@link OAuthException}s with RFC 6749 §5.2 codes.
 * <p>
 * Authentication and the grant are two calls, so that the web layer can throttle failed authentications alone.
 */
public final class ClientCredentialsService {
    public static final String GRANT_TYPE = "client_credentials";
    /** The longest access-token lifetime an installation may configure: they are meant to be short. */
    public static final Duration MAX_ACCESS_TOKEN_LIFETIME = Duration.ofDays(1);

    private static final String FAILED = "Client authentication failed: no service principal has this client id"
            + " (its application id) and secret. Check both; a deleted secret no longer works.";

    private final ServicePrincipalSecretRepository secrets;
    private final PrincipalRepository principals;
    private final TokenService tokens;
    private final TokenFormat format;
    private final TransactionRunner tx;
    private final Clock clock;
    private final Duration accessTokenLifetime;

    public ClientCredentialsService(
            ServicePrincipalSecretRepository secrets,
            PrincipalRepository principals,
            TokenService tokens,
            TokenFormat format,
            TransactionRunner tx,
            Clock clock,
            Duration accessTokenLifetime) {
        if (accessTokenLifetime.isNegative()
                || accessTokenLifetime.isZero()
                || accessTokenLifetime.compareTo(MAX_ACCESS_TOKEN_LIFETIME) > 0) {
            throw new IllegalArgumentException("the OAuth access token lifetime must be from 1 second to 1 day");
        }
        this.secrets = secrets;
        this.principals = principals;
        this.tokens = tokens;
        this.format = format;
        this.tx = tx;
        this.clock = clock;
        this.accessTokenLifetime = accessTokenLifetime;
    }

    public Duration accessTokenLifetime() {
        return accessTokenLifetime;
    }

    /**
     * The client whose id and secret these are. A value not in Warden's format is refused without a database read;
     * an unknown secret, one of another client, and a deleted service principal all answer the same; an expired
     * secret says so (the caller holds it, so nothing leaks).
     * @throws OAuthException {@code invalid_client}
     */
    public AuthenticatedClient authenticate(String clientId, String clientSecret) {
        if (clientId == null || clientId.isEmpty() || clientSecret == null || !format.isWellFormed(clientSecret)) {
            throw new OAuthException(OAuthError.INVALID_CLIENT, FAILED);
        }
        TokenDigest digest = TokenDigest.of(clientSecret);
        ServicePrincipalSecret secret = secrets.findByDigest(digest)
                .filter(found -> found.digest().matches(digest))
                .orElseThrow(() -> new OAuthException(OAuthError.INVALID_CLIENT, FAILED));
        Principal owner = principals
                .findById(secret.workspace(), secret.servicePrincipal())
                .filter(principal -> principal.kind() == PrincipalKind.SERVICE_PRINCIPAL)
                .filter(principal -> clientId.equals(principal.applicationId()))
                .orElseThrow(() -> new OAuthException(OAuthError.INVALID_CLIENT, FAILED));
        Instant now = clock.instant();
        if (secret.statusAt(now) == SecretStatus.EXPIRED) {
            throw new OAuthException(
                    OAuthError.INVALID_CLIENT,
                    "The client secret " + secret.displayHint() + " of " + owner.displayName() + " expired at "
                            + secret.expiresAt() + ". Create a new secret for the service principal.");
        }
        return new AuthenticatedClient(secret, owner);
    }

    /**
     * An access token for the authenticated client, with the scopes asked for ({@code all-apis} when none): each
     * must be {@code all-apis} or a permission the service principal's roles grant now. Issued while the secret's row
     * is locked, so a secret being deleted issues nothing more.
     * @param scope space-separated scope keys as sent, or null
     * @throws OAuthException {@code invalid_scope}, {@code unauthorized_client}, or {@code invalid_client} when the
     *     secret or its service principal was deleted meanwhile
     */
    public AccessTokenGrant grant(AuthenticatedClient client, String scope, String clientAddress) {
        List<String> scopes = scopes(scope);
        ServicePrincipalSecret secret = client.secret();
        try {
            IssuedToken issued = tx.inTransaction(() -> {
                if (!secrets.lock(secret.workspace(), secret.id())) {
                    throw new OAuthException(OAuthError.INVALID_CLIENT, FAILED);
                }
                Principal owner = principals
                        .findById(secret.workspace(), secret.servicePrincipal())
                        .orElseThrow(() -> new OAuthException(OAuthError.INVALID_CLIENT, FAILED));
                if (!owner.active()) {
                    throw new OAuthException(
                            OAuthError.UNAUTHORIZED_CLIENT,
                            "Service principal " + owner.displayName() + " (" + owner.applicationId()
                                    + ") is deactivated, so it gets no token. A workspace admin can reactivate it.");
                }
                return tokens.issueOAuth(
                        new Actor(owner.workspace(), owner.id(), owner.name(), clientAddress),
                        secret.id().value(),
                        new CreateTokenCommand(
                                "OAuth access token (secret " + secret.displayHint() + ")",
                                accessTokenLifetime,
                                scopes));
            });
            Instant created = issued.token().createdAt();
            return new AccessTokenGrant(
                    issued,
                    Duration.between(created, issued.token().expiresAt()).getSeconds(),
                    issued.token().scopes().stream().map(Scope::key).collect(Collectors.joining(" ")));
        } catch (InvalidParameterException e) {
            if (CreateTokenCommand.SCOPES_FIELD.equals(e.field())) {
                throw new OAuthException(OAuthError.INVALID_SCOPE, e.getMessage());
            }
            throw e;
        } catch (AccessRefusedException | PermissionDeniedException e) {
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT, e.getMessage());
        } catch (ResourceNotFoundException e) {
            throw new OAuthException(OAuthError.INVALID_CLIENT, FAILED);
        }
    }

    /** RFC 6749 §3.3: space-delimited, case-sensitive; none means {@code all-apis}, as Databricks defaults. */
    private static List<String> scopes(String scope) {
        if (scope == null || scope.isBlank()) {
            return List.of(Scope.ALL_APIS.key());
        }
        // unknown keys are refused by the token lifecycle, as invalid_scope (see grant)
        return Arrays.stream(scope.strip().split(" +")).distinct().toList();
    }
}
