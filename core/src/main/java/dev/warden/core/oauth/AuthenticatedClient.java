package dev.warden.core.oauth;

import dev.warden.core.principal.Principal;

/** A client that presented a valid secret with its client id: the secret and the service principal it belongs to. */
public record AuthenticatedClient(ServicePrincipalSecret secret, Principal servicePrincipal) {}
