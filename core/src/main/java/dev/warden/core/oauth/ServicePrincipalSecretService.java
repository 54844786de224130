package dev.warden.core.oauth;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.QuotaExceededException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenAccessRules;
import dev.warden.core.token.TokenFormat;
import dev.warden.core.token.TokenSecret;
import dev.warden.core.token.TokenService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The OAuth secrets of service principals (the Databricks "service principal secrets" API): create one (its value
 * shown once, only its digest kept, an expiry within the workspace's cap), list them, delete one. Reading needs
 * {@code token-management:read}, changing {@code token-management:write}; creating also needs the token access
 * policy's consent, since whoever holds a secret gets the service principal's tokens with any scope: the creator
 * must hold everything the service principal holds now, and may use tokens itself. Deleting a secret revokes the
 * OAuth tokens it obtained, in the same transaction. Every change is audited.
 */
public final class ServicePrincipalSecretService {
    public static final String LIFETIME_FIELD = "lifetime";
    public static final String PAGE_SIZE_FIELD = "page_size";
    /** As Databricks: a few secrets per service principal, enough to roll one over. */
    public static final int MAX_PER_SERVICE_PRINCIPAL = 5;

    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 1000;
    private static final String TARGET = "service_principal_secret";

    private final ServicePrincipalSecretRepository secrets;
    private final PrincipalRepository principals;
    private final SettingsRepository settings;
    private final AccessPolicy access;
    private final TokenAccessRules tokenAccess;
    private final TokenService tokens;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final TokenFormat format;
    private final SecureRandom random;
    private final Clock clock;

    public ServicePrincipalSecretService(
            ServicePrincipalSecretRepository secrets,
            PrincipalRepository principals,
            SettingsRepository settings,
            AccessPolicy access,
            TokenAccessRules tokenAccess,
            TokenService tokens,
            AuditLog audit,
            TransactionRunner tx,
            TokenFormat format,
            SecureRandom random,
            Clock clock) {
        this.secrets = secrets;
        this.principals = principals;
        this.settings = settings;
        this.access = access;
        this.tokenAccess = tokenAccess;
        this.tokens = tokens;
        this.audit = audit;
        this.tx = tx;
        this.format = format;
        this.random = random;
        this.clock = clock;
    }

    /** The longest lifetime a new secret may have in the actor's workspace, which is also its default. */
    public Duration maxLifetime(Actor actor) {
        return settings.get(actor.workspace()).maxSecretLifetime();
    }

    /**
     * A new secret of the service principal.
     * @param lifetime null for the workspace's longest ({@code maxSecretLifetimeDays}, 730 days unless set lower)
     */
    public CreatedSecret create(Actor actor, PrincipalId servicePrincipal, Duration lifetime) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_WRITE);
        Principal owner = servicePrincipal(actor, servicePrincipal);
        Duration max = maxLifetime(actor);
        Duration chosen = lifetime == null ? max : lifetime;
        if (chosen.isNegative() || chosen.isZero() || chosen.compareTo(max) > 0) {
            throw new InvalidParameterException(
                    LIFETIME_FIELD,
                    LIFETIME_FIELD + " must be from 1 to " + max.getSeconds() + " seconds (" + max.toDays()
                            + " days, maxSecretLifetimeDays of this workspace); got " + chosen.getSeconds()
                            + ". Leave it out for " + max.toDays() + " days.");
        }
        tokenAccess.requireMayCreateSecret(actor, owner.id());
        return tx.inTransaction(() -> {
            secrets.lockServicePrincipal(actor.workspace(), owner.id());
            int held = secrets.count(actor.workspace(), owner.id());
            if (held >= MAX_PER_SERVICE_PRINCIPAL) {
                throw new QuotaExceededException(owner.label() + " already has " + held + " secrets, the most one"
                        + " service principal may have. Delete an expired or unused one first.");
            }
            Instant now = now();
            TokenSecret value = format.generate(random);
            ServicePrincipalSecret secret = new ServicePrincipalSecret(
                    SecretId.random(random),
                    actor.workspace(),
                    owner.id(),
                    value.digest(),
                    value.displayHint(format.prefix()),
                    actor.principal(),
                    now,
                    now.plus(chosen));
            secrets.add(secret);
            audit.record(event(actor, AuditAction.SERVICE_PRINCIPAL_SECRET_CREATED, secret, owner, now)
                    .detail("expires_at", secret.expiresAt())
                    .build());
            return new CreatedSecret(secret, value);
        });
    }

    /**
     * A page of the service principal's secrets, newest first.
     * @param pageSize null for {@value #DEFAULT_PAGE}; at most {@value #MAX_PAGE}
     */
    public SecretPage list(Actor actor, PrincipalId servicePrincipal, SecretCursor after, Integer pageSize) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_READ);
        int limit = pageSize == null ? DEFAULT_PAGE : pageSize;
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidParameterException(
                    PAGE_SIZE_FIELD, PAGE_SIZE_FIELD + " must be from 1 to " + MAX_PAGE + "; got " + limit + ".");
        }
        Principal owner = servicePrincipal(actor, servicePrincipal);
        List<ServicePrincipalSecret> found = secrets.list(actor.workspace(), owner.id(), after, limit + 1);
        if (found.size() <= limit) {
            return new SecretPage(found, null);
        }
        List<ServicePrincipalSecret> page = found.subList(0, limit);
        return new SecretPage(List.copyOf(page), SecretCursor.after(page.get(limit - 1)));
    }

    /** The service principal's application id: the client id its secrets go with. */
    public String clientIdOf(Actor actor, PrincipalId servicePrincipal) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_READ);
        return servicePrincipal(actor, servicePrincipal).applicationId();
    }

    /** Every secret of the service principal, newest first (at most {@value #MAX_PER_SERVICE_PRINCIPAL}). */
    public List<ServicePrincipalSecret> all(Actor actor, PrincipalId servicePrincipal) {
        return list(actor, servicePrincipal, null, MAX_PAGE).secrets();
    }

    /**
     * Deletes the secret and revokes, with {@code ADMIN} authority, the OAuth tokens it obtained that still work:
     * one transaction, two audit records (the deletion, and the revocation naming each token).
     */
    public DeletedSecret delete(Actor actor, PrincipalId servicePrincipal, SecretId id) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_WRITE);
        Principal owner = servicePrincipal(actor, servicePrincipal);
        // The row lock comes first in the transaction, so the tokens listed below include any a concurrent token
        // request committed before it (that request holds the same lock while it issues).
        return tx.inTransaction(() -> {
            if (!secrets.lock(actor.workspace(), id)) {
                throw notFound(id, owner);
            }
            ServicePrincipalSecret secret = secrets.findById(actor.workspace(), id)
                    .filter(found -> found.servicePrincipal().equals(owner.id()))
                    .orElseThrow(() -> notFound(id, owner));
            Instant now = now();
            secrets.delete(actor.workspace(), id);
            List<AccessToken> revoked = tokens.revokeOAuthTokensOf(actor, id.value());
            audit.record(event(actor, AuditAction.SERVICE_PRINCIPAL_SECRET_DELETED, secret, owner, now)
                    .detail("status_before", secret.statusAt(now))
                    .detail("tokens_revoked", revoked.size())
                    .build());
            if (!revoked.isEmpty()) {
                audit.record(AuditEvent.by(actor, AuditAction.TOKEN_REVOKED, now)
                        .target("token", null)
                        .subjects(revoked.stream()
                                .map(token -> token.id().value())
                                .toList())
                        .detail("authority", "ADMIN")
                        .detail("reason", "service principal secret " + id + " of " + owner.name() + " was deleted")
                        .detail("tokens", revoked.size())
                        .build());
            }
            return new DeletedSecret(secret, revoked);
        });
    }

    /** A service principal of the actor's workspace; anything else answers as unknown. */
    private Principal servicePrincipal(Actor actor, PrincipalId id) {
        return principals
                .findById(actor.workspace(), id)
                .filter(principal -> principal.kind() == PrincipalKind.SERVICE_PRINCIPAL)
                .orElseThrow(() -> new ResourceNotFoundException("Service principal " + id + " does not exist."));
    }

    private static ResourceNotFoundException notFound(SecretId id, Principal owner) {
        return new ResourceNotFoundException("Service principal " + owner.label() + " has no secret " + id + ".");
    }

    private static AuditEvent.Builder event(
            Actor actor, AuditAction action, ServicePrincipalSecret secret, Principal owner, Instant now) {
        return AuditEvent.by(actor, action, now)
                .target(TARGET, secret.id().value())
                .detail("service_principal_id", owner.id())
                .detail("application_id", owner.applicationId())
                .detail("hint", secret.displayHint());
    }

    /** Stored times have microsecond precision; truncating here keeps memory and database equal. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
