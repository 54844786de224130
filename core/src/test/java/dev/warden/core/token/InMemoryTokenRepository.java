package dev.warden.core.token;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * {@link TokenRepository} in memory. It keeps copies, never the caller's objects, so a change that is
 * not written back with {@link #update} is lost here as it would be in the database. Ids and digests
 * are unique, as the database's unique indexes make them.
 * <p>
 * For tests it counts {@link #findByDigestWithVersion} calls, keeps every {@link #recordUses} batch it wrote,
 * and can be told to fail usage writes.
 */
public class InMemoryTokenRepository implements TokenRepository {
    private final Map<TokenId, AccessToken> tokens = new LinkedHashMap<>();
    /** The unique index on the digest, so that adding stays cheap with many tokens stored. */
    private final Map<TokenDigest, TokenId> digests = new HashMap<>();

    private final List<List<TokenUse>> usageBatches = new ArrayList<>();
    private int findByDigestCalls;
    private int usageWriteAttempts;
    private RuntimeException usageWriteFailure;
    private ToLongFunction<WorkspaceId> versions = workspace -> 0;

    @Override
    public synchronized void add(AccessToken token) {
        if (tokens.containsKey(token.id())) {
            throw new IllegalStateException("duplicate token id " + token.id());
        }
        if (digests.containsKey(token.digest())) {
            throw new IllegalStateException("duplicate token digest");
        }
        tokens.put(token.id(), copy(token).build());
        digests.put(token.digest(), token.id());
    }

    @Override
    public synchronized boolean update(AccessToken token) {
        AccessToken stored = tokens.get(token.id());
        if (stored == null || !stored.workspace().equals(token.workspace())) {
            throw new TokenNotFoundException(token.id());
        }
        if (!stored.revision().equals(token.readRevision())) {
            return false;
        }
        tokens.put(
                token.id(),
                copy(token).lastUse(stored.lastUse()).scopes(stored.scopes()).build());
        digests.remove(stored.digest());
        digests.put(token.digest(), token.id());
        return true;
    }

    /** Tests that create concurrently hold this object's monitor around the whole create instead. */
    @Override
    public void lockOwner(WorkspaceId workspace, PrincipalId owner) {}

    /** Every call here is synchronized, so reading for a change is reading. */
    @Override
    public synchronized Optional<AccessToken> findByIdForUpdate(WorkspaceId workspace, TokenId id) {
        return findById(workspace, id);
    }

    @Override
    public synchronized Optional<AccessToken> findById(WorkspaceId workspace, TokenId id) {
        return Optional.ofNullable(tokens.get(id))
                .filter(t -> t.workspace().equals(workspace))
                .map(t -> copy(t).build());
    }

    @Override
    public synchronized void updateScopes(AccessToken token) {
        AccessToken stored = tokens.get(token.id());
        if (stored == null || !stored.workspace().equals(token.workspace())) {
            throw new TokenNotFoundException(token.id());
        }
        tokens.put(token.id(), copy(stored).scopes(token.scopes()).build());
    }

    @Override
    public synchronized void updateComment(AccessToken token) {
        AccessToken stored = tokens.get(token.id());
        if (stored == null || !stored.workspace().equals(token.workspace())) {
            throw new TokenNotFoundException(token.id());
        }
        tokens.put(token.id(), copy(stored).comment(token.comment()).build());
    }

    @Override
    public synchronized Optional<VersionedToken> findByDigestWithVersion(TokenDigest digest) {
        findByDigestCalls++;
        return tokens.values().stream()
                .filter(t -> t.digest().equals(digest) || digest.equals(t.previousDigest()))
                .findFirst()
                .map(t -> new VersionedToken(copy(t).build(), versions.applyAsLong(t.workspace())));
    }

    /** Where {@link #findByDigestWithVersion} reads a workspace's authorisation version (0 for all, unless set). */
    public synchronized void readVersionsFrom(ToLongFunction<WorkspaceId> source) {
        this.versions = source;
    }

    @Override
    public synchronized List<AccessToken> search(
            WorkspaceId workspace, TokenFilter filter, TokenSort sort, TokenCursor after, int limit) {
        return tokens.values().stream()
                .filter(t -> t.workspace().equals(workspace))
                .filter(t -> matches(t, filter))
                .filter(t -> after == null || sort.isAfter(t, after))
                .sorted(sort.comparator())
                .limit(limit)
                .map(t -> copy(t).build())
                .toList();
    }

    private static boolean matches(AccessToken t, TokenFilter f) {
        if (f == null) {
            return true;
        }
        if (f.owner() != null && !t.owner().equals(f.owner())) {
            return false;
        }
        if (f.createdBy() != null && !t.createdBy().equals(f.createdBy())) {
            return false;
        }
        if (f.status() != null && t.statusAt(f.now()) != f.status()) {
            return false;
        }
        if (f.kind() != null && t.kind() != f.kind()) {
            return false;
        }
        if (f.expiringSoonKindsOnly() && !ExpiringSoon.counts(t.kind())) {
            return false;
        }
        if (f.group() != null && !f.group().equals(t.group())) {
            return false;
        }
        if (f.scope() != null && t.scopes().stream().noneMatch(s -> s.key().equals(f.scope()))) {
            return false;
        }
        if (f.expiringBefore() != null
                && (t.expiresAt() == null
                        || !t.expiresAt().isAfter(f.now())
                        || !t.expiresAt().isBefore(f.expiringBefore()))) {
            return false;
        }
        if (f.unusedSince() != null && t.lastUse() != null && !t.lastUse().at().isBefore(f.unusedSince())) {
            return false;
        }
        return !f.neverUsed() || t.lastUse() == null;
    }

    @Override
    public synchronized List<AccessToken> listByOwner(WorkspaceId workspace, PrincipalId owner) {
        return tokens.values().stream()
                .filter(t -> t.workspace().equals(workspace) && t.owner().equals(owner))
                .sorted(Comparator.comparing(AccessToken::createdAt)
                        .thenComparing(t -> t.id().value())
                        .reversed())
                .map(t -> copy(t).build())
                .toList();
    }

    @Override
    public synchronized boolean delete(WorkspaceId workspace, TokenId id) {
        AccessToken stored = tokens.get(id);
        if (stored == null || !stored.workspace().equals(workspace)) {
            return false;
        }
        tokens.remove(id);
        digests.remove(stored.digest());
        return true;
    }

    @Override
    public synchronized List<AccessToken> listByOAuthSecret(WorkspaceId workspace, String secretId) {
        return tokens.values().stream()
                .filter(t -> t.workspace().equals(workspace) && secretId.equals(t.oauthSecret()))
                .sorted(Comparator.comparing(AccessToken::createdAt)
                        .thenComparing(t -> t.id().value())
                        .reversed())
                .map(t -> copy(t).build())
                .toList();
    }

    @Override
    public synchronized int deleteExpiredOAuth(WorkspaceId workspace, PrincipalId owner, Instant now) {
        List<AccessToken> expired = tokens.values().stream()
                .filter(t -> t.workspace().equals(workspace) && t.owner().equals(owner))
                .filter(t -> t.kind() == TokenKind.OAUTH && t.isExpiredAt(now))
                .toList();
        expired.forEach(t -> {
            tokens.remove(t.id());
            digests.remove(t.digest());
        });
        return expired.size();
    }

    @Override
    public synchronized void recordUses(Collection<TokenUse> usages) {
        usageWriteAttempts++;
        if (usageWriteFailure != null) {
            throw usageWriteFailure;
        }
        List<TokenUse> batch = List.copyOf(usages);
        usageBatches.add(batch);
        for (TokenUse usage : batch) {
            AccessToken stored = tokens.get(usage.token());
            boolean newer = stored != null
                    && (stored.lastUse() == null || stored.lastUse().at().isBefore(usage.at()));
            if (newer && stored.workspace().equals(usage.workspace())) {
                // like the database adapter: last use only ever moves forward
                tokens.put(
                        stored.id(),
                        copy(stored)
                                .lastUse(new TokenLastUse(
                                        usage.at(), usage.clientAddress(), usage.userAgent(), usage.service()))
                                .build());
            }
        }
    }

    /** How often {@link #findByDigestWithVersion} (or {@link #findByDigest}) was called. */
    public synchronized int findByDigestCalls() {
        return findByDigestCalls;
    }

    /** Every batch {@link #recordUses} wrote, oldest first; failed attempts are not included. */
    public synchronized List<List<TokenUse>> usageBatches() {
        return List.copyOf(usageBatches);
    }

    /** Every call of {@link #recordUses}, including those that failed. */
    public synchronized int usageWriteAttempts() {
        return usageWriteAttempts;
    }

    /** From now on {@link #recordUses} throws this and writes nothing; pass null to heal. */
    public synchronized void failUsageWritesWith(RuntimeException failure) {
        this.usageWriteFailure = failure;
    }

    /** Captures the stored tokens (not the test counters); running the result puts them back. */
    public synchronized Runnable snapshot() {
        Map<TokenId, AccessToken> saved = new LinkedHashMap<>(tokens);
        Map<TokenDigest, TokenId> savedDigests = new HashMap<>(digests);
        return () -> {
            synchronized (this) {
                tokens.clear();
                tokens.putAll(saved);
                digests.clear();
                digests.putAll(savedDigests);
            }
        };
    }

    /** Every stored token of every workspace, in insertion order. */
    public synchronized List<AccessToken> all() {
        return tokens.values().stream().map(t -> copy(t).build()).toList();
    }

    public synchronized int size() {
        return tokens.size();
    }

    private static AccessToken.Builder copy(AccessToken token) {
        return AccessToken.builder()
                .id(token.id())
                .workspace(token.workspace())
                .owner(token.owner())
                .createdBy(token.createdBy())
                .comment(token.comment())
                .kind(token.kind())
                .group(token.group())
                .oauthSecret(token.oauthSecret())
                .digest(token.digest())
                .previous(token.previousDigest(), token.previousValidUntil())
                .rotatedAt(token.rotatedAt())
                .displayHint(token.displayHint())
                .scopes(token.scopes())
                .createdAt(token.createdAt())
                .expiresAt(token.expiresAt())
                .revoked(token.revokedAt(), token.revokedBy(), token.revocationAuthority())
                .restoredAt(token.restoredAt())
                .lastUse(token.lastUse());
    }
}
