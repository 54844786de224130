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
 * @param expiringSoonKindsOnly only the kinds that {@link ExpiringSoon#counts} counts (not OAuth access tokens), as
 *     "Expiring soon" lists them
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
        GroupId group,
        boolean expiringSoonKindsOnly) {

    /** Every kind. */
    public TokenFilter(
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
        this(owner, createdBy, status, kind, scope, expiringBefore, unusedSince, neverUsed, now, group, false);
    }

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

    /**
     * This filter narrowed to the tokens that expire soon: active, of a kind that is not short-lived, expiring before
     * {@code soon.until(now)} (or before this filter's own {@code expiringBefore}, when that comes first).
     */
    public TokenFilter expiringSoon(ExpiringSoon soon) {
        Instant until = soon.until(now);
        Instant before = expiringBefore != null && expiringBefore.isBefore(until) ? expiringBefore : until;
        return new TokenFilter(
                owner, createdBy, TokenStatus.ACTIVE, kind, scope, before, unusedSince, neverUsed, now, group, true);
    }
}
