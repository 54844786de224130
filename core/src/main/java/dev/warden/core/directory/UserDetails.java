package dev.warden.core.directory;

/** A user's profile as a create or replace sends it; {@code active} null means unchanged (or true on create). */
public record UserDetails(
        String userName,
        String displayName,
        String email,
        String givenName,
        String familyName,
        String externalId,
        Boolean active) {}
