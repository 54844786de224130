package dev.warden.web.token;

import dev.warden.core.token.AccessToken;
import dev.warden.core.token.ExpiringSoon;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The warning above the owner's token list: "2 of your tokens expire within 30 days", each with when, a link to its
 * page and, where the owner may, to rotate it. Null (no banner) when none of the tokens expires soon.
 */
record ExpiringSoonBanner(String headline, List<Item> tokens) {

    /**
     * @param rotateHref where Rotate opens, or null when the owner may not rotate it (then: create a new one)
     */
    record Item(String id, String name, String when, String href, String rotateHref) {}

    /**
     * @param rotatable whether the owner may rotate this token
     */
    static ExpiringSoonBanner of(
            List<AccessToken> own,
            ExpiringSoon soon,
            Instant now,
            String path,
            java.util.function.Predicate<AccessToken> rotatable) {
        List<Item> items = own.stream()
                .filter(token -> soon.covers(token, now))
                .sorted(Comparator.comparing(AccessToken::expiresAt))
                .map(token -> {
                    String href = path + "/" + token.id().value();
                    return new Item(
                            token.id().value(),
                            token.comment() == null || token.comment().isEmpty() ? "(no name)" : token.comment(),
                            expiresIn(token, now),
                            href,
                            rotatable.test(token) ? href + "/rotate" : null);
                })
                .toList();
        if (items.isEmpty()) {
            return null;
        }
        String headline = items.size() + " of your tokens " + (items.size() == 1 ? "expires" : "expire") + " within "
                + days(soon.days());
        return new ExpiringSoonBanner(headline, items);
    }

    /** "expires in 5 days", "expires in 1 day". */
    static String expiresIn(AccessToken token, Instant now) {
        return "expires in " + days(ExpiringSoon.daysLeft(token, now));
    }

    static String days(long days) {
        return days + (days == 1 ? " day" : " days");
    }
}
