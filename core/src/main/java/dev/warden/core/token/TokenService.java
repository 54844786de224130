package dev.warden.core.token;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.QuotaExceededException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.workspace.WorkspaceId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Personal access tokens: create, list own, revoke, restore, delete. A caller only ever sees and
 * touches their own tokens; anybody else's token id answers as unknown, so existence never leaks.
 * Every change is written with its audit record in one transaction.
 */
public final class TokenService {
    private static final String TARGET = "token";
    public static final Duration MAX_ROTATION_GRACE = Duration.ofDays(7);

    private final TokenRepository tokens;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final TokenFormat format;
    private final TokenLifetimePolicy lifetimes;
    private final TokenIssueRules rules;
    private final SecureRandom random;
    private final Clock clock;

    public TokenService(TokenRepository tokens, AuditLog audit, TransactionRunner tx, TokenFormat format,
                        TokenIssueRules rules, TokenLifetimePolicy lifetimes, SecureRandom random, Clock clock) {
        this.tokens = tokens;
        this.audit = audit;
        this.tx = tx;
        this.format = format;
        this.rules = rules;
        this.lifetimes = lifetimes;
        this.random = random;
        this.clock = clock;
    }

    /** Without workspace rules: the installation's lifetimes, no quota, no usage check. */
    public TokenService(TokenRepository tokens, AuditLog audit, TransactionRunner tx, TokenFormat format,
                        TokenLifetimePolicy lifetimes, SecureRandom random, Clock clock) {
        this(tokens, audit, tx, format, TokenIssueRules.unrestricted(lifetimes), lifetimes, random, clock);
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
     * A token owned by {@code owner}, created by {@code creator} (an admin for an on-behalf-of, organisation or
     * group token). The owner's workspace rules apply: tokens enabled, the owner holds token usage permission,
     * lifetimes, quota.
     * @param group the group of a group token; null for every other kind
     */
    public IssuedToken issue(Actor creator, WorkspaceId workspace, PrincipalId owner, String ownerName, TokenKind kind,
                             GroupId group, CreateTokenCommand command) {
        Actor ownerActor = new Actor(workspace, owner, ownerName, creator.clientAddress());
        String comment = validComment(command.comment());
        Set<Scope> scopes = command.scopes() == null || command.scopes().isEmpty()
                ? Set.of(Scope.ALL_APIS)
                : Scope.parseAll(command.scopes(), CreateTokenCommand.SCOPES_FIELD);
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
                .comment(comment)
                .digest(secret.digest())
                .displayHint(secret.displayHint(format.prefix()))
                .scopes(scopes)
                .createdAt(now)
                .expiresAt(expiresAt)
                .build();
        return tx.inTransaction(() -> {
            int owned = tokens.listByOwner(workspace, owner).size();
            if (owned >= terms.quota()) {
                throw new QuotaExceededException(ownerName + " already owns " + owned + " tokens, the most one"
                        + " principal may own in this workspace (tokenQuotaPerPrincipal). Delete unused tokens first.");
            }
            tokens.add(token);
            audit.record(created(creator, token, now));
            return new IssuedToken(token, secret);
        });
    }

    /**
     * A new secret for the same token, shown once. The old one stops at once or after {@code grace} (at most
     * {@link #MAX_ROTATION_GRACE}, never beyond the expiry). Callers check who may rotate the token.
     */
    public IssuedToken rotate(Actor actor, AccessToken token, Duration grace) {
        if (grace == null || grace.isNegative() || grace.compareTo(MAX_ROTATION_GRACE) > 0) {
            throw new InvalidParameterException("grace_period_seconds", "grace_period_seconds must be from 0 to "
                    + MAX_ROTATION_GRACE.getSeconds() + " (7 days).");
        }
        TokenSecret secret = format.generate(random);
        Instant now = now();
        return tx.inTransaction(() -> {
            token.rotate(secret.digest(), secret.displayHint(format.prefix()), now, grace);
            tokens.update(token);
            audit.record(event(actor, AuditAction.TOKEN_ROTATED, token, now)
                    .detail("grace_seconds", grace.getSeconds())
                    .detail("previous_valid_until", token.previousValidUntil())
                    .build());
            return new IssuedToken(token, secret);
        });
    }

    /**
     * Keeps only some of a token's scopes; never widens (see {@link AccessToken#narrow}). Callers check who may
     * change the token.
     */
    public AccessToken narrow(Actor actor, AccessToken token, Collection<String> scopes) {
        Set<Scope> kept = Scope.parseAll(scopes == null ? List.of() : scopes, CreateTokenCommand.SCOPES_FIELD);
        String before = keys(token.scopes());
        token.narrow(kept);
        Instant now = now();
        return tx.inTransaction(() -> {
            tokens.updateScopes(token);
            audit.record(event(actor, AuditAction.TOKEN_SCOPES_NARROWED, token, now)
                    .detail("before", before)
                    .detail("after", keys(token.scopes()))
                    .build());
            return token;
        });
    }

    /** Narrows one of the actor's own tokens. */
    public AccessToken narrowOwn(Actor actor, TokenId id, Collection<String> scopes) {
        return tx.inTransaction(() -> narrow(actor, getOwn(actor, id), scopes));
    }

    private static String keys(Set<Scope> scopes) {
        return String.join(" ", scopes.stream().map(Scope::key).toList());
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

    public List<AccessToken> listOwn(Actor actor) {
        return tokens.listByOwner(actor.workspace(), actor.principal());
    }

    public AccessToken getOwn(Actor actor, TokenId id) {
        return tokens.findById(actor.workspace(), id)
                .filter(token -> token.owner().equals(actor.principal()))
                .orElseThrow(() -> new TokenNotFoundException(id));
    }

    public AccessToken revoke(Actor actor, TokenId id) {
        return tx.inTransaction(() -> {
            AccessToken token = getOwn(actor, id);
            Instant now = now();
            token.revoke(actor.principal(), now);
            tokens.update(token);
            audit.record(event(actor, AuditAction.TOKEN_REVOKED, token, now).build());
            return token;
        });
    }

    public AccessToken restore(Actor actor, TokenId id) {
        return tx.inTransaction(() -> {
            AccessToken token = getOwn(actor, id);
            Instant now = now();
            token.restore(now);
            tokens.update(token);
            audit.record(event(actor, AuditAction.TOKEN_RESTORED, token, now).build());
            return token;
        });
    }

    /**
     * Permanent: the token stops authenticating at once and cannot come back. An organisation or group token is
     * deleted by an admin, together with its technical user, never by itself.
     */
    public void delete(Actor actor, TokenId id) {
        tx.inTransaction(() -> {
            AccessToken token = getOwn(actor, id);
            if (token.kind().backedByTechnicalUser()) {
                throw new InvalidStateException("Token " + id + " is " + (token.kind() == TokenKind.GROUP ? "a group"
                        : "an organisation") + " token; an admin deletes it, with its technical user, in Settings →"
                        + " Admin Console → Access tokens or with DELETE /api/2.0/token-management/tokens/" + id
                        + ". It can revoke itself.");
            }
            Instant now = now();
            if (!tokens.delete(actor.workspace(), id)) {
                throw new TokenNotFoundException(id);
            }
            audit.record(event(actor, AuditAction.TOKEN_DELETED, token, now)
                    .detail("status_before", token.statusAt(now))
                    .build());
        });
    }

    private static String validComment(String comment) {
        if (comment == null) {
            return "";
        }
        String trimmed = comment.strip();
        if (trimmed.length() > CreateTokenCommand.MAX_COMMENT_LENGTH) {
            throw new InvalidParameterException(CreateTokenCommand.COMMENT_FIELD, CreateTokenCommand.COMMENT_FIELD
                    + " must be at most " + CreateTokenCommand.MAX_COMMENT_LENGTH + " characters; got "
                    + trimmed.length() + ".");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException(CreateTokenCommand.COMMENT_FIELD,
                    CreateTokenCommand.COMMENT_FIELD + " must not contain control characters.");
        }
        return trimmed;
    }

    private static AuditEvent created(Actor actor, AccessToken token, Instant now) {
        return event(actor, AuditAction.TOKEN_CREATED, token, now)
                .detail("kind", token.kind())
                .detail("scopes", keys(token.scopes()))
                .detail("expires_at", token.expiresAt() == null ? "never" : token.expiresAt())
                .build();
    }

    static AuditEvent.Builder event(Actor actor, AuditAction action, AccessToken token, Instant now) {
        return AuditEvent.by(actor, action, now)
                .target(TARGET, token.id().value())
                .detail("owner_id", token.owner())
                .detail("comment", token.comment())
                .detail("hint", token.displayHint());
    }

    /** Stored times have microsecond precision; truncating here keeps memory and database equal. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
