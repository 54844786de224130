package dev.warden.core.directory;

import java.util.List;

/**
 * A user's profile as a create or replace sends it; {@code active} null means unchanged (or true on create).
 * {@code entitlements} (SCIM values such as {@code workspace-access}) are read on create only, null meaning the
 * default; a replace changes them through the entitlement service.
 */
public record UserDetails(
        String userName,
        String displayName,
        String email,
        String givenName,
        String familyName,
        String externalId,
        Boolean active,
        List<String> entitlements) {

    /** Without entitlements: the default on create. */
    public UserDetails(
            String userName,
            String displayName,
            String email,
            String givenName,
            String familyName,
            String externalId,
            Boolean active) {
        this(userName, displayName, email, givenName, familyName, externalId, active, null);
    }
}
