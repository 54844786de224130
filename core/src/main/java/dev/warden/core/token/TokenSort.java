package dev.warden.core.token;

import java.time.Instant;
import java.util.Comparator;
import java.util.function.Function;

/**
 * Orders of the workspace inventory. Each pages by keyset on (its time, token id); a time a token may lack (no
 * expiry, never used) sorts where people look for it: never-expiring tokens after those that expire, never-used
 * tokens first among the least recently used and last among the most recently used.
 */
public enum TokenSort {
    NEWEST(AccessToken::createdAt, true, false),
    OLDEST(AccessToken::createdAt, false, false),
    EXPIRING_SOONEST(AccessToken::expiresAt, false, false),
    LEAST_RECENTLY_USED(
            token -> token.lastUse() == null ? null : token.lastUse().at(), false, true),
    MOST_RECENTLY_USED(token -> token.lastUse() == null ? null : token.lastUse().at(), true, false);

    private final Function<AccessToken, Instant> key;
    private final boolean descending;
    private final boolean missingFirst;

    TokenSort(Function<AccessToken, Instant> key, boolean descending, boolean missingFirst) {
        this.key = key;
        this.descending = descending;
        this.missingFirst = missingFirst;
    }

    /** The time this order sorts by; null when the token has none (never expires, never used). */
    public Instant keyOf(AccessToken token) {
        return key.apply(token);
    }

    public boolean descending() {
        return descending;
    }

    /** Whether tokens without the time come before those with it. */
    public boolean missingFirst() {
        return missingFirst;
    }

    /** The order itself, as the database applies it. */
    public Comparator<AccessToken> comparator() {
        return (a, b) -> compare(keyOf(a), a.id(), keyOf(b), b.id());
    }

    /** Whether the token comes after the cursor in this order. */
    public boolean isAfter(AccessToken token, TokenCursor cursor) {
        return compare(keyOf(token), token.id(), cursor.key(), cursor.id()) > 0;
    }

    private int compare(Instant keyA, TokenId idA, Instant keyB, TokenId idB) {
        if ((keyA == null) != (keyB == null)) {
            return (keyA == null) == missingFirst ? -1 : 1;
        }
        int byKey = keyA == null ? 0 : keyA.compareTo(keyB);
        int order = byKey != 0 ? byKey : idA.value().compareTo(idB.value());
        return descending ? -order : order;
    }
}
