package dev.warden.core.notice;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a workspace wants to hear about tokens that will expire: how many days ahead (each lead time gives one notice
 * per token) and which addresses hear of every token besides the people the recipient rules name.
 *
 * @param leadDays distinct, largest first, each 1–{@value #MAX_LEAD_DAYS}; empty: no notices at all
 * @param extraAddresses e-mail addresses told of every expiring token of the workspace
 * @param recipients which of the recipient rules the notices follow (all by default)
 */
public record NoticeSettings(List<Integer> leadDays, List<String> extraAddresses, Set<NoticeRecipient> recipients) {
    public static final int MAX_LEAD_DAYS = 365;
    public static final int MAX_LEAD_TIMES = 5;
    public static final int MAX_EXTRA_ADDRESSES = 20;
    public static final NoticeSettings DEFAULTS = new NoticeSettings(List.of(30, 7, 1), List.of());

    public NoticeSettings {
        leadDays = leadDays.stream().distinct().sorted((a, b) -> b - a).toList();
        extraAddresses = List.copyOf(extraAddresses);
        recipients = Set.copyOf(recipients);
    }

    /** Settings whose notices follow every recipient rule. */
    public NoticeSettings(List<Integer> leadDays, List<String> extraAddresses) {
        this(leadDays, extraAddresses, EnumSet.allOf(NoticeRecipient.class));
    }

    public boolean tells(NoticeRecipient recipient) {
        return recipients.contains(recipient);
    }

    /** The longest lead time, or 0 when notices are off. */
    public int longestLeadDays() {
        return leadDays.isEmpty() ? 0 : leadDays.get(0);
    }
}
