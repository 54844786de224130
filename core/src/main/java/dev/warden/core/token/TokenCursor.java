package dev.warden.core.token;

import java.time.Instant;

/**
 * Keyset position in the inventory: the sort key and id of the last token of the previous page.
 * @param key null when that token has no value for the order's time (never expires, never used)
 */
public record TokenCursor(Instant key, TokenId id) {
    /** After this token in the default order, newest first. */
    public static TokenCursor after(AccessToken token) {
        return after(token, TokenSort.NEWEST);
    }

    public static TokenCursor after(AccessToken token, TokenSort sort) {
        return new TokenCursor(sort.keyOf(token), token.id());
    }
}
