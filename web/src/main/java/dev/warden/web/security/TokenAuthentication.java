package dev.warden.web.security;

import dev.warden.core.principal.Principal;
import dev.warden.core.token.AccessToken;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A request authenticated by an access token that passed the decision chain. Holds no secret. */
public final class TokenAuthentication extends AbstractAuthenticationToken {
    private final transient AccessToken token;
    private final transient Principal owner;

    TokenAuthentication(AccessToken token, Principal owner) {
        super(List.of());
        this.token = token;
        this.owner = owner;
        setAuthenticated(true);
    }

    public AccessToken token() {
        return token;
    }

    public Principal owner() {
        return owner;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return owner;
    }

    @Override
    public String getName() {
        return owner.name();
    }
}
