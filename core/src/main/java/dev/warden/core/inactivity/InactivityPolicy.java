package dev.warden.core.inactivity;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.notice.InactivityNotices;
import dev.warden.core.notice.NoticeRepository;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.shared.Validation;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.InactivityRule;
import dev.warden.core.token.RevocationAuthority;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The inactivity policy ("revoke tokens unused for N days", the workspace setting {@value
 * SettingsService#REVOKE_UNUSED_DAYS}): its preview and its run. Both read the tokens through one query and one rule
 * ({@link TokenRepository#idleBefore}, {@link InactivityRule}), so the run revokes what the preview said, less any
 * token used in between: each token is read again under its row lock and revoked only if the rule still holds, with a
 * compare-and-set write and its audit record in one transaction of its own. Revocations carry authority {@code
 * POLICY}: an admin can restore such a token, its owner cannot.
 */
public final class InactivityPolicy {
    /** The preview's parameter. */
    public static final String DAYS = "days";
    /** At most this many token ids in a preview; the counts are always whole. */
    public static final int PREVIEW_IDS = 100;

    static final String ACTOR_NAME = "inactivity policy";
    private static final Logger LOG = Logger.getLogger(InactivityPolicy.class.getName());

    /**
     * What the policy of {@code days} would do, as saved now.
     *
     * @param unused how many tokens are unused for {@code days} now: the policy revokes these at {@code startsAt}
     *     unless they are used before
     * @param revokedToday how many tokens its run would revoke now (0 before {@code startsAt})
     * @param noticesToSend how many warnings the next notice run would send (tokens due within a lead time)
     * @param startsAt when it may first revoke: a policy switched on or changed warns for the notices' longest lead
     *     time first
     * @param tokenIds the first {@value #PREVIEW_IDS} unused tokens, least recently active first
     */
    public record Preview(
            int days, int unused, int revokedToday, int noticesToSend, Instant startsAt, List<TokenId> tokenIds) {}

    /** What one run did: {@code revoked} tokens, and {@code spared} that were used (or changed) since they were read. */
    public record RunResult(int revoked, int spared) {}

    private final TokenRepository tokens;
    private final SettingsRepository settings;
    private final NoticeRepository notices;
    private final InactivityNotices warnings;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final Clock clock;

    public InactivityPolicy(
            TokenRepository tokens,
            SettingsRepository settings,
            NoticeRepository notices,
            InactivityNotices warnings,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            Clock clock) {
        this.tokens = tokens;
        this.settings = settings;
        this.notices = notices;
        this.warnings = warnings;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * What a policy of {@code days} (as typed: 7–730) would do in the actor's workspace today, before it is saved.
     *
     * @throws InvalidParameterException naming {@value #DAYS} for anything else
     */
    public Preview preview(Actor actor, String days) {
        access.require(actor, Permission.SETTINGS_READ);
        int n = parseDays(days);
        Instant now = now();
        Instant startsAt = warnings.startsAt(actor.workspace(), n, now);
        List<AccessToken> unused = dueTokens(actor.workspace(), n, now);
        return new Preview(
                n,
                unused.size(),
                startsAt.isAfter(now) ? 0 : unused.size(),
                warnings.unsent(actor.workspace(), n, startsAt, now),
                startsAt,
                unused.stream().limit(PREVIEW_IDS).map(AccessToken::id).toList());
    }

    /** The days as typed: a whole number from 7 to 730 (the setting's bounds); anything else names {@value #DAYS}. */
    private static int parseDays(String days) {
        String value = days == null ? "" : days.strip();
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < WorkspaceSettings.MIN_UNUSED_DAYS || n > WorkspaceSettings.MAX_LIFETIME_DAYS_LIMIT) {
            throw new InvalidParameterException(
                    DAYS,
                    DAYS + " must be a number of days from " + WorkspaceSettings.MIN_UNUSED_DAYS + " to "
                            + WorkspaceSettings.MAX_LIFETIME_DAYS_LIMIT + "; got "
                            + (value.isEmpty() ? "nothing" : Validation.echo(value)) + ".");
        }
        return n;
    }

    /**
     * The tokens unused for {@code days} at {@code now}: what the policy revokes once it has started (the run's list),
     * and what the preview counts.
     */
    public List<AccessToken> dueTokens(WorkspaceId workspace, int days, Instant now) {
        return tokens.idleBefore(workspace, InactivityRule.cutoff(now, days), now);
    }

    /** One pass over every workspace whose policy is on. Each token in a transaction of its own. */
    public RunResult runOnce() {
        Instant now = now();
        int revoked = 0;
        int spared = 0;
        for (WorkspaceId workspace : notices.workspaces()) {
            Integer days = settings.get(workspace).revokeUnusedAfterDays();
            if (days == null || warnings.startsAt(workspace).isAfter(now)) {
                continue; // off, or still warning before its first revocation
            }
            for (AccessToken token : dueTokens(workspace, days, now)) {
                try {
                    if (revoke(workspace, token.id(), days, now)) {
                        revoked++;
                    } else {
                        spared++;
                    }
                } catch (RuntimeException e) { // one token's failure leaves the others to the run
                    spared++;
                    LOG.log(Level.WARNING, "Inactivity policy: token " + token.id() + " not revoked", e);
                }
            }
        }
        return new RunResult(revoked, spared);
    }

    private boolean revoke(WorkspaceId workspace, TokenId id, int days, Instant now) {
        return tx.inTransaction(() -> {
            // read again, locked: a use recorded since the list was read moves the token out of the rule
            Optional<AccessToken> found =
                    tokens.findByIdForUpdate(workspace, id).filter(token -> InactivityRule.isDue(token, days, now));
            if (found.isEmpty()) {
                return false;
            }
            AccessToken token = found.get();
            if (!token.revoke(null, RevocationAuthority.POLICY, now) || !tokens.update(token)) {
                return false;
            }
            // the audit record is the event: the audit port publishes token.revoked from it (EventingAuditLog)
            String reason = "unused for " + days + " days";
            String lastUsed =
                    token.lastUse() == null ? "never" : token.lastUse().at().toString();
            audit.record(AuditEvent.anonymous(workspace, AuditAction.TOKEN_REVOKED, now)
                    .actor(null, ACTOR_NAME)
                    .target("token", id.value())
                    .detail("owner_id", token.owner())
                    .detail("kind", token.kind())
                    .detail("comment", token.comment())
                    .detail("hint", token.displayHint())
                    .detail("authority", RevocationAuthority.POLICY)
                    .detail("reason", reason)
                    .detail("last_used", lastUsed)
                    .detail("created_at", token.createdAt())
                    .build());
            return true;
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
