package dev.warden.core.oauth;

import dev.warden.core.token.IssuedToken;

/**
 * The token endpoint's answer to a granted request.
 * @param expiresIn seconds from issue to expiry
 * @param scope the scopes the token holds, space-separated (RFC 6749 §3.3)
 */
public record AccessTokenGrant(IssuedToken issued, long expiresIn, String scope) {
    /** Spring may log the model at DEBUG; the secret must not go with it. */
    @Override
    public String toString() {
        return "AccessTokenGrant[token=" + issued.token().id() + ", expiresIn=" + expiresIn + ", scope=" + scope + "]";
    }
}
