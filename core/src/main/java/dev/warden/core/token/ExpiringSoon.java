package dev.warden.core.token;

import java.time.Duration;
import java.time.Instant;

/**
 * What "expiring soon" means, in one place: a token that is active now, of a kind that is not short-lived (OAuth
 * access tokens live an hour, so they are always about to expire and never worth a warning), whose expiry comes
 * before {@code now} plus {@link #days()}. The window is the workspace's longest notice lead time (30 days by
 * default), so the banner, the inventory filter and the counts warn about the tokens the notices are about; with
 * notices off, {@value #WITHOUT_NOTICES} days. A token without an expiry never expires soon.
 *
 * @param days the window, 1 or more
 */
public record ExpiringSoon(int days) {
    /** The window of a workspace that has turned expiry notices off. */
    public static final int WITHOUT_NOTICES = 7;

    public ExpiringSoon {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1; got " + days);
        }
    }

    /** The window for a workspace whose longest notice lead time is this many days (0: notices are off). */
    public static ExpiringSoon forLongestLead(int longestLeadDays) {
        return new ExpiringSoon(longestLeadDays > 0 ? longestLeadDays : WITHOUT_NOTICES);
    }

    /** Tokens expiring before this instant (and after {@code now}) expire soon. */
    public Instant until(Instant now) {
        return now.plus(Duration.ofDays(days));
    }

    /**
     * Whether tokens of this kind can expire soon at all: every kind but the {@linkplain TokenKind#shortLived()
     * short-lived} one and canaries (a tripwire nobody uses, kept out of its owner's list; an expiring canary simply
     * stops alerting). The one place that says which kinds count; the inventory filter ({@link
     * TokenFilter#expiringSoonKindsOnly()}), the counts and the expiry notices ask it.
     */
    public static boolean counts(TokenKind kind) {
        return !kind.shortLived() && kind != TokenKind.CANARY;
    }

    public boolean covers(AccessToken token, Instant now) {
        return counts(token.kind())
                && token.statusAt(now) == TokenStatus.ACTIVE
                && token.expiresAt() != null
                && token.expiresAt().isBefore(until(now));
    }

    /**
     * Whole days left until the token expires, rounded up ("expires in 5 days" for 4 days and 2 hours); 0 when it
     * expires within the next moment or has expired.
     */
    public static long daysLeft(AccessToken token, Instant now) {
        if (token.expiresAt() == null || !token.expiresAt().isAfter(now)) {
            return 0;
        }
        Duration left = Duration.between(now, token.expiresAt());
        long days = left.toDays();
        return left.equals(Duration.ofDays(days)) ? days : days + 1;
    }
}
