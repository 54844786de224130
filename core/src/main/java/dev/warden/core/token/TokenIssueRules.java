package dev.warden.core.token;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import java.util.Set;

/**
 * Port: whether this owner may get a new token now (tokens enabled, token usage permission) and on which terms
 * (the workspace's lifetimes and quota). Refuses by throwing; implemented where settings and permissions live.
 */
public interface TokenIssueRules {
    TokenIssueTerms termsFor(Actor owner, TokenKind kind);

    /** For a personal token. */
    default TokenIssueTerms termsFor(Actor owner) {
        return termsFor(owner, TokenKind.PERSONAL);
    }

    /**
     * No workspace rules: the installation's lifetimes, no quota, any of Warden's own scopes (tests, and tools that
     * bypass workspaces).
     */
    static TokenIssueRules unrestricted(TokenLifetimePolicy lifetimes) {
        return (owner, kind) -> new TokenIssueTerms(lifetimes, Integer.MAX_VALUE, Set.copyOf(Permission.warden()));
    }
}
