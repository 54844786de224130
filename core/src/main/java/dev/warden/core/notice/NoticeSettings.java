package dev.warden.core.notice;

import java.util.List;

/**
 * What a workspace wants to hear about tokens that will expire: how many days ahead (each lead time gives one notice
 * per token) and which addresses hear of every token besides the people the recipient rules name.
 *
 * @param leadDays distinct, largest first, each 1–{@value #MAX_LEAD_DAYS}; empty: no notices at all
 * @param extraAddresses e-mail addresses told of every expiring token of the workspace
 */
public record NoticeSettings(List<Integer> leadDays, List<String> extraAddresses) {
    public static final int MAX_LEAD_DAYS = 365;
    public static final int MAX_LEAD_TIMES = 5;
    public static final int MAX_EXTRA_ADDRESSES = 20;
    public static final NoticeSettings DEFAULTS = new NoticeSettings(List.of(30, 7, 1), List.of());

    public NoticeSettings {
        leadDays = leadDays.stream().distinct().sorted((a, b) -> b - a).toList();
        extraAddresses = List.copyOf(extraAddresses);
    }

    /** The longest lead time, or 0 when notices are off. */
    public int longestLeadDays() {
        return leadDays.isEmpty() ? 0 : leadDays.get(0);
    }
}
