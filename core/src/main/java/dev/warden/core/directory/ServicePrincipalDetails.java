package dev.warden.core.directory;

import java.util.List;

/**
 * A service principal as a create or replace sends it; {@code applicationId} null on create means "generate one",
 * {@code active} null means unchanged (or true on create). {@code entitlements} are read on create only (null:
 * none); a replace changes them through the entitlement service.
 */
public record ServicePrincipalDetails(
        String applicationId, String displayName, String externalId, Boolean active, List<String> entitlements) {

    /** Without entitlements. */
    public ServicePrincipalDetails(String applicationId, String displayName, String externalId, Boolean active) {
        this(applicationId, displayName, externalId, active, null);
    }
}
