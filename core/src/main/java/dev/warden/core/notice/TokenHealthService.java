package dev.warden.core.notice;

import dev.warden.core.access.TokenSuspensions;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.token.ExpiringSoon;
import dev.warden.core.token.TokenCounts;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * "Expiring soon" for a workspace (its window follows the notice settings, see {@link ExpiringSoon}) and the counts
 * the Access tokens tab shows: active, expiring soon, suspended, revoked, expired.
 */
public final class TokenHealthService {
    private final NoticeRepository notices;
    private final TokenCounts counts;
    private final TokenSuspensions suspensions;
    private final AccessPolicy access;
    private final Clock clock;

    public TokenHealthService(
            NoticeRepository notices,
            TokenCounts counts,
            TokenSuspensions suspensions,
            AccessPolicy access,
            Clock clock) {
        this.notices = notices;
        this.counts = counts;
        this.suspensions = suspensions;
        this.access = access;
        this.clock = clock;
    }

    /**
     * The workspace's window. Anyone signed in may know it (it only says how many days "soon" is), so an owner
     * without {@code settings:read} still gets the banner about their own tokens.
     */
    public ExpiringSoon expiringSoon(WorkspaceId workspace) {
        return ExpiringSoon.forLongestLead(notices.settings(workspace).longestLeadDays());
    }

    /** The counts of the Access tokens tab, with {@code token-management:read}. */
    public Overview overview(Actor actor) {
        access.require(actor, Permission.TOKEN_MANAGEMENT_READ);
        Instant now = clock.instant();
        ExpiringSoon soon = expiringSoon(actor.workspace());
        TokenCounts.Counts counted = counts.count(actor.workspace(), now, soon);
        Map<PrincipalId, Long> byOwner = counted.activeByOwner();
        TokenSuspensions.OwnerSuspensions stopped = suspensions.ofOwners(actor.workspace(), byOwner.keySet());
        long suspended = byOwner.entrySet().stream()
                .filter(e -> stopped.ofOwner(e.getKey()).isPresent())
                .mapToLong(Map.Entry::getValue)
                .sum();
        return new Overview(
                soon, counted.active(), counted.expiringSoon(), suspended, counted.revoked(), counted.expired());
    }

    /**
     * @param active neither revoked nor expired (suspended ones included)
     * @param suspended active, but stopped by a policy now (see {@link TokenSuspensions})
     */
    public record Overview(
            ExpiringSoon soon, long active, long expiringSoon, long suspended, long revoked, long expired) {}
}
