package dev.warden.web.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.warden.core.access.AuthorizationCache;
import dev.warden.core.access.ResolvedOwner;
import java.time.Duration;
import java.util.function.Function;

/**
 * Core's {@link AuthorizationCache} on Caffeine: bounded in size and dropping idle entries, for memory only. An
 * entry's key carries its workspace's authorisation version, so no entry is ever stale for a request that asks for
 * it; there is no time-to-live and no invalidation. Concurrent misses of one key resolve it once.
 */
final class CaffeineAuthorizationCache implements AuthorizationCache {
    private final Cache<Key, ResolvedOwner> entries;

    CaffeineAuthorizationCache(long maxEntries, Duration idle) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterAccess(idle)
                .build();
    }

    @Override
    public ResolvedOwner get(Key key, Function<Key, ResolvedOwner> resolve) {
        return entries.get(key, resolve);
    }
}
