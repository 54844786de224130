package dev.warden.web.token;

import dev.warden.core.access.ScopeState;
import dev.warden.core.access.TokenSuspensions.Suspension;
import dev.warden.core.principal.Principal;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenKind;
import dev.warden.web.console.PrincipalLink;
import java.time.Instant;
import java.util.List;

/**
 * One row of the Admin Console's token inventory: the token's facts, whose it is and who made it.
 * @param statusReason why the decision chain refuses this active token (it shows as suspended), else null
 * @param statusWhy the same in a few words, shown under the status ("owner has no token usage"), else null
 */
record TokenInventoryRow(
        TokenFacts facts,
        PrincipalLink owner,
        String kind,
        PrincipalLink creator,
        String statusReason,
        String statusWhy)
        implements TokenFacts.Row {

    /**
     * @param owner the token's owner, or null when it is gone; likewise {@code creator}
     * @param suspension why the decision chain refuses this active token because of its owner or workspace, or null;
     *                   a suspended token shows as such and can still be revoked
     * @param mayRestore whether the viewer may restore it (the token access policy says), so Restore shows only then
     * @param mayRotate whether the viewer may rotate it (likewise), so Rotate shows only then
     */
    static TokenInventoryRow of(
            AccessToken token,
            Principal owner,
            Principal creator,
            Suspension suspension,
            boolean mayRestore,
            boolean mayRotate,
            List<ScopeState> deadScopes,
            Instant now) {
        TokenFacts facts =
                TokenFacts.of(token, mayRestore, now).withRotate(mayRotate).withDeadScopes(deadScopes);
        boolean suspended = suspension != null && facts.isActive();
        return new TokenInventoryRow(
                suspended ? facts.suspended() : facts,
                PrincipalLink.ofNullable(owner),
                token.oauthSecret() == null
                        ? kindLabel(token.kind())
                        : kindLabel(token.kind()) + " (secret " + token.oauthSecret() + ")",
                PrincipalLink.ofNullable(creator),
                suspended ? suspension.message() : null,
                suspended ? TokenFacts.shortReason(suspension.reason()) : null);
    }

    static String kindLabel(TokenKind kind) {
        return switch (kind) {
            case PERSONAL -> "Personal";
            case ON_BEHALF_OF -> "On behalf of";
            case ORGANISATION -> "Organisation";
            case GROUP -> "Group";
            case OAUTH -> "OAuth";
            case CANARY -> "Canary";
        };
    }
}
