package dev.warden.core.token;

import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.List;

/** Where the recent refusals of tokens are kept: only the newest few of each token. */
public interface TokenRefusalRepository {
    /**
     * Stores the refusals in one go and then keeps only the newest {@code keep} of each token they name. A refusal
     * of a token that no longer exists is dropped silently.
     */
    void record(Collection<TokenRefusal> refusals, int keep);

    /** The token's refusals, newest first (equal times: the one stored later first), at most {@code limit}. */
    List<TokenRefusal> recent(WorkspaceId workspace, TokenId token, int limit);
}
