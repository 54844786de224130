package dev.warden.core.token;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port for tokens. Every lookup but the one by digest is scoped by workspace. */
public interface TokenRepository {
    void add(AccessToken token);

    /** Stores the token's changed state (revocation). */
    void update(AccessToken token);

    Optional<AccessToken> findById(WorkspaceId workspace, TokenId id);

    /**
     * The one lookup across workspaces: a presented token names no workspace, and its digest is
     * unique across the installation.
     */
    Optional<AccessToken> findByDigest(TokenDigest digest);

    /** Newest first. */
    List<AccessToken> listByOwner(WorkspaceId workspace, PrincipalId owner);

    /** @return false when there was no such token in that workspace */
    boolean delete(WorkspaceId workspace, TokenId id);

    /** Writes last-use data in one batch; tokens deleted meanwhile are skipped. */
    void recordUsage(Collection<TokenUsage> usages);
}
