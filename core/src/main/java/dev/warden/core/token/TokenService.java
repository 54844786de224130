package dev.warden.core.token;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Scope;
import dev.warden.core.permission.ServiceScopes;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.shared.DomainException;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.QuotaExceededException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.shared.Validation;
import dev.warden.core.workspace.AuthorizationVersions;
import dev.warden.core.workspace.WorkspaceId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one token lifecycle, for every kind of token: issue, rotate, narrow, revoke, restore, delete. Each operation
 * names its token with a {@link TokenTarget} (the owner's own token, or one a manager reaches), asks the token
 * access policy ({@link TokenAccessRules}) whether the actor may, and writes the change with its audit record in one
 * transaction. Transitions read the token for a change (its row locked) and write it by compare-and-set, so
 * concurrent calls on one token happen one after another and each real transition has exactly one audit record.
 * A token the target cannot name answers as unknown, so existence never leaks.
 */
public final class TokenService {
    private static final String TARGET = "token";
    public static final Duration MAX_ROTATION_GRACE = Duration.ofDays(7);

    private final TokenRepository tokens;
    private final PrincipalRepository principals;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final AuthorizationVersions versions;
    private final ServiceScopes serviceScopes;
    private final TokenFormat format;
    private final TokenLifetimePolicy lifetimes;
    private final TokenIssueRules rules;
    private final TokenAccessRules access;
    private final SecureRandom random;
    private final Clock clock;

    public TokenService(
            TokenRepository tokens,
            PrincipalRepository principals,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            ServiceScopes serviceScopes,
            TokenFormat format,
            TokenIssueRules rules,
            TokenAccessRules access,
            TokenLifetimePolicy lifetimes,
            SecureRandom random,
            Clock clock) {
        this.tokens = tokens;
        this.principals = principals;
        this.audit = audit;
        this.tx = tx;
        this.versions = versions;
        this.serviceScopes = serviceScopes;
        this.format = format;
        this.rules = rules;
        this.access = access;
        this.lifetimes = lifetimes;
        this.random = random;
        this.clock = clock;
    }

    /** Without workspace rules: the installation's lifetimes, no quota, no usage check; owners act on their own. */
    public TokenService(
            TokenRepository tokens,
            PrincipalRepository principals,
            AuditLog audit,
            TransactionRunner tx,
            AuthorizationVersions versions,
            ServiceScopes serviceScopes,
            TokenFormat format,
            TokenLifetimePolicy lifetimes,
            SecureRandom random,
            Clock clock) {
        this(
                tokens,
                principals,
                audit,
                tx,
                versions,
                serviceScopes,
                format,
                TokenIssueRules.unrestricted(lifetimes),
                TokenAccessRules.ownerOnly(),
                lifetimes,
                random,
                clock);
    }

    /** The installation's lifetimes (a workspace may narrow them: see {@link #termsFor}). */
    public TokenLifetimePolicy lifetimes() {
        return lifetimes;
    }

    /** Whether the actor may get a new token now, and on which terms; throws the refusal otherwise. */
    public TokenIssueTerms termsFor(Actor actor) {
        return rules.termsFor(actor);
    }

    public IssuedToken create(Actor actor, CreateTokenCommand command) {
        return issue(actor, actor.workspace(), actor.principal(), actor.name(), TokenKind.PERSONAL, null, command);
    }

    /**
     * A token owned by {@code owner}, created by {@code creator} (who receives the secret: for an on-behalf-of,
     * organisation or group token, an admin). The token access policy decides whether the creator may receive it;
     * the owner's workspace rules apply: tokens enabled, the owner holds token usage permission, lifetimes, quota
     * (counted with the owner's row locked, so parallel creates cannot pass it together).
     * @param group the group of a group token; null for every other kind
     */
    public IssuedToken issue(
            Actor creator,
            WorkspaceId workspace,
            PrincipalId owner,
            String ownerName,
            TokenKind kind,
            GroupId group,
            CreateTokenCommand command) {
        if (kind == TokenKind.OAUTH) {
            throw new IllegalArgumentException("an OAuth token is issued with issueOAuth, which names its secret");
        }
        return issue(creator, workspace, owner, ownerName, kind, group, null, command);
    }

    /**
     * An OAuth access token (kind {@code OAUTH}) for the service principal that authenticated with one of its secrets
     * (client credentials), through the same rules as every token: tokens enabled, token usage permission, scopes
     * within what the service principal's roles grant now, the workspace's lifetimes. It walks away with its own
     * token, so nobody else's permissions are asked. The quota does not count OAuth tokens (they live an hour); the
     * owner's expired OAuth tokens are removed instead, in the same transaction.
     * @param servicePrincipal the service principal, acting for itself (creator and owner)
     * @param secretId the id of the secret it authenticated with, kept on the token
     */
    public IssuedToken issueOAuth(Actor servicePrincipal, String secretId, CreateTokenCommand command) {
        return issue(
                servicePrincipal,
                servicePrincipal.workspace(),
                servicePrincipal.principal(),
                servicePrincipal.name(),
                TokenKind.OAUTH,
                null,
                Objects.requireNonNull(secretId, "secretId"),
                command);
    }

    private IssuedToken issue(
            Actor creator,
            WorkspaceId workspace,
            PrincipalId owner,
            String ownerName,
            TokenKind kind,
            GroupId group,
            String oauthSecret,
            CreateTokenCommand command) {
        Actor ownerActor = new Actor(workspace, owner, ownerName, creator.clientAddress());
        String comment = validComment(command.comment());
        Set<Scope> scopes = command.scopes() == null || command.scopes().isEmpty()
                ? Set.of(Scope.ALL_APIS)
                : serviceScopes.catalogue(workspace).parseScopes(command.scopes(), CreateTokenCommand.SCOPES_FIELD);
        return tx.inTransaction(() -> {
            access.requireMayIssue(creator, owner, kind, group, scopes);
            TokenIssueTerms terms = rules.termsFor(ownerActor, kind);
            terms.requireGrantable(scopes, ownerName);
            Instant now = now();
            Instant expiresAt = terms.lifetimes().expiryFor(command.lifetime(), now);
            TokenSecret secret = format.generate(random);
            AccessToken token = AccessToken.builder()
                    .id(TokenId.random(random))
                    .workspace(workspace)
                    .owner(owner)
                    .createdBy(creator.principal())
                    .kind(kind)
                    .group(group)
                    .oauthSecret(oauthSecret)
                    .comment(comment)
                    .digest(secret.digest())
                    .displayHint(secret.displayHint(format.prefix()))
                    .scopes(scopes)
                    .createdAt(now)
                    .expiresAt(expiresAt)
                    .build();
            int removed = 0;
            if (kind.countsTowardQuota()) {
                tokens.lockOwner(workspace, owner);
                int owned = (int) tokens.listByOwner(workspace, owner).stream()
                        .filter(mine -> mine.kind() != TokenKind.CANARY) // canaries are outside the quota
                        .count();
                if (owned >= terms.quota()) {
                    throw new QuotaExceededException(ownerName + " already owns " + owned + " tokens, the most one"
                            + " principal may own in this workspace (tokenQuotaPerPrincipal). Delete unused tokens"
                            + " first.");
                }
            } else {
                removed = tokens.deleteExpiredOAuth(workspace, owner, now);
            }
            tokens.add(token);
            audit.record(createdEvent(creator, token, now)
                    .detail("expired_oauth_tokens_removed", removed == 0 ? null : removed)
                    .build());
            return new IssuedToken(token, secret);
        });
    }

    /** The token, if the actor may read it through this target. */
    public AccessToken get(Actor actor, TokenTarget target) {
        AccessToken token = find(actor, target, false);
        access.require(actor, TokenAction.READ, token, target);
        return token;
    }

    /**
     * Whether the actor may do this to the token through this target, as the operation itself would decide: the
     * console shows only the buttons that work.
     */
    public boolean allows(Actor actor, TokenAction action, AccessToken token, TokenTarget target) {
        if (!target.includes(token, actor.principal())) {
            return false;
        }
        if (action == TokenAction.ROTATE && !rotatable(token)) {
            return false;
        }
        if (token.kind() == TokenKind.CANARY
                && (action == TokenAction.RESTORE || action == TokenAction.NARROW || action == TokenAction.ROTATE)) {
            return false;
        }
        try {
            RevocationAuthority authority = access.require(actor, action, token, target);
            return action != TokenAction.RESTORE || !token.isRevoked() || authority.covers(token.revocationAuthority());
        } catch (DomainException refused) {
            return false;
        }
    }

    /** One of the actor's own tokens. */
    public AccessToken getOwn(Actor actor, TokenId id) {
        return get(actor, TokenTarget.own(id));
    }

    /**
     * A new secret for the same token, shown once. The old one stops at once or after {@code grace} (at most
     * {@link #MAX_ROTATION_GRACE}, never beyond the expiry). Whoever rotates receives the secret, so the policy
     * requires them to hold what the token can do.
     */
    public IssuedToken rotate(Actor actor, TokenTarget target, Duration grace) {
        if (grace == null || grace.isNegative() || grace.compareTo(MAX_ROTATION_GRACE) > 0) {
            throw new InvalidParameterException(
                    "grace_period_seconds",
                    "grace_period_seconds must be from 0 to " + MAX_ROTATION_GRACE.getSeconds() + " (7 days).");
        }
        return tx.inTransaction(() -> {
            AccessToken token = forChange(actor, target, TokenAction.ROTATE);
            refuseForCanary(token, "rotated", "a new value would be a new canary: create one, and delete this one");
            if (token.kind() == TokenKind.OAUTH) {
                throw new InvalidStateException("Token " + token.id() + " is an OAuth access token: its client gets a"
                        + " new one from the token endpoint (/oidc/v1/token) with its secret, so it is not rotated.");
            }
            TokenSecret secret = format.generate(random);
            Instant now = now();
            token.rotate(secret.digest(), secret.displayHint(format.prefix()), now, grace);
            write(token);
            audit.record(event(actor, AuditAction.TOKEN_ROTATED, token, now)
                    .detail("grace_seconds", grace.getSeconds())
                    .detail("previous_valid_until", token.previousValidUntil())
                    .build());
            return new IssuedToken(token, secret);
        });
    }

    /**
     * One of the actor's own tokens ({@code POST /api/2.0/token/rotate}, User settings): as {@link #rotate} with
     * the owner's capacity, so another principal's token is unknown and the owner needs {@code tokens:write}.
     */
    public IssuedToken rotateOwn(Actor actor, TokenId id, Duration grace) {
        return rotate(actor, TokenTarget.own(id), grace);
    }

    /** Whether a rotation could apply to the token at all: active now, and not an OAuth access token. */
    private boolean rotatable(AccessToken token) {
        return token.kind() != TokenKind.OAUTH && token.statusAt(clock.instant()) == TokenStatus.ACTIVE;
    }

    /** Keeps only some of a token's scopes; never widens (see {@link AccessToken#narrow}). */
    public AccessToken narrow(Actor actor, TokenTarget target, Collection<String> scopes) {
        return update(actor, target, TokenUpdate.narrowing(scopes));
    }

    /**
     * Narrows the scopes, changes the comment, or both, in one transaction; each change needs the policy's consent
     * and has its own audit record ({@code TOKEN_SCOPES_NARROWED}, {@code TOKEN_COMMENT_CHANGED}). Neither yields a
     * secret or widens what the token can do. A comment set to what it already is records nothing.
     */
    public AccessToken update(Actor actor, TokenTarget target, TokenUpdate update) {
        Set<Scope> kept = update.narrowsScopes()
                ? serviceScopes
                        .catalogue(actor.workspace())
                        .parseScopes(update.scopes(), CreateTokenCommand.SCOPES_FIELD)
                : null;
        String comment = update.setsComment() ? validComment(update.comment()) : null;
        return tx.inTransaction(() -> {
            AccessToken token = find(actor, target, true);
            Instant now = now();
            if (kept != null) {
                access.require(actor, TokenAction.NARROW, token, target);
                refuseForCanary(token, "narrowed", "it has no scopes, and never authenticates");
                String before = keys(token.scopes());
                token.narrow(kept);
                tokens.updateScopes(token);
                audit.record(event(actor, AuditAction.TOKEN_SCOPES_NARROWED, token, now)
                        .detail("before", before)
                        .detail("after", keys(token.scopes()))
                        .build());
            }
            if (comment != null) {
                access.require(actor, TokenAction.COMMENT, token, target);
                String before = token.comment();
                if (token.changeComment(comment)) {
                    tokens.updateComment(token);
                    audit.record(event(actor, AuditAction.TOKEN_COMMENT_CHANGED, token, now)
                            .detail("before", before)
                            .detail("after", token.comment())
                            .build());
                }
            }
            return token;
        });
    }

    /**
     * Revokes the token with the authority of the target's capacity ({@code OWNER} for one's own, {@code ADMIN}
     * through management). Revoking a revoked token changes nothing and records nothing, unless it raises the
     * revocation's authority.
     */
    public AccessToken revoke(Actor actor, TokenTarget target) {
        return tx.inTransaction(() -> {
            AccessToken token = forChange(actor, target, TokenAction.REVOKE);
            RevocationAuthority authority = target.capacity() == TokenTarget.Capacity.OWNER
                    ? RevocationAuthority.OWNER
                    : RevocationAuthority.ADMIN;
            Instant now = now();
            if (token.revoke(actor.principal(), authority, now)) {
                write(token);
                audit.record(event(actor, AuditAction.TOKEN_REVOKED, token, now)
                        .detail("authority", authority)
                        .build());
            }
            return token;
        });
    }

    /** Undoes a revocation; needs at least the authority that revoked the token. */
    public AccessToken restore(Actor actor, TokenTarget target) {
        return tx.inTransaction(() -> {
            AccessToken token = find(actor, target, true);
            RevocationAuthority authority = access.require(actor, TokenAction.RESTORE, token, target);
            refuseForCanary(token, "restored", "revoking one disarms it for good: create a new canary instead");
            Instant now = now();
            RevocationAuthority revokedWith = token.revocationAuthority();
            token.restore(authority, now);
            write(token);
            audit.record(event(actor, AuditAction.TOKEN_RESTORED, token, now)
                    .detail("revoked_with", revokedWith)
                    .build());
            return token;
        });
    }

    /**
     * Revokes, in one transaction and one audit record, every token of {@code found} that still works, with
     * {@code INCIDENT} authority. A token someone changed since it was found is left as it is (compare-and-set).
     * The caller checks that the actor may (the filter reaches the whole workspace).
     * @return the tokens it revoked
     */
    public List<AccessToken> revokeAll(Actor actor, List<AccessToken> found, String reason, String filter) {
        return tx.inTransaction(() -> {
            Instant now = now();
            List<AccessToken> revoked = new ArrayList<>();
            for (AccessToken token : found) {
                if (token.statusAt(now) == TokenStatus.ACTIVE
                        && token.revoke(actor.principal(), RevocationAuthority.INCIDENT, now)
                        && tokens.update(token)) {
                    revoked.add(token);
                }
            }
            if (!revoked.isEmpty()) {
                List<String> ids =
                        revoked.stream().map(token -> token.id().value()).toList();
                audit.record(AuditEvent.by(actor, AuditAction.TOKENS_BULK_REVOKED, now)
                        .target(TARGET, null)
                        .subjects(ids)
                        .detail("reason", reason)
                        .detail("authority", RevocationAuthority.INCIDENT)
                        .detail("tokens", ids.size())
                        .detail(
                                "owners",
                                revoked.stream()
                                        .map(AccessToken::owner)
                                        .distinct()
                                        .count())
                        .detail("filter", filter)
                        .build());
            }
            return revoked;
        });
    }

    /**
     * Revokes, with {@code ADMIN} authority, every OAuth token that the secret obtained and that has not expired,
     * inside the caller's transaction (deleting the secret): the caller checks that the actor may, and records the
     * audit event naming them. A token its owner had revoked already gets the higher authority, so that the owner
     * cannot restore a token whose secret is gone. Each token is read locked, so a concurrent revoke or restore
     * happens before or after, never in between.
     * @return the tokens whose revocation it made or raised
     */
    public List<AccessToken> revokeOAuthTokensOf(Actor actor, String secretId) {
        return tx.inTransaction(() -> {
            Instant now = now();
            List<AccessToken> revoked = new ArrayList<>();
            for (AccessToken listed : tokens.listByOAuthSecret(actor.workspace(), secretId)) {
                Optional<AccessToken> locked = tokens.findByIdForUpdate(actor.workspace(), listed.id());
                if (locked.isPresent()
                        && !locked.get().isExpiredAt(now)
                        && locked.get().revoke(actor.principal(), RevocationAuthority.ADMIN, now)) {
                    write(locked.get());
                    revoked.add(locked.get());
                }
            }
            return revoked;
        });
    }

    /**
     * Permanent: the token stops authenticating at once and cannot come back. An organisation or group token goes
     * with its technical user, and only through management: it cannot delete itself.
     */
    public void delete(Actor actor, TokenTarget target) {
        tx.inTransaction(() -> {
            if (target.capacity() == TokenTarget.Capacity.MANAGER) {
                // Management may delete an organisation or group token with its technical user: a principal goes.
                versions.bump(actor.workspace());
            }
            AccessToken token = forChange(actor, target, TokenAction.DELETE);
            if (token.kind().backedByTechnicalUser() && target.capacity() == TokenTarget.Capacity.OWNER) {
                throw new InvalidStateException("Token " + token.id() + " is "
                        + (token.kind() == TokenKind.GROUP ? "a group" : "an organisation")
                        + " token; an admin deletes it, with its technical user, in"
                        + " Settings → Admin Console → Access tokens or with DELETE"
                        + " /api/2.0/token-management/tokens/" + token.id() + ". It can revoke itself.");
            }
            Instant now = now();
            AuditEvent.Builder deleted =
                    event(actor, AuditAction.TOKEN_DELETED, token, now).detail("status_before", token.statusAt(now));
            if (token.kind().backedByTechnicalUser()) {
                Principal technical =
                        principals.findById(actor.workspace(), token.owner()).orElse(null);
                principals.delete(actor.workspace(), token.owner()); // its token goes with it
                audit.record(
                        deleted.detail("technical_user_deleted", token.owner()).build());
                if (technical != null) {
                    audit.record(AuditEvent.by(actor, AuditAction.PRINCIPAL_DELETED, now)
                            .target("principal", String.valueOf(technical.id()))
                            .detail("before", technical.displayName() + " (technical user of token " + token.id() + ")")
                            .build());
                }
            } else if (tokens.delete(actor.workspace(), token.id())) {
                audit.record(deleted.build());
            } else {
                throw new TokenNotFoundException(token.id());
            }
        });
    }

    /** Shorthands for the actor's own token ({@code /api/2.0/token/…} and User settings). */
    public AccessToken revoke(Actor actor, TokenId id) {
        return revoke(actor, TokenTarget.own(id));
    }

    public AccessToken restore(Actor actor, TokenId id) {
        return restore(actor, TokenTarget.own(id));
    }

    public void delete(Actor actor, TokenId id) {
        delete(actor, TokenTarget.own(id));
    }

    public AccessToken narrowOwn(Actor actor, TokenId id, Collection<String> scopes) {
        return narrow(actor, TokenTarget.own(id), scopes);
    }

    /**
     * Stores an exact, externally chosen value as a never-expiring {@code all-apis} token of the owner.
     * Used once, at bootstrap, for automated set-ups (like Vault's dev root token).
     */
    public AccessToken importValue(Principal owner, String value, String comment) {
        if (!format.isWellFormed(value)) {
            throw new IllegalArgumentException("the value is not a well-formed " + format.prefix() + " token");
        }
        TokenSecret secret = new TokenSecret(value);
        Instant now = now();
        AccessToken token = AccessToken.builder()
                .id(TokenId.random(random))
                .workspace(owner.workspace())
                .owner(owner.id())
                .createdBy(owner.id())
                .comment(comment)
                .digest(secret.digest())
                .displayHint(secret.displayHint(format.prefix()))
                .scopes(Set.of(Scope.ALL_APIS))
                .createdAt(now)
                .build();
        tx.inTransaction(() -> {
            tokens.add(token);
            audit.record(created(Actor.of(owner, null), token, now));
        });
        return token;
    }

    /** The actor's own tokens; the canaries it created are not among them (they are managed, not used). */
    public List<AccessToken> listOwn(Actor actor) {
        return tokens.listByOwner(actor.workspace(), actor.principal()).stream()
                .filter(token -> token.kind() != TokenKind.CANARY)
                .toList();
    }

    /**
     * A canary token (kind {@code CANARY}): owned by its creator, so that its alerts reach them and the admins, with no
     * scopes, outside the quota and the workspace's lifetimes (it never authenticates, so a lifetime limits nothing);
     * same format and hashing as every token, so nobody can tell it from a real one. The caller checked the
     * permission ({@code token-management:write}).
     * @param lifetime null: it never expires
     */
    public IssuedToken issueCanary(Actor creator, String comment, Duration lifetime) {
        String checked = validComment(comment);
        return tx.inTransaction(() -> {
            Instant now = now();
            TokenSecret secret = format.generate(random);
            AccessToken token = AccessToken.builder()
                    .id(TokenId.random(random))
                    .workspace(creator.workspace())
                    .owner(creator.principal())
                    .createdBy(creator.principal())
                    .kind(TokenKind.CANARY)
                    .comment(checked)
                    .digest(secret.digest())
                    .displayHint(secret.displayHint(format.prefix()))
                    .scopes(Set.of())
                    .createdAt(now)
                    .expiresAt(lifetime == null ? null : now.plus(lifetime))
                    .build();
            tokens.add(token);
            audit.record(createdEvent(creator, token, now).build());
            return new IssuedToken(token, secret);
        });
    }

    private static void refuseForCanary(AccessToken token, String verb, String why) {
        if (token.kind() == TokenKind.CANARY) {
            throw new InvalidStateException(
                    "Token " + token.id() + " is a canary token, which is not " + verb + ": " + why + ".");
        }
    }

    /** The token, read for a change (locked until the transaction ends), once the policy allows the action. */
    private AccessToken forChange(Actor actor, TokenTarget target, TokenAction action) {
        AccessToken token = find(actor, target, true);
        access.require(actor, action, token, target);
        return token;
    }

    private AccessToken find(Actor actor, TokenTarget target, boolean forUpdate) {
        Optional<AccessToken> found = forUpdate
                ? tokens.findByIdForUpdate(actor.workspace(), target.id())
                : tokens.findById(actor.workspace(), target.id());
        return found.filter(token -> target.includes(token, actor.principal()))
                .orElseThrow(() -> new TokenNotFoundException(target.id()));
    }

    /** Under the row lock the compare-and-set always holds; failing it means the lock was not taken. */
    private void write(AccessToken token) {
        if (!tokens.update(token)) {
            throw new IllegalStateException("token " + token.id() + " changed while it was locked for a change");
        }
    }

    private static String keys(Set<Scope> scopes) {
        return String.join(" ", scopes.stream().map(Scope::key).toList());
    }

    private static String validComment(String comment) {
        String checked =
                Validation.optional(comment, CreateTokenCommand.COMMENT_FIELD, CreateTokenCommand.MAX_COMMENT_LENGTH);
        return checked == null ? "" : checked;
    }

    private static AuditEvent created(Actor actor, AccessToken token, Instant now) {
        return createdEvent(actor, token, now).build();
    }

    private static AuditEvent.Builder createdEvent(Actor actor, AccessToken token, Instant now) {
        return event(actor, AuditAction.TOKEN_CREATED, token, now)
                .detail("kind", token.kind())
                .detail("oauth_secret", token.oauthSecret())
                .detail("scopes", keys(token.scopes()))
                .detail("expires_at", token.expiresAt() == null ? "never" : token.expiresAt());
    }

    static AuditEvent.Builder event(Actor actor, AuditAction action, AccessToken token, Instant now) {
        return AuditEvent.by(actor, action, now)
                .target(TARGET, token.id().value())
                .detail("owner_id", token.owner())
                .detail("kind", token.kind())
                .detail("comment", token.comment())
                .detail("hint", token.displayHint());
    }

    /** Stored times have microsecond precision; truncating here keeps memory and database equal. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
