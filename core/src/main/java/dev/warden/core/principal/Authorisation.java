package dev.warden.core.principal;

/**
 * What a request's own authorisation already resolved about its actor: the token owner's principal and permissions
 * as the decision chain read them at its workspace's current authorisation version (DESIGN, "Request cost"). A
 * read-only request's services reuse it instead of reading the actor and its roles and groups again; a change
 * request carries none and reads afresh inside its transaction. Implemented in the role feature
 * ({@code role.AuthorisedActor}), whose types this package cannot name.
 */
public interface Authorisation {
    /** The actor's principal, as read at that version. */
    Principal principal();
}
