package dev.warden.core.administration;

import dev.warden.core.access.AccessPolicy;
import dev.warden.core.access.AccessRefusedException;
import dev.warden.core.access.DenialReason;
import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenCursor;
import dev.warden.core.token.TokenFilter;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenNotFoundException;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenService;
import dev.warden.core.tokenusage.TokenUsagePolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Every token of the workspace, for admins: the inventory (filters, keyset paging), one token, revoke, restore,
 * delete, rotate, and on-behalf-of tokens for service principals. Reads need {@code token-management:read},
 * changes {@code token-management:write}; every change is audited.
 */
public final class TokenManagementService {
    public static final int MAX_PAGE = 1000;

    private final TokenRepository tokens;
    private final TokenService tokenService;
    private final PrincipalRepository principals;
    private final TokenUsagePolicy usage;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final Clock clock;

    public TokenManagementService(TokenRepository tokens, TokenService tokenService, PrincipalRepository principals,
                                  TokenUsagePolicy usage, AccessPolicy access, AuditLog audit, TransactionRunner tx,
                                  Clock clock) {
        this.tokens = tokens;
        this.tokenService = tokenService;
        this.principals = principals;
        this.usage = usage;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** A page of the inventory, newest first; pass the last token of a page as the cursor of the next. */
    public List<AccessToken> list(Actor actor, TokenFilter filter, TokenCursor after, int limit) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_READ);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidParameterException("page_size", "page_size must be from 1 to " + MAX_PAGE + ".");
        }
        return tokens.search(actor.workspace(), filter, after, limit);
    }

    public AccessToken get(Actor actor, TokenId id) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_READ);
        return find(actor, id);
    }

    public AccessToken revoke(Actor actor, TokenId id) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_WRITE);
        return tx.inTransaction(() -> {
            AccessToken token = find(actor, id);
            Instant now = now();
            token.revoke(actor.principal(), now);
            tokens.update(token);
            audit.record(event(actor, AuditAction.TOKEN_REVOKED, token, now).build());
            return token;
        });
    }

    public AccessToken restore(Actor actor, TokenId id) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_WRITE);
        return tx.inTransaction(() -> {
            AccessToken token = find(actor, id);
            Instant now = now();
            token.restore(now);
            tokens.update(token);
            audit.record(event(actor, AuditAction.TOKEN_RESTORED, token, now).build());
            return token;
        });
    }

    public void delete(Actor actor, TokenId id) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_WRITE);
        tx.inTransaction(() -> {
            AccessToken token = find(actor, id);
            Instant now = now();
            if (!tokens.delete(actor.workspace(), id)) {
                throw new TokenNotFoundException(id);
            }
            audit.record(event(actor, AuditAction.TOKEN_DELETED, token, now)
                    .detail("status_before", token.statusAt(now)).build());
        });
    }

    /** A new secret for any token of the workspace; see {@link TokenService#rotate}. */
    public IssuedToken rotate(Actor actor, TokenId id, Duration grace) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_WRITE);
        return tx.inTransaction(() -> tokenService.rotate(actor, find(actor, id), grace));
    }

    /**
     * A token owned by a service principal (named by its applicationId), created by the calling admin. When the
     * service principal lacks token usage permission, the refusal says exactly that and how to grant it.
     */
    public IssuedToken createOnBehalfOf(Actor actor, String applicationId, CreateTokenCommand command) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_WRITE);
        if (applicationId == null || applicationId.isBlank()) {
            throw new InvalidParameterException("application_id", "application_id is required: the applicationId of"
                    + " the service principal that will own the token.");
        }
        Principal owner = principals.findByApplicationId(actor.workspace(), applicationId.strip().toLowerCase())
                .filter(p -> p.kind() == PrincipalKind.SERVICE_PRINCIPAL)
                .orElseThrow(() -> new InvalidParameterException("application_id", "No service principal has"
                        + " applicationId '" + applicationId.strip() + "' in this workspace."));
        if (!owner.active()) {
            throw new AccessRefusedException(DenialReason.OWNER_INACTIVE, "Service principal " + owner.name()
                    + " is deactivated; reactivate it before creating a token for it.");
        }
        if (!usage.mayUseTokens(owner)) {
            throw new AccessRefusedException(DenialReason.NO_TOKEN_USAGE_PERMISSION,
                    "Cannot create a token on behalf of " + owner.displayName() + ": " + TokenUsagePolicy.deniedMessage(owner));
        }
        return tokenService.issue(actor, actor.workspace(), owner.id(), owner.name(), TokenKind.ON_BEHALF_OF, command);
    }

    private AccessToken find(Actor actor, TokenId id) {
        return tokens.findById(actor.workspace(), id).orElseThrow(() -> new TokenNotFoundException(id));
    }

    private static AuditEvent.Builder event(Actor actor, AuditAction action, AccessToken token, Instant now) {
        return AuditEvent.by(actor, action, now)
                .target("token", token.id().value())
                .detail("owner_id", token.owner())
                .detail("kind", token.kind())
                .detail("comment", token.comment())
                .detail("hint", token.displayHint());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
