package dev.warden.web.directory;

import dev.warden.core.access.ScopeState;
import dev.warden.core.access.TokenSuspensions;
import dev.warden.core.access.TokenSuspensions.Suspension;
import dev.warden.core.principal.Principal;
import dev.warden.core.token.AccessToken;
import dev.warden.web.console.PrincipalLink;
import dev.warden.web.token.TokenFacts;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One credential on a principal's page: everything about it except its secret. A token that is itself active but
 * that the decision chain refuses because of its owner or workspace shows as suspended, with the reason and how to
 * lift it (see {@link TokenSuspensions}).
 * @param createdBy who created it (no link for a technical user, or a creator that is gone)
 * @param statusReason the decision chain's reason code when suspended, else null
 * @param statusMessage why it is suspended and how to fix it, else null
 */
record OwnedTokenView(TokenFacts facts, PrincipalLink createdBy, String statusReason, String statusMessage)
        implements TokenFacts.Row {

    /**
     * @param creator the principal that created the token, or null when it is gone
     * @param suspension why the token is suspended, or null when it is not
     * @param deadScopes its scopes that no longer work, or null
     */
    static OwnedTokenView of(
            AccessToken token, Principal creator, Suspension suspension, List<ScopeState> deadScopes, Instant now) {
        TokenFacts facts = TokenFacts.of(token, false, now).withDeadScopes(deadScopes);
        boolean suspended = suspension != null && facts.isActive();
        return new OwnedTokenView(
                suspended ? facts.suspended("Suspended: " + TokenFacts.shortReason(suspension.reason())) : facts,
                PrincipalLink.ofNullable(creator, token.createdBy()),
                suspended ? suspension.reason().name() : null,
                suspended ? suspension.message() : null);
    }

    /** In lower case, as this page's styles name it ({@code status-suspended}). */
    @Override
    public String status() {
        return facts.status().toLowerCase(Locale.ROOT);
    }
}
