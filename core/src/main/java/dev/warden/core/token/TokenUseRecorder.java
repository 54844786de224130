package dev.warden.core.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records last use of tokens without a database write per request.
 * <p>
 * {@link #record} only remembers the newest use in memory (the request thread never waits on the
 * database). {@link #flushDue} runs off the request thread and writes, in one batch, each token whose
 * previous write is at least {@code minInterval} old, so a token is written at most once per interval.
 * {@link #flushAll} writes everything still pending, at shutdown: only the intermediate values are lost.
 */
public final class TokenUseRecorder {
    private static final System.Logger LOG = System.getLogger(TokenUseRecorder.class.getName());

    private final TokenRepository tokens;
    private final Clock clock;
    private final Duration minInterval;
    private final Map<TokenId, TokenUse> pending = new ConcurrentHashMap<>();
    private final Map<TokenId, Instant> lastWritten = new ConcurrentHashMap<>();

    public TokenUseRecorder(TokenRepository tokens, Clock clock, Duration minInterval) {
        this.tokens = tokens;
        this.clock = clock;
        this.minInterval = minInterval;
    }

    /** Cheap and non-blocking: the newest use of a token replaces the one before. */
    public void record(TokenUse use) {
        pending.merge(use.token(), use, TokenUseRecorder::later);
    }

    /** Writes the pending uses of tokens not written within the interval; returns how many. */
    public synchronized int flushDue() {
        Instant now = clock.instant();
        Instant writtenBefore = now.minus(minInterval);
        lastWritten.values().removeIf(at -> !at.isAfter(writtenBefore));
        List<TokenUse> due = new ArrayList<>();
        for (TokenId id : List.copyOf(pending.keySet())) {
            if (!lastWritten.containsKey(id)) {
                TokenUse use = pending.remove(id);
                if (use != null) {
                    due.add(use);
                }
            }
        }
        return write(due, now);
    }

    /** Writes every pending use regardless of the interval (shutdown). */
    public synchronized int flushAll() {
        List<TokenUse> all = new ArrayList<>();
        for (TokenId id : List.copyOf(pending.keySet())) {
            TokenUse use = pending.remove(id);
            if (use != null) {
                all.add(use);
            }
        }
        return write(all, clock.instant());
    }

    public int pendingCount() {
        return pending.size();
    }

    /**
     * When the oldest use still waiting to be written happened (empty when none waits): how far the stored last use
     * lags behind. Walks the pending uses, so it is for a metrics scrape, not for the request path.
     */
    public Optional<Instant> oldestPending() {
        return pending.values().stream().map(TokenUse::at).min(Comparator.naturalOrder());
    }

    private int write(List<TokenUse> uses, Instant now) {
        if (uses.isEmpty()) {
            return 0;
        }
        try {
            tokens.recordUses(uses);
        } catch (RuntimeException e) {
            // Keep them for the next round, unless a newer use has arrived meanwhile.
            uses.forEach(use -> pending.merge(use.token(), use, TokenUseRecorder::later));
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Could not write last use of " + uses.size() + " tokens; will retry: " + e.getMessage());
            return 0;
        }
        uses.forEach(use -> lastWritten.put(use.token(), now));
        return uses.size();
    }

    private static TokenUse later(TokenUse one, TokenUse other) {
        return other.at().isBefore(one.at()) ? one : other;
    }
}
