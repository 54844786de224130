package dev.warden.core.token;

import dev.warden.core.group.GroupId;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.PermissionDeniedException;
import java.util.Set;

/**
 * Port: the token access policy, which decides who may do what to which token and who may receive a new secret.
 * Refuses by throwing; implemented where permissions and the token usage list live ({@code delegation}).
 */
public interface TokenAccessRules {
    /**
     * Throws the refusal unless the actor may do {@code action} to the token in the target's capacity; returns the
     * authority the actor acts with (what a revocation records, and what a restore must match).
     */
    RevocationAuthority require(Actor actor, TokenAction action, AccessToken token, TokenTarget target);

    /**
     * Throws the refusal unless {@code creator} may have a new token of {@code owner} issued, and walk away with its
     * secret: {@code scopes} as asked for, {@code group} for a group token.
     */
    void requireMayIssue(Actor creator, PrincipalId owner, TokenKind kind, GroupId group, Set<Scope> scopes);

    /**
     * Throws the refusal unless {@code creator} may create a client secret of the service principal and walk away
     * with it. Whoever holds the secret gets the service principal's OAuth tokens with any scope, so this is the
     * rule of a token created for someone else with {@code all-apis}.
     */
    default void requireMayCreateSecret(Actor creator, PrincipalId servicePrincipal) {
        requireMayIssue(creator, servicePrincipal, TokenKind.OAUTH, null, Set.of(Scope.ALL_APIS));
    }

    /** Only an owner acts on its own tokens, as {@code OWNER}; nobody issues for someone else (tests, tools). */
    static TokenAccessRules ownerOnly() {
        return new TokenAccessRules() {
            @Override
            public RevocationAuthority require(Actor actor, TokenAction action, AccessToken token, TokenTarget target) {
                if (!token.owner().equals(actor.principal())) {
                    throw new PermissionDeniedException(
                            "token-management:write", actor.label() + " may act only on its own tokens here.");
                }
                return RevocationAuthority.OWNER;
            }

            @Override
            public void requireMayIssue(
                    Actor creator, PrincipalId owner, TokenKind kind, GroupId group, Set<Scope> scopes) {
                if (!owner.equals(creator.principal())) {
                    throw new PermissionDeniedException(
                            "token-management:write", creator.label() + " may create tokens only for itself here.");
                }
            }
        };
    }
}
