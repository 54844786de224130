package dev.warden.core.directory;

/**
 * A service principal as a create or replace sends it; {@code applicationId} null on create means "generate one",
 * {@code active} null means unchanged (or true on create).
 */
public record ServicePrincipalDetails(String applicationId, String displayName, String externalId, Boolean active) {}
