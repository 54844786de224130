package dev.warden.web.access;

import dev.warden.core.token.TokenRefusal;
import dev.warden.web.console.InstantText;
import java.util.List;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A token page's "Recent refusals" panel: newest first, the reason in words, and for a refusal of one of Warden's own
 * endpoints a link that opens Check access on the same page pre-filled with that method and path.
 */
record RefusalsPanelView(List<Row> rows) {
    /**
     * @param checkLink the token page with {@code method} and {@code path} and the Check access anchor; null for a
     *     path that is no Warden API path (a relying service's, through forward authentication or introspection)
     */
    record Row(
            String time,
            String method,
            String path,
            String reason,
            String reasonWords,
            String clientAddress,
            String userAgent,
            String checkLink) {}

    static RefusalsPanelView of(List<TokenRefusal> refusals, String page) {
        return new RefusalsPanelView(refusals.stream()
                .map(refusal -> new Row(
                        InstantText.TO_THE_SECOND.of(refusal.at()),
                        refusal.method(),
                        refusal.path(),
                        refusal.reason().name(),
                        refusal.reason().words(),
                        refusal.clientAddress(),
                        refusal.userAgent(),
                        checkLink(page, refusal)))
                .toList());
    }

    private static String checkLink(String page, TokenRefusal refusal) {
        if (!refusal.path().startsWith("/api/") || refusal.path().startsWith("/api/2.0/forward-auth")) {
            return null;
        }
        return UriComponentsBuilder.fromPath(page)
                .queryParam("method", refusal.method())
                .queryParam("path", refusal.path())
                .fragment("check-access")
                .encode()
                .build()
                .toUriString();
    }
}
