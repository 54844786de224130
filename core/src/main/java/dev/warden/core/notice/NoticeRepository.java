package dev.warden.core.notice;

import dev.warden.core.token.TokenId;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;

/** Port: notification settings, the tokens that expire soon, and the claims that make each notice go out once. */
public interface NoticeRepository {
    /** Every workspace's id. */
    List<WorkspaceId> workspaces();

    /** The stored settings, or {@link NoticeSettings#DEFAULTS}. */
    NoticeSettings settings(WorkspaceId workspace);

    void saveSettings(WorkspaceId workspace, NoticeSettings settings);

    /** Tokens of the workspace neither revoked nor expired at {@code after} that expire at or before {@code until}. */
    List<ExpiringToken> expiring(WorkspaceId workspace, Instant after, Instant until);

    /**
     * Claims the notice of this token and lead time: true for the first caller ever, on any node; false when it was
     * claimed already (sent, or being sent). Commits on its own.
     */
    boolean claim(TokenId token, int leadDays, Instant at);

    /** Gives a claim back after its notice could not be sent, so that the next run tries again. */
    void unclaim(TokenId token, int leadDays);

    /**
     * Claims the inactivity notice of this token, due date and lead time, as {@link #claim} does for expiry notices
     * (a claim of its own kind: an expiry notice never takes an inactivity notice's place). Commits on its own.
     */
    boolean claimInactivity(TokenId token, Instant dueAt, int leadDays, Instant at);

    /** Gives an inactivity claim back after its notice could not be sent. */
    void unclaimInactivity(TokenId token, Instant dueAt, int leadDays);

    /** Whether that inactivity notice was claimed already (for the policy's preview). */
    boolean inactivityClaimed(TokenId token, Instant dueAt, int leadDays);
}
