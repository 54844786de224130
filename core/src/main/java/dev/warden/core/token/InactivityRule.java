package dev.warden.core.token;

import java.time.Duration;
import java.time.Instant;

/**
 * The one rule of the inactivity policy ("revoke tokens unused for N days"), shared by its preview, its notices and
 * its run so that the run revokes what the preview said. A token is unused for N days when it is active (neither
 * revoked nor expired), of a kind the policy covers ({@link TokenKind#revokedWhenUnused}), and its last activity (its
 * last use, or its creation when it was never used) is more than N days old. A restore counts as activity too: an admin
 * who restores a token the policy revoked gives it N more days, rather than seeing the next run revoke it again. Its due date is that last activity plus N
 * days: from then on the policy revokes it.
 */
public final class InactivityRule {
    private InactivityRule() {}

    /** The last use, or the creation of a token never used; or its last restore, if later. */
    public static Instant lastActivity(AccessToken token) {
        Instant last =
                token.lastUse() == null ? token.createdAt() : token.lastUse().at();
        return token.restoredAt() != null && token.restoredAt().isAfter(last) ? token.restoredAt() : last;
    }

    /** When the policy revokes the token if it stays unused: its last activity plus {@code days}. */
    public static Instant dueAt(AccessToken token, int days) {
        return lastActivity(token).plus(Duration.ofDays(days));
    }

    /**
     * When a policy that revokes nothing before {@code startsAt} revokes the token if it stays unused: its due date,
     * or {@code startsAt} if later.
     */
    public static Instant dueAt(AccessToken token, int days, Instant startsAt) {
        Instant due = dueAt(token, days);
        return startsAt != null && startsAt.isAfter(due) ? startsAt : due;
    }

    /** Tokens whose last activity lies before this instant are unused for {@code days} at {@code now}. */
    public static Instant cutoff(Instant now, int days) {
        return now.minus(Duration.ofDays(days));
    }

    /** Whether the policy covers the token at all now: active and of a covered kind. */
    public static boolean covers(AccessToken token, Instant now) {
        return token.kind().revokedWhenUnused() && token.statusAt(now) == TokenStatus.ACTIVE;
    }

    /** Whether the token's last activity lies before {@code cutoff} (and the policy covers it at {@code now}). */
    public static boolean idleBefore(AccessToken token, Instant cutoff, Instant now) {
        return covers(token, now) && lastActivity(token).isBefore(cutoff);
    }

    /** Whether the policy revokes the token at {@code now}: unused for more than {@code days} days. */
    public static boolean isDue(AccessToken token, int days, Instant now) {
        return idleBefore(token, cutoff(now, days), now);
    }
}
