package dev.warden.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokenSortTest {
    private static final Instant T = Instant.parse("2025-06-01T00:00:00Z");

    private static AccessToken token(String id, int createdDaysAgo, Integer expiresInDays, Integer usedDaysAgo) {
        Tokens.Builder builder = Tokens.aToken().id(id).createdAt(T.minus(Duration.ofDays(createdDaysAgo)));
        builder = expiresInDays == null
                ? builder.neverExpiring()
                : builder.expiringAt(T.plus(Duration.ofDays(expiresInDays)));
        if (usedDaysAgo != null) {
            builder.lastUse(new TokenLastUse(T.minus(Duration.ofDays(usedDaysAgo)), "10.0.0.1", "curl"));
        }
        return builder.build();
    }

    // a..f: created 1..6 days ago; expiries and last uses chosen so every order differs
    private final AccessToken a = token("tok-a", 1, 5, null);
    private final AccessToken b = token("tok-b", 2, null, 3);
    private final AccessToken c = token("tok-c", 3, 2, 1);
    private final AccessToken d = token("tok-d", 4, null, null);
    private final AccessToken e = token("tok-e", 5, 9, 3);
    private final AccessToken f = token("tok-f", 6, 2, 7);
    private final List<AccessToken> all = List.of(d, b, f, a, e, c);

    private List<String> sorted(TokenSort sort) {
        return all.stream().sorted(sort.comparator()).map(t -> t.id().value()).toList();
    }

    @Test
    void newestAndOldestOrderByCreation() {
        assertThat(sorted(TokenSort.NEWEST)).containsExactly("tok-a", "tok-b", "tok-c", "tok-d", "tok-e", "tok-f");
        assertThat(sorted(TokenSort.OLDEST)).containsExactly("tok-f", "tok-e", "tok-d", "tok-c", "tok-b", "tok-a");
    }

    @Test
    void expiringSoonestPutsNeverExpiringTokensLastAndBreaksTiesById() {
        assertThat(sorted(TokenSort.EXPIRING_SOONEST))
                .containsExactly("tok-c", "tok-f", "tok-a", "tok-e", "tok-b", "tok-d");
    }

    @Test
    void leastRecentlyUsedPutsNeverUsedTokensFirst() {
        assertThat(sorted(TokenSort.LEAST_RECENTLY_USED))
                .containsExactly("tok-a", "tok-d", "tok-f", "tok-b", "tok-e", "tok-c");
    }

    @Test
    void mostRecentlyUsedPutsNeverUsedTokensLast() {
        assertThat(sorted(TokenSort.MOST_RECENTLY_USED))
                .containsExactly("tok-c", "tok-e", "tok-b", "tok-f", "tok-d", "tok-a");
    }

    @ParameterizedTest
    @EnumSource(TokenSort.class)
    void aCursorAtEachTokenSelectsExactlyTheTokensAfterIt(TokenSort sort) {
        List<AccessToken> ordered = all.stream().sorted(sort.comparator()).toList();
        for (int i = 0; i < ordered.size(); i++) {
            TokenCursor cursor = TokenCursor.after(ordered.get(i), sort);
            List<AccessToken> after = new ArrayList<>();
            for (AccessToken token : all) {
                if (sort.isAfter(token, cursor)) {
                    after.add(token);
                }
            }
            assertThat(after)
                    .as("after position %d of %s", i, sort)
                    .containsExactlyInAnyOrderElementsOf(ordered.subList(i + 1, ordered.size()));
        }
    }
}
