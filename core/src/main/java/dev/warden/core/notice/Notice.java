package dev.warden.core.notice;

import java.util.List;

/**
 * One notice: this token expires within {@code leadDays} days; tell these addresses.
 *
 * @param ownerName what people call the token's owner (for the text)
 */
public record Notice(ExpiringToken token, int leadDays, String ownerName, List<String> recipients) {
    public Notice {
        recipients = List.copyOf(recipients);
    }
}
