package dev.warden.core.token;

import java.time.Instant;

/**
 * The part of a stored token that transitions change (revocation and its authority, the current secret), as it was
 * read: the repository writes a transition only if the row still holds this (compare-and-set).
 */
public record TokenRevision(Instant revokedAt, RevocationAuthority authority, TokenDigest digest) {}
