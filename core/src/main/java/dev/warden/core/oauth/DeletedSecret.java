package dev.warden.core.oauth;

import dev.warden.core.token.AccessToken;
import java.util.List;

/** A deleted secret and the OAuth tokens that were revoked with it. */
public record DeletedSecret(ServicePrincipalSecret secret, List<AccessToken> revokedTokens) {}
