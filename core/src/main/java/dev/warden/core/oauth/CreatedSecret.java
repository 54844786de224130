package dev.warden.core.oauth;

import dev.warden.core.token.TokenSecret;

/** A new service principal secret with its value: the only place the clear text leaves core, once. */
public record CreatedSecret(ServicePrincipalSecret secret, TokenSecret value) {}
