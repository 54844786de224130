package dev.warden.core.token;

import dev.warden.core.group.GroupId;
import dev.warden.core.principal.PrincipalId;
import java.time.Instant;

/**
 * Narrows the workspace's token inventory; every field null (or false) means "any".
 * @param status compared at {@code now}
 * @param scope tokens holding this scope key
 * @param expiringBefore tokens with an expiry before this instant (and after {@code now})
 * @param unusedSince tokens not used since this instant (never-used ones included)
 * @param neverUsed only tokens never used
 * @param group only the group tokens of this group
 */
public record TokenFilter(
        PrincipalId owner,
        PrincipalId createdBy,
        TokenStatus status,
        TokenKind kind,
        String scope,
        Instant expiringBefore,
        Instant unusedSince,
        boolean neverUsed,
        Instant now,
        GroupId group) {

    /** Any group's tokens. */
    public TokenFilter(
            PrincipalId owner,
            PrincipalId createdBy,
            TokenStatus status,
            TokenKind kind,
            String scope,
            Instant expiringBefore,
            Instant unusedSince,
            boolean neverUsed,
            Instant now) {
        this(owner, createdBy, status, kind, scope, expiringBefore, unusedSince, neverUsed, now, null);
    }

    public static TokenFilter all(Instant now) {
        return new TokenFilter(null, null, null, null, null, null, null, false, now);
    }

    public static TokenFilter ofKind(TokenKind kind, Instant now) {
        return new TokenFilter(null, null, null, kind, null, null, null, false, now);
    }

    public static TokenFilter ofGroup(GroupId group, Instant now) {
        return new TokenFilter(null, null, null, TokenKind.GROUP, null, null, null, false, now, group);
    }
}
