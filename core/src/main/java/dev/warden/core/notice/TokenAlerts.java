package dev.warden.core.notice;

import dev.warden.core.token.AccessToken;

/**
 * Port through which other parts raise an alert about one token at once (a leaked token revoked, a canary used): the
 * people expiry notices reach for that token (owner, creator of an on-behalf-of token, group admins of a group token)
 * plus the workspace admins and the extra addresses hear of it through the notice channel. Not deduplicated: each call
 * is one alert. Implemented by {@link NoticeService}.
 */
public interface TokenAlerts {
    /**
     * Sends the alert if the channel is on; never throws for a channel failure (it is logged), so a caller's own work
     * (a revocation, say) stands whether or not the alert got through.
     *
     * @return how many addresses it was sent to (0 when the channel is off or nobody has an address)
     */
    int raise(AccessToken token, String subject, String text);

    /**
     * As {@link #raise}, but a channel failure is thrown, so that a caller that retries (the webhook dispatcher, for
     * the alerts of queued events) knows to try again.
     *
     * @return how many addresses it was sent to (0 when the channel is off or nobody has an address)
     * @throws RuntimeException when the channel could not deliver
     */
    int send(AccessToken token, String subject, String text);
}
