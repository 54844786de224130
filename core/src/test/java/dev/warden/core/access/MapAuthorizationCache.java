package dev.warden.core.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** {@link AuthorizationCache} in an unbounded map, counting how often it had to resolve (a miss). */
public final class MapAuthorizationCache implements AuthorizationCache {
    private final Map<Key, ResolvedOwner> entries = new ConcurrentHashMap<>();
    private final AtomicInteger misses = new AtomicInteger();

    @Override
    public ResolvedOwner get(Key key, Function<Key, ResolvedOwner> resolve) {
        return entries.computeIfAbsent(key, absent -> {
            misses.incrementAndGet();
            return resolve.apply(absent);
        });
    }

    /** How often an entry was resolved because the cache had none for its key. */
    public int misses() {
        return misses.get();
    }
}
