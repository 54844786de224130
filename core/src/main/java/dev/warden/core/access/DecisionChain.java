package dev.warden.core.access;

import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.EffectivePermissions;
import dev.warden.core.role.PermissionResolver;
import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.DenialReason;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenFormat;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenStatus;
import dev.warden.core.token.VersionedToken;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsagePolicy;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one decision chain every token-authenticated request walks, in order, stopping at the first
 * failure. Steps that later features add (tokens enabled, token usage permission, role, scope) slot in
 * between the existing ones in the order DESIGN gives; the console, the API and introspection all call
 * this class, never a copy of it.
 */
public final class DecisionChain {
    /** The refusal of a value Warden does not know, and of a canary token. */
    private static final String UNKNOWN = "The access token is not known to Warden: it was deleted, or it was never"
            + " issued here. Create a new token.";

    private final TokenFormat format;
    private final TokenRepository tokens;
    private final PrincipalRepository principals;
    private final PermissionResolver permissions;
    private final SettingsRepository settings;
    private final TokenUsagePolicy usage;
    private final AuthorizationCache cache;
    private final Clock clock;

    /** Without a cache: every request resolves its owner afresh. */
    public DecisionChain(
            TokenFormat format,
            TokenRepository tokens,
            PrincipalRepository principals,
            PermissionResolver permissions,
            SettingsRepository settings,
            TokenUsagePolicy usage,
            Clock clock) {
        this(format, tokens, principals, permissions, settings, usage, AuthorizationCache.NONE, clock);
    }

    /**
     * @param cache what this node resolved for token owners, per workspace and authorisation version; a request
     *              presenting a token reads that version with its token and so never sees an entry older than the
     *              last change
     */
    public DecisionChain(
            TokenFormat format,
            TokenRepository tokens,
            PrincipalRepository principals,
            PermissionResolver permissions,
            SettingsRepository settings,
            TokenUsagePolicy usage,
            AuthorizationCache cache,
            Clock clock) {
        this.format = format;
        this.tokens = tokens;
        this.principals = principals;
        this.permissions = permissions;
        this.settings = settings;
        this.usage = usage;
        this.cache = cache;
        this.clock = clock;
    }

    /** The whole chain for one request: authenticate the value, then authorise the permission it needs. */
    public Decision evaluate(String presented, Permission required) {
        Decision authenticated = evaluate(presented);
        return authenticated.allowed() ? authorize(authenticated, required) : authenticated;
    }

    /**
     * The steps after authentication, for the permission an endpoint declares. Called by the API once the route
     * (and so its permission) is known; {@link #evaluate(String, Permission)} runs both halves in one go.
     */
    public Decision authorize(Decision authenticated, Permission required) {
        return authorize(authenticated, required, null);
    }

    /**
     * As {@link #authorize(Decision, Permission)}, for an endpoint acting on one group: the permission may also
     * be held at that group's scope ({@code group} null: workspace scope only).
     */
    public Decision authorize(Decision authenticated, Permission required, GroupId group) {
        if (!authenticated.allowed()) {
            return authenticated;
        }
        Trace trace = new Trace(authenticated.lines());
        Principal owner = authenticated.owner();
        AccessToken token = authenticated.token();
        trace.identify(token);
        EffectivePermissions held =
                authenticated.ownerPermissions() != null ? authenticated.ownerPermissions() : permissions.of(owner);
        if (group == null ? !held.holds(required) : !held.holds(required, group)) {
            String where = group == null ? "" : " (workspace-wide or on group " + group + ")";
            List<String> roles = held.roleNames();
            return trace.deny(
                    Step.ROLE_GRANTS_PERMISSION,
                    DenialReason.ROLE_LACKS_PERMISSION,
                    "The owner of this token, " + owner.label() + ", lacks the permission '" + required.key()
                            + "'" + where + " that this endpoint needs. Roles held: "
                            + (roles.isEmpty() ? "none" : String.join(", ", roles)) + ". A workspace admin can give "
                            + owner.label() + " a role with '" + required.key() + "'.",
                    Map.of(Denial.REQUIRED_PERMISSION, List.of(required.key()), Denial.ROLES, roles));
        }
        trace.pass(
                Step.ROLE_GRANTS_PERMISSION,
                () -> "'" + required.key() + "' granted by "
                        + String.join(
                                ", ",
                                held.grants().stream()
                                        .filter(g -> g.permission().equals(required)
                                                && (g.atWorkspaceScope()
                                                        || g.scope().id().equals(group)))
                                        .map(g -> g.role().name()
                                                + (g.inherited()
                                                        ? " via group "
                                                                + g.via().displayName()
                                                        : ""))
                                        .distinct()
                                        .toList()));

        Scope covering = covering(token, required);
        if (covering == null) {
            List<String> scopes = scopeKeys(token);
            return trace.deny(
                    Step.SCOPE_GRANTS_PERMISSION,
                    DenialReason.SCOPE_MISSING,
                    "This endpoint needs the scope '" + required.key() + "', and token " + describe(token)
                            + " holds only " + String.join(", ", scopes) + ". Scopes never widen: create a token"
                            + " with '" + required.key() + "' (its owner " + owner.label() + " holds it), or call an"
                            + " endpoint within this token's scopes.",
                    Map.of(Denial.REQUIRED_SCOPE, List.of(required.key()), Denial.TOKEN_SCOPES, scopes));
        }
        trace.pass(
                Step.SCOPE_GRANTS_PERMISSION,
                () -> "'" + required.key() + "' is within the token's scope '" + covering.key() + "' (scopes: "
                        + String.join(", ", scopeKeys(token)) + ")");
        return trace.allow(token, owner, held);
    }

    /** The first of the token's scopes that covers the permission, or null. */
    private static Scope covering(AccessToken token, Permission required) {
        for (Scope scope : token.scopes()) {
            if (scope.covers(required)) {
                return scope;
            }
        }
        return null;
    }

    private static List<String> scopeKeys(AccessToken token) {
        return token.scopes().stream().map(Scope::key).toList();
    }

    /**
     * Step 1 for a request that carried credentials of another scheme (Basic, Digest…): no token was presented,
     * but the caller did try, so the answer says which scheme Warden takes rather than that nothing was sent.
     * @param scheme the scheme the caller used, as sent (echoed only when it looks like a scheme name)
     */
    public Decision refuseScheme(String scheme) {
        String named =
                scheme != null && scheme.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,32}") ? "'" + scheme + "'" : "These";
        return new Trace()
                .deny(
                        Step.PRESENTED,
                        DenialReason.TOKEN_MISSING,
                        "Warden takes Bearer tokens only. " + named + " credentials are not accepted: send"
                                + " 'Authorization: Bearer <token>' with a Warden access token.");
    }

    public Decision evaluate(String presented) {
        return evaluateIn(presented, null);
    }

    /**
     * As {@link #evaluate(String)}, for a caller that belongs to one workspace (a registered service introspecting): a
     * token of another workspace is unknown at step 2, whatever its state, so the caller learns nothing about it.
     * @param workspace the caller's workspace; null for any
     */
    public Decision evaluateIn(String presented, WorkspaceId workspace) {
        Trace trace = new Trace();
        if (presented == null || presented.isBlank()) {
            return trace.deny(
                    Step.PRESENTED,
                    DenialReason.TOKEN_MISSING,
                    "No access token was presented. Send one as 'Authorization: Bearer <token>'.");
        }
        trace.pass(Step.PRESENTED, () -> "a bearer value of " + presented.length() + " characters");

        if (!format.isWellFormed(presented)) {
            return trace.deny(
                    Step.FORMAT,
                    DenialReason.TOKEN_MALFORMED,
                    "The access token is malformed: a Warden token is " + format.length()
                            + " characters starting with '"
                            + format.prefix() + "' and ending in a checksum, and this value does not match."
                            + " Copy the whole token again; it may have been cut or mistyped.");
        }
        trace.pass(Step.FORMAT, () -> "prefix '" + format.prefix() + "', checksum matches");

        TokenDigest digest = TokenDigest.of(presented);
        Instant now = clock.instant();
        // The one statement of a warm request: the token row with its workspace's authorisation version.
        // After a rotation the previous secret keeps working only inside its grace period.
        Optional<VersionedToken> found = tokens.findByDigestWithVersion(digest)
                .filter(read ->
                        read.token().digest().matches(digest) || read.token().acceptsPrevious(digest, now))
                .filter(read -> workspace == null || read.token().workspace().equals(workspace));
        if (found.isEmpty()) {
            return trace.deny(Step.KNOWN, DenialReason.TOKEN_UNKNOWN, UNKNOWN);
        }
        AccessToken token = found.get().token();
        if (token.kind() == TokenKind.CANARY) {
            // Word for word the refusal of an unknown value, so that whoever holds it cannot tell; only an armed
            // canary raises an alert, which the caller hands on off the request path.
            return trace.denyCanary(token.statusAt(now) == TokenStatus.ACTIVE ? token : null);
        }
        long version = found.get().authorizationVersion();
        trace.pass(Step.KNOWN, () -> "token " + token.id() + " (" + token.displayHint() + ")");
        return evaluateFrom(
                token,
                trace,
                () -> cache.get(
                        new AuthorizationCache.Key(token.workspace(), version, token.owner()),
                        key -> resolve(key.workspace(), key.owner())));
    }

    /**
     * The chain for a stored token, as if its current secret were presented: steps 1 and 2 pass by the token's id,
     * every later step is the one real requests walk (check access asks this). It resolves the owner afresh rather
     * than from the cache: check access shows the state of this moment, whichever node answers.
     */
    public Decision evaluateStored(AccessToken token) {
        Trace trace = new Trace();
        trace.pass(Step.PRESENTED, () -> "checked by token id " + token.id() + ", not by its secret");
        trace.pass(Step.FORMAT, () -> "the secret of a stored token has Warden's format");
        if (token.kind() == TokenKind.CANARY) {
            // asked by an admin, who may know: the refusal a caller gets, and why
            return trace.deny(
                    Step.KNOWN,
                    DenialReason.TOKEN_UNKNOWN,
                    "Token " + describe(token) + " is a canary token: every use is refused as if it were unknown"
                            + " (TOKEN_UNKNOWN) and, while it is active, raises an alert.");
        }
        trace.pass(Step.KNOWN, () -> "token " + token.id() + " (" + token.displayHint() + ")");
        return evaluateFrom(token, trace, () -> resolve(token.workspace(), token.owner()));
    }

    /**
     * Steps 3 to 6, for a token found by its secret or by its id. What they need about the owner and workspace comes
     * from {@code resolved}, asked only once the token itself passed (a revoked or expired token costs nothing more).
     */
    private Decision evaluateFrom(AccessToken token, Trace trace, Supplier<ResolvedOwner> resolved) {
        Instant now = clock.instant();
        trace.identify(token);
        if (token.isRevoked()) {
            return trace.deny(
                    Step.NOT_REVOKED,
                    DenialReason.TOKEN_REVOKED,
                    "The access token " + describe(token) + " was revoked at " + token.revokedAt()
                            + ". Its owner can restore it, or create a new token.");
        }
        trace.pass(Step.NOT_REVOKED, () -> "not revoked");

        if (token.isExpiredAt(now)) {
            return trace.deny(
                    Step.NOT_EXPIRED,
                    DenialReason.TOKEN_EXPIRED,
                    "The access token " + describe(token) + " expired at " + token.expiresAt()
                            + ". Create a new token.");
        }
        trace.pass(
                Step.NOT_EXPIRED,
                () -> token.expiresAt() == null ? "never expires" : "expires at " + token.expiresAt());

        ResolvedOwner resolution = resolved.get();
        if (!resolution.tokensEnabled()) {
            return trace.deny(
                    Step.TOKENS_ENABLED,
                    DenialReason.TOKENS_DISABLED,
                    "Tokens are disabled in this workspace, so no token authenticates; none was deleted. A workspace"
                            + " admin turns them on in Settings → Admin Console → Workspace settings (enableTokensConfig).");
        }
        trace.pass(Step.TOKENS_ENABLED, () -> "enableTokensConfig is true");

        Principal owner = resolution.owner();
        if (owner == null) {
            return trace.deny(
                    Step.OWNER_ACTIVE,
                    DenialReason.OWNER_INACTIVE,
                    "The owner of access token " + describe(token) + " (principal " + token.owner()
                            + ") is deactivated. A workspace admin can reactivate the owner.");
        }
        trace.pass(Step.OWNER_ACTIVE, () -> owner.label() + " is active");

        TokenUsageLevel level = resolution.level();
        if (level == null) {
            return trace.deny(
                    Step.TOKEN_USAGE, DenialReason.NO_TOKEN_USAGE_PERMISSION, TokenUsagePolicy.deniedMessage(owner));
        }
        trace.pass(Step.TOKEN_USAGE, () -> owner.label() + " holds " + level);

        return trace.allow(token, owner, resolution.permissions());
    }

    /**
     * What steps 5 to 7 read about the owner and its workspace, read now, and only as far as the chain would go:
     * the workspace's settings, then the owner, then its permissions and token usage level.
     */
    private ResolvedOwner resolve(WorkspaceId workspace, PrincipalId ownerId) {
        if (!settings.get(workspace).tokensEnabled()) {
            return ResolvedOwner.TOKENS_DISABLED;
        }
        Optional<Principal> owner = principals.findById(workspace, ownerId).filter(Principal::active);
        if (owner.isEmpty()) {
            return new ResolvedOwner(true, null, EffectivePermissions.NONE, null);
        }
        EffectivePermissions held = permissions.of(owner.get());
        return new ResolvedOwner(
                true, owner.get(), held, usage.levelOf(owner.get(), held).orElse(null));
    }

    private static String describe(AccessToken token) {
        return token.comment().isEmpty() ? token.id().value() : "'" + token.comment() + "' (" + token.id() + ")";
    }

    /** The steps walked so far; a passing step's text is a supplier, written only if the trace is shown. */
    private static final class Trace {
        private final List<Decision.Line> lines;
        private AccessToken identified;

        Trace() {
            lines = new ArrayList<>(Step.values().length);
        }

        Trace(List<Decision.Line> before) {
            lines = new ArrayList<>(Step.values().length);
            lines.addAll(before);
        }

        /** From step 3 on, a refusal is a refusal of this token (recent refusals are kept per token). */
        void identify(AccessToken token) {
            identified = token;
        }

        void pass(Step step, Supplier<String> detail) {
            lines.add(new Decision.Line(step, true, detail));
        }

        Decision allow(AccessToken token, Principal owner, EffectivePermissions held) {
            return new Decision(token, owner, null, lines, held, token);
        }

        Decision deny(Step step, DenialReason reason, String message) {
            return deny(step, reason, message, Map.of());
        }

        /** Refused as unknown, not identified (no recent refusals are kept for it), the canary carried along. */
        Decision denyCanary(AccessToken armed) {
            lines.add(new Decision.Line(Step.KNOWN, false, () -> UNKNOWN));
            return new Decision(
                    null, null, new Denial(DenialReason.TOKEN_UNKNOWN, UNKNOWN, Map.of()), lines, null, null, armed);
        }

        Decision deny(Step step, DenialReason reason, String message, Map<String, List<String>> facts) {
            lines.add(new Decision.Line(step, false, () -> message));
            return new Decision(null, null, new Denial(reason, message, facts), lines, null, identified);
        }
    }
}
