package dev.warden.core.token;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.Grant;
import dev.warden.core.role.PermissionResolver;
import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.tokenusage.TokenUsagePolicy;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The workspace's rules for new tokens: tokens enabled, the owner holds token usage permission, lifetimes within
 * the workspace's cap (never beyond the installation's), the per-principal quota, and scopes within what the
 * owner's roles grant now.
 */
public final class TokenIssuePolicy implements TokenIssueRules {
    private final SettingsRepository settings;
    private final TokenUsagePolicy usage;
    private final PrincipalRepository principals;
    private final PermissionResolver permissions;
    private final TokenLifetimePolicy installation;

    public TokenIssuePolicy(
            SettingsRepository settings,
            TokenUsagePolicy usage,
            PrincipalRepository principals,
            PermissionResolver permissions,
            TokenLifetimePolicy installation) {
        this.settings = settings;
        this.usage = usage;
        this.principals = principals;
        this.permissions = permissions;
        this.installation = installation;
    }

    @Override
    public TokenIssueTerms termsFor(Actor owner, TokenKind kind) {
        WorkspaceSettings current = settings.get(owner.workspace());
        if (!current.tokensEnabled()) {
            throw new AccessRefusedException(
                    DenialReason.TOKENS_DISABLED,
                    "Tokens are disabled in this workspace,"
                            + " so none can be created. A workspace admin turns them on in Settings → Admin Console →"
                            + " Workspace settings (enableTokensConfig).");
        }
        Principal principal = principals
                .findById(owner.workspace(), owner.principal())
                .orElseThrow(
                        () -> new ResourceNotFoundException("Principal " + owner.principal() + " does not exist."));
        if (principal.kind() == PrincipalKind.TECHNICAL_USER && !kind.backedByTechnicalUser()) {
            throw new PermissionDeniedException(
                    Permission.TOKENS_WRITE.key(),
                    principal.label() + " is a technical"
                            + " user: it owns only the organisation or group token it was created for, and gets no other.");
        }
        if (!usage.mayUseTokens(principal)) {
            throw new AccessRefusedException(
                    DenialReason.NO_TOKEN_USAGE_PERMISSION, TokenUsagePolicy.deniedMessage(principal));
        }
        Set<Permission> grantable = permissions.of(principal).grants().stream()
                .map(Grant::permission)
                .collect(Collectors.toSet());
        return new TokenIssueTerms(lifetimes(current), current.tokenQuota(), grantable);
    }

    /**
     * The lifetimes a new token of this workspace gets: the installation's narrowed by the workspace's settings. No
     * permission check: the form that creates a token shows them to whoever may create one.
     */
    public TokenLifetimePolicy lifetimes(WorkspaceId workspace) {
        return lifetimes(settings.get(workspace));
    }

    /** The installation's lifetimes narrowed by the workspace's settings. */
    public TokenLifetimePolicy lifetimes(WorkspaceSettings current) {
        Duration max = installation.maxLifetime();
        if (current.maxTokenLifetimeDays() != null
                && Duration.ofDays(current.maxTokenLifetimeDays()).compareTo(max) < 0) {
            max = Duration.ofDays(current.maxTokenLifetimeDays());
        }
        Duration preferred = current.defaultTokenLifetimeDays() == null
                ? installation.defaultLifetime()
                : Duration.ofDays(current.defaultTokenLifetimeDays());
        return new TokenLifetimePolicy(preferred.compareTo(max) > 0 ? max : preferred, max);
    }
}
