package dev.warden.core.notice;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.shared.Validation;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.ExpiringSoon;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Expiry notices: the workspace's notification settings (read with {@code settings:read}, changed with {@code
 * settings:write} and audited as a settings change), and one run that finds the tokens expiring within a lead time and
 * hands each notice to the channel once. "Once" is a claim in the database per token and lead time: the first node to
 * insert it sends, every later run (on this node or another, before or after a restart) finds it taken.
 */
public final class NoticeService implements TokenAlerts {
    public static final String LEAD_DAYS = "lead_days";
    public static final String RECIPIENTS = "recipients";
    public static final String EXTRA_ADDRESSES = "extra_addresses";
    private static final Logger LOG = Logger.getLogger(NoticeService.class.getName());
    /** Deliberately loose (one @, no spaces, a dot in the domain): the SMTP server is the judge of the rest. */
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    /** What one run did. */
    public record RunResult(int sent, int failed, int recipientsWithoutAddress) {}

    private final NoticeRepository notices;
    private final NoticeRecipients recipients;
    private final NoticeChannel channel;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final Clock clock;
    /** Null: no inactivity notices (the policy's warnings), only expiry notices. */
    private final InactivityNotices inactivity;

    /** Expiry notices only. */
    public NoticeService(
            NoticeRepository notices,
            NoticeRecipients recipients,
            NoticeChannel channel,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            Clock clock) {
        this(notices, recipients, channel, access, audit, tx, clock, null);
    }

    /** Expiry notices and the inactivity policy's warnings. */
    public NoticeService(
            NoticeRepository notices,
            NoticeRecipients recipients,
            NoticeChannel channel,
            AccessPolicy access,
            AuditLog audit,
            TransactionRunner tx,
            Clock clock,
            InactivityNotices inactivity) {
        this.notices = notices;
        this.recipients = recipients;
        this.channel = channel;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.inactivity = inactivity;
    }

    /** Whether notices and alerts can go out at all: false while the channel is off (e-mail without an SMTP host). */
    public boolean canSend() {
        return channel.enabled();
    }

    public NoticeSettings settings(Actor actor) {
        access.require(actor, Permission.SETTINGS_READ);
        return notices.settings(actor.workspace());
    }

    /** As {@link #update(Actor, List, List, List)}, keeping the recipient rules. */
    public NoticeSettings update(Actor actor, List<Integer> leadDays, List<String> extraAddresses) {
        return update(actor, leadDays, extraAddresses, null);
    }

    /**
     * Replaces the lead times, the extra addresses and/or the recipient rules ({@link NoticeRecipient#key()} names; a
     * null argument keeps the current value), validated in full before anything is stored.
     */
    public NoticeSettings update(
            Actor actor, List<Integer> leadDays, List<String> extraAddresses, List<String> recipientKeys) {
        access.require(actor, Permission.SETTINGS_WRITE);
        if (leadDays != null) {
            validateLeadDays(leadDays);
        }
        List<String> addresses = extraAddresses == null ? null : validateAddresses(extraAddresses);
        Set<NoticeRecipient> rules = recipientKeys == null ? null : validateRecipients(recipientKeys);
        return tx.inTransaction(() -> {
            NoticeSettings before = notices.settings(actor.workspace());
            NoticeSettings after = new NoticeSettings(
                    leadDays == null ? before.leadDays() : leadDays,
                    addresses == null ? before.extraAddresses() : addresses,
                    rules == null ? before.recipients() : rules);
            if (!after.equals(before)) {
                notices.saveSettings(actor.workspace(), after);
                audit.record(AuditEvent.by(
                                actor,
                                AuditAction.WORKSPACE_SETTINGS_CHANGED,
                                clock.instant().truncatedTo(ChronoUnit.MICROS))
                        .target("workspace", actor.workspace().toString())
                        .detail("before", describe(before))
                        .detail("after", describe(after))
                        .build());
            }
            return after;
        });
    }

    private static String describe(NoticeSettings s) {
        return Map.of(LEAD_DAYS, s.leadDays(), EXTRA_ADDRESSES, s.extraAddresses(), RECIPIENTS, keys(s.recipients()))
                .toString();
    }

    /** The rules' names in their catalogue order. */
    public static List<String> keys(Set<NoticeRecipient> rules) {
        return Arrays.stream(NoticeRecipient.values())
                .filter(rules::contains)
                .map(NoticeRecipient::key)
                .toList();
    }

    private static Set<NoticeRecipient> validateRecipients(List<String> keys) {
        Set<NoticeRecipient> rules = EnumSet.noneOf(NoticeRecipient.class);
        for (String key : keys) {
            rules.add(NoticeRecipient.of(key == null ? "" : key.strip())
                    .orElseThrow(() -> new InvalidParameterException(
                            RECIPIENTS,
                            RECIPIENTS + " must name recipient rules among "
                                    + String.join(", ", keys(EnumSet.allOf(NoticeRecipient.class))) + "; got "
                                    + Validation.echo(String.valueOf(key)) + ".")));
        }
        return rules;
    }

    private static void validateLeadDays(List<Integer> leadDays) {
        if (leadDays.size() > NoticeSettings.MAX_LEAD_TIMES) {
            throw new InvalidParameterException(
                    LEAD_DAYS,
                    LEAD_DAYS + " holds at most " + NoticeSettings.MAX_LEAD_TIMES + " lead times; got "
                            + leadDays.size() + ".");
        }
        for (Integer days : leadDays) {
            if (days == null || days < 1 || days > NoticeSettings.MAX_LEAD_DAYS) {
                throw new InvalidParameterException(
                        LEAD_DAYS,
                        LEAD_DAYS + " must be numbers of days from 1 to " + NoticeSettings.MAX_LEAD_DAYS + "; got "
                                + days + ".");
            }
        }
    }

    private static List<String> validateAddresses(List<String> extraAddresses) {
        if (extraAddresses.size() > NoticeSettings.MAX_EXTRA_ADDRESSES) {
            throw new InvalidParameterException(
                    EXTRA_ADDRESSES,
                    EXTRA_ADDRESSES + " holds at most " + NoticeSettings.MAX_EXTRA_ADDRESSES + " addresses; got "
                            + extraAddresses.size() + ".");
        }
        List<String> clean = new ArrayList<>();
        for (String address : extraAddresses) {
            String a = address == null ? "" : address.strip();
            if (a.length() > 254 || !ADDRESS.matcher(a).matches()) {
                throw new InvalidParameterException(
                        EXTRA_ADDRESSES,
                        EXTRA_ADDRESSES + " must be e-mail addresses; got " + Validation.echo(a) + ".");
            }
            String lower = a.toLowerCase(Locale.ROOT);
            if (!clean.contains(lower)) {
                clean.add(lower);
            }
        }
        return clean;
    }

    /**
     * One pass over every workspace: each active token that expires within a lead time gets the notice of the
     * shortest lead time it is within (a token first seen 6 days before its expiry gets the 7-day notice, not a late
     * 30-day one), once. Runs outside a transaction: each claim commits on its own, before its notice is sent, so a
     * node that crashes mid-send loses at most that notice rather than sending it twice.
     */
    public RunResult runOnce() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int sent = 0;
        int failed = 0;
        int withoutAddress = 0;
        for (WorkspaceId workspace : notices.workspaces()) {
            NoticeSettings settings = notices.settings(workspace);
            if (settings.leadDays().isEmpty()) {
                continue;
            }
            Instant horizon = now.plus(Duration.ofDays(settings.longestLeadDays()));
            for (ExpiringToken token : notices.expiring(workspace, now, horizon)) {
                if (!ExpiringSoon.counts(token.kind())) {
                    continue; // an OAuth access token lives an hour: a notice for each would be noise, not a warning
                }
                int lead = shortestLead(settings, now, token.expiresAt());
                if (!notices.claim(token.id(), lead, now)) {
                    continue;
                }
                NoticeRecipients.Resolved to = recipients.of(token, settings);
                withoutAddress += to.skipped();
                if (to.addresses().isEmpty()) {
                    continue; // claimed all the same: nobody to tell now is nobody to tell at the next run either
                }
                try {
                    channel.send(new Notice(token, lead, to.ownerName(), to.addresses()));
                    sent++;
                } catch (RuntimeException e) {
                    failed++;
                    notices.unclaim(token.id(), lead);
                    LOG.log(Level.WARNING, "Expiry notice of token " + token.id() + " not sent; next run retries", e);
                }
            }
            RunResult warned = warnOfInactivity(workspace, settings, now);
            sent += warned.sent();
            failed += warned.failed();
            withoutAddress += warned.recipientsWithoutAddress();
        }
        return new RunResult(sent, failed, withoutAddress);
    }

    /**
     * The inactivity policy's warnings: each token the policy revokes within a lead time gets the notice of the
     * shortest lead time its due date is within, once per due date (a token used meanwhile is due later, and warned
     * again before that), claimed as expiry notices are.
     */
    private RunResult warnOfInactivity(WorkspaceId workspace, NoticeSettings settings, Instant now) {
        Integer days = inactivity == null ? null : inactivity.policyDays(workspace);
        if (days == null) {
            return new RunResult(0, 0, 0);
        }
        int sent = 0;
        int failed = 0;
        int withoutAddress = 0;
        for (InactivityNotices.Pending pending :
                inactivity.pending(workspace, days, inactivity.startsAt(workspace), settings, now)) {
            ExpiringToken token = ExpiringToken.of(pending.token());
            if (!notices.claimInactivity(token.id(), pending.dueAt(), pending.leadDays(), now)) {
                continue;
            }
            NoticeRecipients.Resolved to = recipients.of(token, settings);
            withoutAddress += to.skipped();
            if (to.addresses().isEmpty()) {
                continue;
            }
            try {
                channel.send(new Notice(
                        token,
                        pending.leadDays(),
                        to.ownerName(),
                        to.addresses(),
                        NoticeKind.INACTIVITY,
                        pending.dueAt(),
                        days));
                sent++;
            } catch (RuntimeException e) {
                failed++;
                notices.unclaimInactivity(token.id(), pending.dueAt(), pending.leadDays());
                LOG.log(Level.WARNING, "Inactivity notice of token " + token.id() + " not sent; next run retries", e);
            }
        }
        return new RunResult(sent, failed, withoutAddress);
    }

    @Override
    public int raise(AccessToken token, String subject, String text) {
        try {
            return send(token, subject, text);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Alert about token " + token.id() + " not sent", e);
            return 0;
        }
    }

    @Override
    public int send(AccessToken token, String subject, String text) {
        if (!channel.enabled()) {
            LOG.warning("Alert about token " + token.id() + " not sent: the notice channel is off");
            return 0;
        }
        NoticeRecipients.Resolved to =
                recipients.of(ExpiringToken.of(token), notices.settings(token.workspace()), true);
        if (to.addresses().isEmpty()) {
            return 0;
        }
        channel.sendAlert(new Alert(to.addresses(), subject, text));
        return to.addresses().size();
    }

    /** The shortest lead time that {@code expiresAt} (or a due date) lies within, seen from {@code now}. */
    static int shortestLead(NoticeSettings settings, Instant now, Instant expiresAt) {
        int chosen = settings.longestLeadDays();
        for (int lead : settings.leadDays()) {
            if (!expiresAt.isAfter(now.plus(Duration.ofDays(lead)))) {
                chosen = lead; // lead times run largest first, so the last one that fits is the shortest
            }
        }
        return chosen;
    }
}
