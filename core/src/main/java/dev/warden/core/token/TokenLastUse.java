package dev.warden.core.token;

import java.time.Instant;
import java.util.Objects;

/** When and from where a token was last used, as far as the coalesced usage writes have recorded it. */
public record TokenLastUse(Instant at, String clientAddress, String userAgent) {
    public TokenLastUse {
        Objects.requireNonNull(at, "at");
    }
}
