package dev.warden.web.token;

import dev.warden.core.notice.TokenHealthService;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The counts above the inventory (Admin Console → Access tokens), each a link to the inventory filtered to what it
 * counts.
 */
record TokenCountsView(List<Entry> entries, int soonDays) {

    /**
     * @param key the {@code data-testid} suffix and the filter's value
     */
    record Entry(String key, String label, String count, String href) {}

    static TokenCountsView of(TokenHealthService.Overview overview, String path) {
        return new TokenCountsView(
                List.of(
                        entry("active", "Active", overview.active(), path, "status", "ACTIVE"),
                        entry(
                                "expiring-soon",
                                "Expiring within " + overview.soon().days()
                                        + (overview.soon().days() == 1 ? " day" : " days"),
                                overview.expiringSoon(),
                                path,
                                TokenListQuery.EXPIRING_SOON,
                                "true"),
                        entry("suspended", "Suspended", overview.suspended(), path, "status", TokenListQuery.SUSPENDED),
                        entry("revoked", "Revoked", overview.revoked(), path, "status", "REVOKED"),
                        entry("expired", "Expired", overview.expired(), path, "status", "EXPIRED")),
                overview.soon().days());
    }

    private static Entry entry(String key, String label, long count, String path, String filter, String value) {
        String href = UriComponentsBuilder.fromPath(path)
                .queryParam(filter, value)
                .encode()
                .build()
                .toUriString();
        return new Entry(key, label, String.format(Locale.ROOT, "%,d", count), href);
    }
}
