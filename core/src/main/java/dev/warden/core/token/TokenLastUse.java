package dev.warden.core.token;

import java.time.Instant;
import java.util.Objects;

/**
 * When and from where a token was last used, as far as the coalesced usage writes have recorded it.
 * @param service the registered service that asked about it last (introspection or forward authentication); null
 *     when the last use was a call to Warden's own API
 */
public record TokenLastUse(Instant at, String clientAddress, String userAgent, String service) {
    public TokenLastUse {
        Objects.requireNonNull(at, "at");
    }

    public TokenLastUse(Instant at, String clientAddress, String userAgent) {
        this(at, clientAddress, userAgent, null);
    }
}
