package dev.warden.core.token;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the recent refusals of tokens without a database write on the refused request, like last use
 * ({@link TokenUseRecorder}).
 * <p>
 * {@link #record} only queues the refusal in memory; the queue is bounded, and a refusal beyond {@code capacity}
 * is dropped and counted (a flood of refused calls must not grow the heap; the newest 20 of a token are what matter,
 * and a flood refills them). {@link #flush} runs off the request thread and writes everything queued in one batch,
 * at most the newest {@link #KEEP} of each token; the repository trims each token to its newest {@link #KEEP}.
 */
public final class TokenRefusalRecorder {
    /** How many refusals each token keeps. */
    public static final int KEEP = 20;

    /** How many refusals wait for the next write at most, by default. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private static final System.Logger LOG = System.getLogger(TokenRefusalRecorder.class.getName());

    private final TokenRefusalRepository refusals;
    private final int capacity;
    private final ConcurrentLinkedQueue<TokenRefusal> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();

    public TokenRefusalRecorder(TokenRefusalRepository refusals, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.refusals = refusals;
        this.capacity = capacity;
    }

    public TokenRefusalRecorder(TokenRefusalRepository refusals) {
        this(refusals, DEFAULT_CAPACITY);
    }

    /** Cheap and non-blocking; drops the refusal (and counts it) when the queue is full. */
    public void record(TokenRefusal refusal) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        pending.add(refusal);
    }

    /**
     * Writes every queued refusal (at most the newest {@link #KEEP} of each token) in one batch; returns how many
     * were written. When the write fails they are queued again, as far as there is room, for the next round.
     */
    public synchronized int flush() {
        List<TokenRefusal> drained = new ArrayList<>();
        TokenRefusal next;
        while ((next = pending.poll()) != null) {
            size.decrementAndGet();
            drained.add(next);
        }
        if (drained.isEmpty()) {
            return 0;
        }
        List<TokenRefusal> batch = newestOfEachToken(drained);
        try {
            refusals.record(batch, KEEP);
        } catch (RuntimeException e) {
            batch.forEach(this::record);
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Could not write " + batch.size() + " token refusals; will retry: " + e.getMessage());
            return 0;
        }
        return batch.size();
    }

    /** Refusals waiting for the next write. */
    public int pendingCount() {
        return size.get();
    }

    /** Refusals dropped because the queue was full, since start. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Oldest first (so stored ids follow time), at most the newest {@link #KEEP} of each token. */
    static List<TokenRefusal> newestOfEachToken(List<TokenRefusal> refusals) {
        Map<TokenId, List<TokenRefusal>> byToken = new LinkedHashMap<>();
        for (TokenRefusal refusal : refusals) {
            byToken.computeIfAbsent(refusal.token(), id -> new ArrayList<>()).add(refusal);
        }
        List<TokenRefusal> batch = new ArrayList<>();
        for (List<TokenRefusal> ofToken : byToken.values()) {
            ofToken.sort(Comparator.comparing(TokenRefusal::at)); // stable: arrival order for equal times
            batch.addAll(ofToken.subList(Math.max(0, ofToken.size() - KEEP), ofToken.size()));
        }
        batch.sort(Comparator.comparing(TokenRefusal::at));
        return batch;
    }
}
