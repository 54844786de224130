package dev.warden.core.notice;

import java.util.Locale;
import java.util.Optional;

/**
 * Who a workspace's notices reach besides its extra addresses, each a rule it can switch off: the token's owner, the
 * creator of an on-behalf-of token, the group admins of a group token's group, the workspace admins for an
 * organisation token. Alerts (a leaked token, a canary used) reach every one of them whatever the settings say.
 */
public enum NoticeRecipient {
    OWNER,
    ON_BEHALF_OF_CREATOR,
    GROUP_ADMINS,
    WORKSPACE_ADMINS;

    /** The name the API and the stored settings use, e.g. {@code on_behalf_of_creator}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NoticeRecipient> of(String key) {
        for (NoticeRecipient r : values()) {
            if (r.key().equals(key)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
