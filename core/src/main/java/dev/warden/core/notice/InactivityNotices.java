package dev.warden.core.notice;

import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.InactivityRule;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which tokens the inactivity policy will revoke within a lead time of the workspace's notices, read through the
 * policy's own rule ({@link InactivityRule}, {@link TokenRepository#idleBefore}). The notice run warns about these;
 * the policy's preview counts them. A token that expires on or before its due date is left to its expiry notice.
 */
public final class InactivityNotices {
    /** One warning to give: this token is revoked at {@code dueAt} unless used; the notice of {@code leadDays}. */
    public record Pending(AccessToken token, Instant dueAt, int leadDays) {}

    private final NoticeRepository notices;
    private final SettingsRepository settings;
    private final TokenRepository tokens;

    public InactivityNotices(NoticeRepository notices, SettingsRepository settings, TokenRepository tokens) {
        this.notices = notices;
        this.settings = settings;
        this.tokens = tokens;
    }

    /**
     * When the workspace's saved policy may first revoke: the notices' longest lead time after it took its current
     * value, so that every token it revokes was warned first (immediately when notices are off).
     */
    public Instant startsAt(WorkspaceId workspace) {
        Instant since = settings.get(workspace).revokeUnusedSince();
        return since == null ? Instant.EPOCH : since.plus(grace(workspace));
    }

    /**
     * As {@link #startsAt(WorkspaceId)} for a policy of {@code days} about to be saved at {@code now}: the saved
     * policy's start when it already has these days, otherwise (saving would start it over) now plus the grace.
     */
    public Instant startsAt(WorkspaceId workspace, int days, Instant now) {
        Integer saved = policyDays(workspace);
        return saved != null && saved == days ? startsAt(workspace) : now.plus(grace(workspace));
    }

    private Duration grace(WorkspaceId workspace) {
        return Duration.ofDays(notices.settings(workspace).longestLeadDays());
    }

    /** The workspace's inactivity policy in days, or null when it is off. */
    public Integer policyDays(WorkspaceId workspace) {
        return settings.get(workspace).revokeUnusedAfterDays();
    }

    /**
     * The tokens the policy of {@code days} (revoking nothing before {@code startsAt}) revokes after {@code now} but
     * within the longest lead time, each with the shortest lead time its due date is within (as for expiry notices);
     * claimed or not.
     */
    public List<Pending> pending(WorkspaceId workspace, int days, Instant startsAt, NoticeSettings lead, Instant now) {
        if (lead.leadDays().isEmpty()) {
            return List.of();
        }
        Instant horizon = now.plus(Duration.ofDays(lead.longestLeadDays()));
        // due <= horizon  <=>  last activity <= horizon - days; the query's bound is exclusive, so one microsecond on
        Instant cutoff = InactivityRule.cutoff(horizon, days).plusNanos(1_000);
        List<Pending> pending = new ArrayList<>();
        for (AccessToken token : tokens.idleBefore(workspace, cutoff, now)) {
            Instant due = InactivityRule.dueAt(token, days, startsAt);
            if (!due.isAfter(now) || due.isAfter(horizon)) {
                continue; // due already: the policy's run revokes it, no notice can come before
            }
            if (token.expiresAt() != null && !token.expiresAt().isAfter(due)) {
                continue; // it expires first: its expiry notice tells
            }
            pending.add(new Pending(token, due, NoticeService.shortestLead(lead, now, due)));
        }
        return pending;
    }

    /** How many of {@link #pending} the next notice run would send (not claimed yet). */
    public int unsent(WorkspaceId workspace, int days, Instant startsAt, Instant now) {
        int count = 0;
        for (Pending p : pending(workspace, days, startsAt, notices.settings(workspace), now)) {
            if (!notices.inactivityClaimed(p.token().id(), p.dueAt(), p.leadDays())) {
                count++;
            }
        }
        return count;
    }
}
