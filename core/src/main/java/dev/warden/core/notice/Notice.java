package dev.warden.core.notice;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One notice: this token stops working within {@code leadDays} days; tell these addresses.
 *
 * @param ownerName what people call the token's owner (for the text)
 * @param kind why it stops: it expires, or the inactivity policy revokes it
 * @param dueAt when it stops: its expiry, or when the inactivity policy revokes it unless it is used before
 * @param unusedDays for {@link NoticeKind#INACTIVITY}, the policy's days ("unused for N days"); 0 otherwise
 */
public record Notice(
        ExpiringToken token,
        int leadDays,
        String ownerName,
        List<String> recipients,
        NoticeKind kind,
        Instant dueAt,
        int unusedDays) {
    public Notice {
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    /** An expiry notice. */
    public Notice(ExpiringToken token, int leadDays, String ownerName, List<String> recipients) {
        this(token, leadDays, ownerName, recipients, NoticeKind.EXPIRY, token.expiresAt(), 0);
    }
}
