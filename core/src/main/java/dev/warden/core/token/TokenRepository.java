package dev.warden.core.token;

import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupTokens;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.tokenusage.WorkingTokens;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port for tokens. Every lookup but the one by digest is scoped by workspace. */
public interface TokenRepository extends GroupTokens, WorkingTokens {
    void add(AccessToken token);

    /**
     * Stores the token's changed state (revocation and its authority, the secret after a rotation) if the stored
     * row still holds what the token was read with ({@link AccessToken#readRevision}): compare-and-set, so of two
     * concurrent transitions from one state only one is written.
     * @return false when the token changed since it was read (nothing is written)
     * @throws TokenNotFoundException when there is no such token
     */
    boolean update(AccessToken token);

    /** Stores the token's scopes after they were narrowed. */
    void updateScopes(AccessToken token);

    /**
     * Stores the token's comment after it was changed.
     * @throws TokenNotFoundException when there is no such token in its workspace
     */
    void updateComment(AccessToken token);

    Optional<AccessToken> findById(WorkspaceId workspace, TokenId id);

    /**
     * As {@link #findById}, read for a change inside the caller's transaction: the token's row stays locked until the
     * transaction ends, so changes of one token happen one after another and each starts from the latest state.
     */
    Optional<AccessToken> findByIdForUpdate(WorkspaceId workspace, TokenId id);

    /**
     * The one lookup across workspaces: a presented token names no workspace, and its digest is unique across the
     * installation. Finds the token whose current secret, or previous secret (after a rotation), has this digest;
     * the caller decides whether a previous secret is still in its grace period.
     */
    default Optional<AccessToken> findByDigest(TokenDigest digest) {
        return findByDigestWithVersion(digest).map(VersionedToken::token);
    }

    /**
     * As {@link #findByDigest}, together with the authorisation version of the token's workspace, read in one
     * statement: what the decision chain reads on every request (DESIGN, "Request cost").
     */
    Optional<VersionedToken> findByDigestWithVersion(TokenDigest digest);

    /**
     * A page of the workspace's inventory in the given order (ties broken by token id), after the cursor (null:
     * from the start). Keyset paging: a page costs the same however deep it is.
     */
    List<AccessToken> search(WorkspaceId workspace, TokenFilter filter, TokenSort sort, TokenCursor after, int limit);

    /** Newest first (created, then token id). */
    default List<AccessToken> search(WorkspaceId workspace, TokenFilter filter, TokenCursor after, int limit) {
        return search(workspace, filter, TokenSort.NEWEST, after, limit);
    }

    /**
     * How many tokens of the workspace match, for a list's "1–50 of 1,234". This default pages through them; a
     * database counts instead.
     */
    default int count(WorkspaceId workspace, TokenFilter filter) {
        int count = 0;
        TokenCursor after = null;
        while (true) {
            List<AccessToken> page = search(workspace, filter, TokenSort.NEWEST, after, COUNT_PAGE);
            count += page.size();
            if (page.size() < COUNT_PAGE) {
                return count;
            }
            after = TokenCursor.after(page.get(page.size() - 1));
        }
    }

    /** The page {@link #count}'s default reads at a time. */
    int COUNT_PAGE = 1000;

    /**
     * Holds creates for this owner until the caller's transaction ends (it locks the owner's row), so that counting
     * the owner's tokens against the quota and adding one happen for one request at a time.
     */
    void lockOwner(WorkspaceId workspace, PrincipalId owner);

    /**
     * The workspace's tokens that {@link InactivityRule#idleBefore} holds for: active at {@code now}, of a kind the
     * inactivity policy covers, last used (or, never used, created) before {@code cutoff}; least recently active
     * first. The preview, the notices and the run of the policy all read through here.
     */
    default List<AccessToken> idleBefore(WorkspaceId workspace, Instant cutoff, Instant now) {
        // The inventory's "unused since" filter finds every active token not used since the cutoff, never-used ones
        // included; the rule then drops those created since and the kinds the policy leaves alone.
        TokenFilter filter = new TokenFilter(null, null, TokenStatus.ACTIVE, null, null, null, cutoff, false, now);
        List<AccessToken> idle = new java.util.ArrayList<>();
        TokenCursor after = null;
        while (true) {
            List<AccessToken> page = search(workspace, filter, TokenSort.NEWEST, after, COUNT_PAGE);
            page.stream()
                    .filter(token -> InactivityRule.idleBefore(token, cutoff, now))
                    .forEach(idle::add);
            if (page.size() < COUNT_PAGE) {
                break;
            }
            after = TokenCursor.after(page.get(page.size() - 1));
        }
        idle.sort(java.util.Comparator.comparing(InactivityRule::lastActivity)
                .thenComparing(token -> token.id().value()));
        return idle;
    }

    /** Newest first. */
    List<AccessToken> listByOwner(WorkspaceId workspace, PrincipalId owner);

    /** @return false when there was no such token in that workspace */
    boolean delete(WorkspaceId workspace, TokenId id);

    /** The OAuth tokens that one service principal secret obtained, newest first. */
    List<AccessToken> listByOAuthSecret(WorkspaceId workspace, String secretId);

    /**
     * Removes the owner's OAuth tokens that expired at or before {@code now} (an expired token never works again),
     * so that a client fetching a token every hour leaves no trail of dead ones. Deletes by primary key only.
     * @return how many it removed
     */
    int deleteExpiredOAuth(WorkspaceId workspace, PrincipalId owner, Instant now);

    /** Writes last-use data in one batch; tokens deleted meanwhile are skipped. */
    void recordUses(Collection<TokenUse> usages);

    @Override
    default List<GroupToken> tokensOfGroup(WorkspaceId workspace, GroupId group, Instant now) {
        return search(workspace, TokenFilter.ofGroup(group, now), null, Integer.MAX_VALUE).stream()
                .map(token -> new GroupToken(token.id().value(), token.owner()))
                .toList();
    }

    @Override
    default int workingTokensOf(WorkspaceId workspace, PrincipalId owner, Instant now) {
        return (int) listByOwner(workspace, owner).stream()
                .filter(token -> token.statusAt(now) == TokenStatus.ACTIVE && token.kind() != TokenKind.CANARY)
                .count();
    }
}
