package dev.warden.core.token;

import dev.warden.core.principal.PrincipalId;
import java.time.Instant;

/**
 * Narrows the workspace's token inventory; every field null (or false) means "any".
 * @param status compared at {@code now}
 * @param scope tokens holding this scope key
 * @param expiringBefore tokens with an expiry before this instant (and after {@code now})
 * @param unusedSince tokens not used since this instant (never-used ones included)
 * @param neverUsed only tokens never used
 */
public record TokenFilter(PrincipalId owner, PrincipalId createdBy, TokenStatus status, TokenKind kind, String scope,
                          Instant expiringBefore, Instant unusedSince, boolean neverUsed, Instant now) {
    public static TokenFilter all(Instant now) {
        return new TokenFilter(null, null, null, null, null, null, null, false, now);
    }
}
