package dev.warden.core.administration;

import dev.warden.core.principal.Principal;
import dev.warden.core.token.AccessToken;

/**
 * An organisation or group token with the technical user that owns it and the role that user holds.
 * @param role the role's name; null if an admin removed the assignment (the token can then do nothing)
 */
public record TechnicalToken(AccessToken token, Principal technicalUser, String role) {
}
