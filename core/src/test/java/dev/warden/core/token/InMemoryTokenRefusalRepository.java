package dev.warden.core.token;

import dev.warden.core.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * {@link TokenRefusalRepository} in memory, for tests: refusals of tokens the token repository does not hold are
 * dropped, as the database's foreign key makes the JDBC adapter drop them. It can be told to fail writes.
 */
public class InMemoryTokenRefusalRepository implements TokenRefusalRepository {
    private final TokenRepository tokens;
    private final List<Stored> stored = new ArrayList<>();
    private long sequence;
    private int batches;
    private RuntimeException failure;

    public InMemoryTokenRefusalRepository(TokenRepository tokens) {
        this.tokens = tokens;
    }

    private record Stored(long id, TokenRefusal refusal) {}

    private static final Comparator<Stored> NEWEST_FIRST = Comparator.<Stored, java.time.Instant>comparing(
                    s -> s.refusal().at())
            .thenComparingLong(Stored::id)
            .reversed();

    @Override
    public synchronized void record(Collection<TokenRefusal> refusals, int keep) {
        if (failure != null) {
            throw failure;
        }
        batches++;
        for (TokenRefusal refusal : refusals) {
            if (tokens.findById(refusal.workspace(), refusal.token()).isPresent()) {
                stored.add(new Stored(++sequence, refusal));
            }
        }
        for (TokenRefusal refusal : refusals) {
            List<Stored> ofToken = stored.stream()
                    .filter(s -> s.refusal().workspace().equals(refusal.workspace())
                            && s.refusal().token().equals(refusal.token()))
                    .sorted(NEWEST_FIRST)
                    .toList();
            if (ofToken.size() > keep) {
                stored.removeAll(ofToken.subList(keep, ofToken.size()));
            }
        }
    }

    @Override
    public synchronized List<TokenRefusal> recent(WorkspaceId workspace, TokenId token, int limit) {
        return stored.stream()
                .filter(s -> s.refusal().workspace().equals(workspace)
                        && s.refusal().token().equals(token))
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .map(Stored::refusal)
                .toList();
    }

    public synchronized int batches() {
        return batches;
    }

    public synchronized void failWritesWith(RuntimeException failure) {
        this.failure = failure;
    }
}
