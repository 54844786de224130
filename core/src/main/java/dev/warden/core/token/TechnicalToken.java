package dev.warden.core.token;

import dev.warden.core.principal.Principal;

/**
 * An organisation or group token with the technical user that owns it and the role that user holds.
 * @param role the role's name; null if an admin removed the assignment (the token can then do nothing)
 */
public record TechnicalToken(AccessToken token, Principal technicalUser, String role) {}
