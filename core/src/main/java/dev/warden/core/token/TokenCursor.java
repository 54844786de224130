package dev.warden.core.token;

import java.time.Instant;

/** Keyset position in the newest-first inventory: the last token of the previous page. */
public record TokenCursor(Instant createdAt, TokenId id) {
    public static TokenCursor after(AccessToken token) {
        return new TokenCursor(token.createdAt(), token.id());
    }
}
