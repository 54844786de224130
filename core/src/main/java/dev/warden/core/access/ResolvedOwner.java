package dev.warden.core.access;

import dev.warden.core.principal.Principal;
import dev.warden.core.role.EffectivePermissions;
import dev.warden.core.tokenusage.TokenUsageLevel;
import java.util.Objects;

/**
 * What steps 5 to 7 of the decision chain need to know about a token's owner and workspace, resolved once: whether
 * tokens are enabled, the owner if it exists and is active, its effective permissions and its token usage level.
 * Resolution stops where the chain would stop: with tokens disabled nothing else is read, with the owner gone or
 * inactive neither permissions nor level. Immutable, so one node's requests can share it (see
 * {@link AuthorizationCache}).
 * @param owner the owner when it exists and is active, else null
 * @param permissions what the owner holds ({@link EffectivePermissions#NONE} without an active owner)
 * @param level the owner's token usage level, or null when it holds none
 */
public record ResolvedOwner(
        boolean tokensEnabled, Principal owner, EffectivePermissions permissions, TokenUsageLevel level) {
    static final ResolvedOwner TOKENS_DISABLED = new ResolvedOwner(false, null, EffectivePermissions.NONE, null);

    public ResolvedOwner {
        Objects.requireNonNull(permissions, "permissions");
    }
}
