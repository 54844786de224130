package dev.warden.core.token;

import java.time.Instant;
import java.util.List;

/**
 * How many tokens there are, by kind and status, across every workspace: what the metrics endpoint reports. One
 * grouped count over the tokens table, so the caller keeps the answer a while rather than asking on every scrape.
 */
public interface TokenCensus {

    /** The non-zero counts, with a token's status as of {@code now} (expired once {@code expiresAt <= now}). */
    List<Count> count(Instant now);

    record Count(TokenKind kind, TokenStatus status, long tokens) {}
}
