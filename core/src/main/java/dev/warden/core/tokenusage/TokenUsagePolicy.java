package dev.warden.core.tokenusage;

import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.role.EffectivePermissions;
import dev.warden.core.role.PermissionResolver;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may use tokens: workspace admins always (CAN_MANAGE, theirs alone), everyone else through a direct entry or a
 * group's entry in the token usage list (CAN_USE), computed on every call. Losing it suspends a principal's tokens;
 * nothing is deleted, so granting it again brings back those neither revoked nor expired.
 */
public final class TokenUsagePolicy {
    private final TokenUsageRepository acl;
    private final GroupRepository groups;
    private final PermissionResolver permissions;

    public TokenUsagePolicy(TokenUsageRepository acl, GroupRepository groups, PermissionResolver permissions) {
        this.acl = acl;
        this.groups = groups;
        this.permissions = permissions;
    }

    public Optional<TokenUsageLevel> levelOf(Principal principal) {
        return principal.active() ? levelOf(principal, permissions.of(principal)) : Optional.empty();
    }

    /** As {@link #levelOf(Principal)}, with the principal's permissions already resolved (the decision chain's). */
    public Optional<TokenUsageLevel> levelOf(Principal principal, EffectivePermissions held) {
        if (!principal.active()) {
            return Optional.empty();
        }
        return levelIn(acl.list(principal.workspace()), principal, held);
    }

    /**
     * The level a principal would have under a given list (for the impact preview of a change). A technical user
     * exists only to use its one token, so the admin who created it granted it {@code CAN_USE} by doing so.
     */
    public Optional<TokenUsageLevel> levelIn(List<TokenUsageEntry> entries, Principal principal) {
        return levelIn(entries, principal, permissions.of(principal));
    }

    /**
     * As {@link #levelIn(List, Principal)}, with given permissions: what a principal's level would be if its roles
     * changed (the impact of removing a role assignment).
     */
    public Optional<TokenUsageLevel> levelIn(
            List<TokenUsageEntry> entries, Principal principal, EffectivePermissions held) {
        if (held.isWorkspaceAdmin()) {
            return Optional.of(TokenUsageLevel.CAN_MANAGE);
        }
        if (principal.kind() == PrincipalKind.TECHNICAL_USER) {
            return Optional.of(TokenUsageLevel.CAN_USE);
        }
        Set<GroupId> memberOf = groups.groupsOf(principal.workspace(), principal.id()).stream()
                .map(Group::id)
                .collect(Collectors.toSet());
        // An entry grants CAN_USE whatever level it carries: CAN_MANAGE comes only with the workspace-admin role.
        return entries.stream()
                .filter(entry -> principal.id().equals(entry.principal())
                        || (entry.group() != null && memberOf.contains(entry.group())))
                .findAny()
                .map(entry -> TokenUsageLevel.CAN_USE);
    }

    public boolean mayUseTokens(Principal principal) {
        return levelOf(principal).isPresent();
    }

    /** The message every refusal for lack of token usage uses: who, what, and where an admin grants it. */
    public static String deniedMessage(Principal principal) {
        return principal.label() + " does not have permission to use tokens: no entry in the token usage list names "
                + principal.label() + " or one of its groups, so its tokens are suspended (not deleted). A workspace"
                + " admin grants it in Settings → Admin Console → Workspace settings → Permission Settings (Token"
                + " Usage), or with PATCH /api/2.0/permissions/authorization/tokens.";
    }
}
