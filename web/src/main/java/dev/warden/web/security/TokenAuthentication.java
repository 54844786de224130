package dev.warden.web.security;

import dev.warden.core.access.Decision;
import dev.warden.core.principal.Principal;
import dev.warden.core.token.AccessToken;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request authenticated by an access token that passed the authentication steps of the decision chain. It
 * keeps that {@link Decision}, so the later steps (role, scope) continue the same trace once the route, and
 * so the permission it needs, is known. Holds no secret.
 */
public final class TokenAuthentication extends AbstractAuthenticationToken {
    private final transient Decision decision;

    TokenAuthentication(Decision decision) {
        super(List.of());
        if (!decision.allowed()) {
            throw new IllegalArgumentException("only an allowed decision authenticates");
        }
        this.decision = decision;
        setAuthenticated(true);
    }

    /** The decision of the authentication steps (1 to 6), to be continued by {@code DecisionChain.authorize}. */
    public Decision decision() {
        return decision;
    }

    public AccessToken token() {
        return decision.token();
    }

    public Principal owner() {
        return decision.owner();
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return decision.owner();
    }

    @Override
    public String getName() {
        return decision.owner().name();
    }
}
