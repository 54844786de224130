package dev.warden.core.token;

import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.shared.Validation;
import dev.warden.core.tokenusage.TokenUsagePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Every token of the workspace, for admins: the inventory (filters, keyset paging), one token, revoke, restore,
 * delete, rotate, and on-behalf-of tokens for service principals. Reads need {@code token-management:read},
 * changes {@code token-management:write}; every change is audited.
 */
public final class TokenManagementService {
    public static final int MAX_PAGE = 1000;
    /** The most tokens one bulk revoke takes out of service; beyond it, narrow the filter. */
    public static final int MAX_BULK = 10_000;

    public static final int MAX_REASON = 500;
    /** A canary may be asked to expire; beyond this it might as well not. */
    public static final long MAX_CANARY_LIFETIME_SECONDS = 100L * 365 * 24 * 3600;

    private final TokenRepository tokens;
    private final TokenService tokenService;
    private final PrincipalRepository principals;
    private final TokenUsagePolicy usage;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final TransactionRunner tx;

    public TokenManagementService(
            TokenRepository tokens,
            TokenService tokenService,
            PrincipalRepository principals,
            TokenUsagePolicy usage,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx) {
        this.tokens = tokens;
        this.tokenService = tokenService;
        this.principals = principals;
        this.usage = usage;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
    }

    /** A page of the inventory, newest first; pass the last token of a page as the cursor of the next. */
    public List<AccessToken> list(Actor actor, TokenFilter filter, TokenCursor after, int limit) {
        return list(actor, filter, TokenSort.NEWEST, after, limit);
    }

    /** A page of the inventory in this order; the cursor comes from the last token of a page in the same order. */
    public List<AccessToken> list(Actor actor, TokenFilter filter, TokenSort sort, TokenCursor after, int limit) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_READ);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidParameterException("page_size", "page_size must be from 1 to " + MAX_PAGE + ".");
        }
        return tokens.search(actor.workspace(), filter, sort, after, limit);
    }

    /** How many tokens of the inventory match the filter (the total a page of {@link #list} is part of). */
    public int count(Actor actor, TokenFilter filter) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_READ);
        return tokens.count(actor.workspace(), filter);
    }

    /** The token's audit history, newest first: its own events and the bulk revokes that took it. */
    public List<AuditEvent> history(Actor actor, TokenId id, int limit) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_READ);
        tokenService.get(actor, TokenTarget.managed(id));
        return audit.history(actor.workspace(), "token", id.value(), limit);
    }

    /** Whether the actor may do this to the token through token management (the console shows only what works). */
    public boolean allows(Actor actor, TokenAction action, AccessToken token) {
        return tokenService.allows(actor, action, token, TokenTarget.managed(token.id()));
    }

    public AccessToken get(Actor actor, TokenId id) {
        return tokenService.get(actor, TokenTarget.managed(id));
    }

    public AccessToken revoke(Actor actor, TokenId id) {
        return tokenService.revoke(actor, TokenTarget.managed(id));
    }

    public AccessToken restore(Actor actor, TokenId id) {
        return tokenService.restore(actor, TokenTarget.managed(id));
    }

    /** Permanent. An organisation or group token goes with its technical user. */
    public void delete(Actor actor, TokenId id) {
        tokenService.delete(actor, TokenTarget.managed(id));
    }

    /** What a bulk revoke with this filter would take out of service: the tokens that work now, and their owners. */
    public BulkRevokePreview previewBulkRevoke(Actor actor, TokenFilter filter) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_WRITE);
        List<AccessToken> matching = revocable(actor, filter);
        return new BulkRevokePreview(Math.min(matching.size(), MAX_BULK), owners(matching), matching.size() > MAX_BULK);
    }

    /**
     * Revokes every token of the filter that works now (not revoked, not expired), at most {@link #MAX_BULK} at once,
     * with a reason; one audit record lists them all.
     */
    public BulkRevocation bulkRevoke(Actor actor, TokenFilter filter, String reason) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_WRITE);
        String why = Validation.optional(reason, "reason", MAX_REASON);
        if (why == null || why.isEmpty()) {
            throw new InvalidParameterException(
                    "reason",
                    "reason is required (1 to " + MAX_REASON + " characters):"
                            + " it is kept in the audit log with the revoked tokens.");
        }
        return tx.inTransaction(() -> {
            List<AccessToken> matching = revocable(actor, filter);
            if (matching.size() > MAX_BULK) {
                throw new InvalidParameterException(
                        "filter",
                        "More than " + MAX_BULK + " tokens match; narrow the"
                                + " filter (owner, kind, scope, creator) and revoke in several steps.");
            }
            List<AccessToken> revoked = tokenService.revokeAll(actor, matching, why, describe(filter));
            return new BulkRevocation(
                    revoked.stream().map(token -> token.id().value()).toList(), owners(revoked));
        });
    }

    /**
     * The tokens of the filter that work now, up to one more than {@link #MAX_BULK}, by keyset pages; canary tokens
     * only when the filter names their kind.
     */
    private List<AccessToken> revocable(Actor actor, TokenFilter filter) {
        if (filter.status() == TokenStatus.REVOKED || filter.status() == TokenStatus.EXPIRED) {
            return List.of();
        }
        TokenFilter active = new TokenFilter(
                filter.owner(),
                filter.createdBy(),
                TokenStatus.ACTIVE,
                filter.kind(),
                filter.scope(),
                filter.expiringBefore(),
                filter.unusedSince(),
                filter.neverUsed(),
                filter.now(),
                filter.group());
        List<AccessToken> found = new ArrayList<>();
        TokenCursor cursor = null;
        while (found.size() <= MAX_BULK) {
            List<AccessToken> page = tokens.search(actor.workspace(), active, cursor, MAX_PAGE);
            // a canary works for nobody: an incident's bulk revoke must not disarm it, unless it asks for canaries
            page.stream()
                    .filter(token -> token.kind() != TokenKind.CANARY || filter.kind() == TokenKind.CANARY)
                    .forEach(found::add);
            if (page.size() < MAX_PAGE) {
                break;
            }
            cursor = TokenCursor.after(page.get(page.size() - 1));
        }
        return found;
    }

    private static int owners(List<AccessToken> tokens) {
        return (int) tokens.stream()
                .limit(MAX_BULK)
                .map(AccessToken::owner)
                .distinct()
                .count();
    }

    private static String describe(TokenFilter filter) {
        List<String> parts = new ArrayList<>();
        if (filter.owner() != null) parts.add("owner=" + filter.owner());
        if (filter.createdBy() != null) parts.add("created_by=" + filter.createdBy());
        if (filter.status() != null) parts.add("status=" + filter.status());
        if (filter.kind() != null) parts.add("kind=" + filter.kind());
        if (filter.group() != null) parts.add("group=" + filter.group());
        if (filter.scope() != null) parts.add("scope=" + filter.scope());
        if (filter.expiringBefore() != null) parts.add("expiring_before=" + filter.expiringBefore());
        if (filter.unusedSince() != null) parts.add("unused_since=" + filter.unusedSince());
        if (filter.neverUsed()) parts.add("never_used");
        return parts.isEmpty() ? "all tokens" : String.join(" ", parts);
    }

    /** Keeps only some of any workspace token's scopes; never widens. */
    public AccessToken narrow(Actor actor, TokenId id, Collection<String> scopes) {
        return tokenService.narrow(actor, TokenTarget.managed(id), scopes);
    }

    /** Narrows the scopes and/or changes the comment of any token the actor manages (see {@link TokenService#update}). */
    public AccessToken update(Actor actor, TokenId id, TokenUpdate update) {
        return tokenService.update(actor, TokenTarget.managed(id), update);
    }

    /** A new secret for any token of the workspace, to someone who holds what it can do; see {@link TokenService#rotate}. */
    public IssuedToken rotate(Actor actor, TokenId id, Duration grace) {
        return tokenService.rotate(actor, TokenTarget.managed(id), grace);
    }

    /**
     * A canary token for the workspace, owned by the calling admin (see {@link TokenService#issueCanary}); its value is
     * in the result, once.
     * @param lifetimeSeconds null: it never expires
     */
    public IssuedToken createCanary(Actor actor, String comment, Long lifetimeSeconds) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_WRITE);
        if (comment == null || comment.isBlank()) {
            throw new InvalidParameterException(
                    "comment",
                    "comment is required: say where this canary token will be planted (\"CI secrets of repo x\"),"
                            + " so that its alert tells you where someone found it.");
        }
        if (lifetimeSeconds != null && (lifetimeSeconds < 1 || lifetimeSeconds > MAX_CANARY_LIFETIME_SECONDS)) {
            throw new InvalidParameterException(
                    "lifetime_seconds",
                    "lifetime_seconds must be from 1 to " + MAX_CANARY_LIFETIME_SECONDS
                            + " (100 years), or left out for a canary that never expires.");
        }
        return tokenService.issueCanary(
                actor, comment, lifetimeSeconds == null ? null : Duration.ofSeconds(lifetimeSeconds));
    }

    /**
     * A token owned by a service principal (named by its applicationId), created by the calling admin. When the
     * service principal lacks token usage permission, the refusal says exactly that and how to grant it.
     */
    public IssuedToken createOnBehalfOf(Actor actor, String applicationId, CreateTokenCommand command) {
        Principal owner = onBehalfOwner(actor, applicationId);
        return tokenService.issue(
                actor, actor.workspace(), owner.id(), owner.name(), TokenKind.ON_BEHALF_OF, null, command);
    }

    /**
     * What a token on behalf of this service principal may be now (lifetimes, quota, the scopes its roles grant),
     * for the console's create dialog; the same refusals as {@link #createOnBehalfOf}.
     */
    public TokenIssueTerms termsOnBehalfOf(Actor actor, String applicationId) {
        Principal owner = onBehalfOwner(actor, applicationId);
        return tokenService.termsFor(new Actor(actor.workspace(), owner.id(), owner.name(), actor.clientAddress()));
    }

    /** The service principal a token on behalf of it would belong to, once the actor may create one. */
    private Principal onBehalfOwner(Actor actor, String applicationId) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_WRITE);
        if (applicationId == null || applicationId.isBlank()) {
            throw new InvalidParameterException(
                    "application_id",
                    "application_id is required: the applicationId of"
                            + " the service principal that will own the token.");
        }
        Principal owner = principals
                .findByApplicationId(actor.workspace(), applicationId.strip().toLowerCase(Locale.ROOT))
                .filter(p -> p.kind() == PrincipalKind.SERVICE_PRINCIPAL)
                .orElseThrow(() -> new InvalidParameterException(
                        "application_id",
                        "No service principal has applicationId " + Validation.echo(applicationId.strip())
                                + " in this workspace."));
        if (!owner.active()) {
            throw new AccessRefusedException(
                    DenialReason.OWNER_INACTIVE,
                    "Service principal " + owner.label()
                            + " is deactivated; reactivate it before creating a token for it.");
        }
        if (!usage.mayUseTokens(owner)) {
            throw new AccessRefusedException(
                    DenialReason.NO_TOKEN_USAGE_PERMISSION,
                    "Cannot create a token on behalf of " + owner.displayName() + ": "
                            + TokenUsagePolicy.deniedMessage(owner));
        }
        return owner;
    }

    /** What {@link #bulkRevoke} would do: {@code more} when over {@link #MAX_BULK} tokens match. */
    public record BulkRevokePreview(int tokens, int owners, boolean more) {}

    public record BulkRevocation(List<String> tokenIds, int owners) {}
}
