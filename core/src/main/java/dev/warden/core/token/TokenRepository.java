package dev.warden.core.token;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port for tokens. Every lookup but the one by digest is scoped by workspace. */
public interface TokenRepository {
    void add(AccessToken token);

    /** Stores the token's changed state: revocation, and the secret after a rotation. */
    void update(AccessToken token);

    /** Stores the token's scopes after they were narrowed. */
    void updateScopes(AccessToken token);

    Optional<AccessToken> findById(WorkspaceId workspace, TokenId id);

    /**
     * The one lookup across workspaces: a presented token names no workspace, and its digest is unique across the
     * installation. Finds the token whose current secret, or previous secret (after a rotation), has this digest;
     * the caller decides whether a previous secret is still in its grace period.
     */
    Optional<AccessToken> findByDigest(TokenDigest digest);

    /**
     * A page of the workspace's inventory in the given order (ties broken by token id), after the cursor (null:
     * from the start). Keyset paging: a page costs the same however deep it is.
     */
    List<AccessToken> search(WorkspaceId workspace, TokenFilter filter, TokenSort sort, TokenCursor after, int limit);

    /** Newest first (created, then token id). */
    default List<AccessToken> search(WorkspaceId workspace, TokenFilter filter, TokenCursor after, int limit) {
        return search(workspace, filter, TokenSort.NEWEST, after, limit);
    }

    /** Newest first. */
    List<AccessToken> listByOwner(WorkspaceId workspace, PrincipalId owner);

    /** @return false when there was no such token in that workspace */
    boolean delete(WorkspaceId workspace, TokenId id);

    /** Writes last-use data in one batch; tokens deleted meanwhile are skipped. */
    void recordUsage(Collection<TokenUsage> usages);
}
