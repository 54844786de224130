package dev.warden.core.webhook;

import dev.warden.core.notice.TokenAlerts;
import dev.warden.core.shared.WorkLeases;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers what the outbox holds, on one node at a time (the {@value #WORK} lease): each due webhook delivery is
 * signed and posted, every try logged, a failure retried on the {@link Backoff} schedule with the same {@code
 * webhook-id}; each due e-mail alert (leaked token, canary used) goes to the people who answer for the token through
 * {@link TokenAlerts}, retried on the same schedule. Events older than the retention with nothing left to do are
 * deleted with their deliveries and log, a batch per run. Runs outside any request and outside the transaction that
 * queued the event.
 */
public final class WebhookDispatcher {
    public static final String WORK = "webhook-dispatch";
    static final int BATCH = 100;
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());

    /** What one run did. */
    public record RunResult(int delivered, int failedAttempts, int alertsSent, int alertsFailed, int pruned) {}

    private final WebhookRepository webhooks;
    private final WebhookSender sender;
    private final TokenAlerts alerts;
    private final TokenRepository tokens;
    private final WorkLeases leases;
    private final String node;
    private final Duration lease;
    private final Duration retention;
    private final Clock clock;

    public WebhookDispatcher(
            WebhookRepository webhooks,
            WebhookSender sender,
            TokenAlerts alerts,
            TokenRepository tokens,
            WorkLeases leases,
            String node,
            Duration lease,
            Duration retention,
            Clock clock) {
        this.webhooks = webhooks;
        this.sender = sender;
        this.alerts = alerts;
        this.tokens = tokens;
        this.leases = leases;
        this.node = node;
        this.lease = lease;
        this.retention = retention;
        this.clock = clock;
    }

    /** Runs if this node holds the lease; empty when another node does. */
    public Optional<RunResult> tick() {
        if (!leases.tryHold(WORK, node, clock.instant(), lease)) {
            return Optional.empty();
        }
        return Optional.of(runOnce());
    }

    /** At shutdown, so another node need not wait for the lease to run out. */
    public void release() {
        leases.release(WORK, node);
    }

    RunResult runOnce() {
        Instant now = now();
        int delivered = 0;
        int failed = 0;
        for (DueDelivery delivery : webhooks.dueDeliveries(now, BATCH)) {
            if (deliverOnce(delivery).succeeded()) {
                delivered++;
            } else {
                failed++;
            }
        }
        int sent = 0;
        int alertsFailed = 0;
        for (DueAlert alert : webhooks.dueAlerts(now, BATCH)) {
            if (alert(alert, now)) {
                sent++;
            } else {
                alertsFailed++;
            }
        }
        int pruned = webhooks.prune(now.minus(retention), BATCH * 10);
        return new RunResult(delivered, failed, sent, alertsFailed, pruned);
    }

    /** One try of one delivery, logged; a failure is scheduled again unless it was the last try (or a test). */
    DeliveryAttempt deliverOnce(DueDelivery delivery) {
        Instant at = now();
        int attempt = delivery.attempts() + 1;
        WebhookSender.Outcome outcome = post(delivery, at);
        Instant next = null;
        String status = "SUCCEEDED";
        if (!outcome.succeeded()) {
            Optional<Duration> wait =
                    WebhookService.TEST_TYPE.equals(delivery.type()) ? Optional.empty() : Backoff.after(attempt);
            next = wait.map(at::plus).orElse(null);
            status = next == null ? "FAILED" : "PENDING";
        }
        webhooks.recordAttempt(delivery, attempt, at, outcome, next, status);
        return new DeliveryAttempt(
                delivery.messageId(),
                delivery.type(),
                attempt,
                at,
                outcome.statusCode(),
                outcome.error(),
                next,
                status);
    }

    private WebhookSender.Outcome post(DueDelivery delivery, Instant at) {
        try {
            return sender.post(
                    delivery.url(), delivery.secret(), delivery.messageId(), at.getEpochSecond(), delivery.payload());
        } catch (RuntimeException e) { // a sender must not throw, but a bad one must not stop the run either
            return new WebhookSender.Outcome(null, e.getClass().getSimpleName());
        }
    }

    private boolean alert(DueAlert alert, Instant now) {
        int attempt = alert.attempts() + 1;
        Optional<AccessToken> token = tokens.findById(alert.workspace(), alert.token());
        if (token.isEmpty()) {
            webhooks.recordAlert(alert.eventId(), attempt, null, "GONE"); // deleted since: nobody left to tell
            return false;
        }
        try {
            int reached =
                    alerts.send(token.get(), AlertText.subject(alert, token.get()), AlertText.text(alert, token.get()));
            webhooks.recordAlert(alert.eventId(), attempt, null, reached > 0 ? "SENT" : "OFF");
            return reached > 0;
        } catch (RuntimeException e) {
            Instant next = Backoff.after(attempt).map(now::plus).orElse(null);
            webhooks.recordAlert(alert.eventId(), attempt, next, next == null ? "FAILED" : "PENDING");
            LOG.log(Level.WARNING, "Alert about token " + alert.token() + " not sent (try " + attempt + ")", e);
            return false;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
