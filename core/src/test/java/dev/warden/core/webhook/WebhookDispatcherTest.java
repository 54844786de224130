package dev.warden.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.event.TokenEventType;
import dev.warden.core.notice.TokenAlerts;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.shared.Page;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.shared.WorkLeases;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.Tokens;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookDispatcherTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final MutableClock clock = kit.clock;
    private final FakeWebhooks webhooks = new FakeWebhooks();
    private final List<String> posted = new ArrayList<>();
    private final List<Integer> answers = new ArrayList<>();
    private final List<String> mails = new ArrayList<>();
    private int mailFailures;

    private final WebhookSender sender = (url, secret, id, timestamp, body) -> {
        posted.add(id + "@" + timestamp);
        return new WebhookSender.Outcome(answers.isEmpty() ? 200 : answers.remove(0), null);
    };
    private final TokenAlerts alerts = new TokenAlerts() {
        @Override
        public int raise(AccessToken token, String subject, String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int send(AccessToken token, String subject, String text) {
            if (mailFailures-- > 0) {
                throw new IllegalStateException("SMTP down");
            }
            mails.add(subject + "\n" + text);
            return 1;
        }
    };
    private final WorkLeases leases = new WorkLeases() {
        @Override
        public boolean tryHold(String work, String node, Instant now, Duration length) {
            return true;
        }

        @Override
        public void release(String work, String node) {}
    };
    private final WebhookDispatcher dispatcher = new WebhookDispatcher(
            webhooks, sender, alerts, kit.tokens, leases, "node-1", Duration.ofMinutes(1), Duration.ofDays(30), clock);

    @Test
    void aFailingReceiverIsRetriedOnTheScheduleWithTheSameIdThenFailed() {
        webhooks.due.add(new DueDelivery(1, 7, "https://x", "whsec_AAAA", "msg_1", "token.created", "{}", 0));
        for (int i = 0; i < 10; i++) {
            answers.add(500);
        }
        List<Duration> waits = new ArrayList<>();
        Instant before = clock.instant();
        for (int i = 0; i < 10; i++) {
            dispatcher.tick();
            Optional<Instant> next = webhooks.nextAt();
            if (next.isEmpty()) {
                break;
            }
            waits.add(Duration.between(before, next.get()));
            clock.setInstant(next.get());
            before = next.get();
        }

        assertThat(posted).hasSize(Backoff.maxAttempts()).allMatch(p -> p.startsWith("msg_1@"));
        assertThat(posted.stream().distinct())
                .as("each try signed with its own timestamp")
                .hasSize(7);
        assertThat(waits)
                .containsExactly(
                        Duration.ofSeconds(5),
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(30),
                        Duration.ofHours(2),
                        Duration.ofHours(5),
                        Duration.ofHours(10));
        assertThat(webhooks.statuses).last().isEqualTo("FAILED");
    }

    @Test
    void eachRunCleansUpWhatIsOlderThanTheRetention() {
        dispatcher.tick();

        assertThat(webhooks.pruneBefore).isEqualTo(clock.instant().minus(Duration.ofDays(30)));
    }

    @Test
    void aLeakAlertIsRetriedUntilItIsSentAndThenNotAgain() {
        AccessToken token = kit.store(Tokens.aToken()
                .inWorkspace(CoreTestKit.WORKSPACE)
                .comment("deploy key")
                .createdAt(clock.instant().minus(Duration.ofDays(1))));
        webhooks.alerts.add(new DueAlert(
                3,
                CoreTestKit.WORKSPACE,
                TokenEventType.LEAKED,
                token.id(),
                clock.instant(),
                Map.of("source", "https://github.com/acme/app/blob/1/.env", "client_address", "203.0.113.9"),
                0));
        mailFailures = 1;

        WebhookDispatcher.RunResult first = dispatcher.tick().orElseThrow();
        assertThat(first.alertsFailed()).isEqualTo(1);
        assertThat(webhooks.alertStates).containsExactly("PENDING");
        clock.advance(Duration.ofSeconds(5));
        dispatcher.tick();
        dispatcher.tick();

        assertThat(webhooks.alertStates).containsExactly("PENDING", "SENT");
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0))
                .contains("reported as leaked")
                .contains(token.id().value())
                .contains("deploy key")
                .contains("https://github.com/acme/app/blob/1/.env")
                .contains("203.0.113.9")
                .contains("What to do");
    }

    /** Just enough of the repository for the dispatcher: one delivery and one alert at a time. */
    private final class FakeWebhooks implements WebhookRepository {
        final List<DueDelivery> due = new ArrayList<>();
        final List<Instant> nextAts = new ArrayList<>();
        final List<String> statuses = new ArrayList<>();
        final List<DueAlert> alerts = new ArrayList<>();
        final List<String> alertStates = new ArrayList<>();
        Instant alertNext;
        Instant pruneBefore;

        Optional<Instant> nextAt() {
            return due.isEmpty() ? Optional.empty() : Optional.ofNullable(nextAts.get(nextAts.size() - 1));
        }

        @Override
        public List<DueDelivery> dueDeliveries(Instant now, int limit) {
            if (due.isEmpty()
                    || (!nextAts.isEmpty() && nextAts.get(nextAts.size() - 1).isAfter(now))) {
                return List.of();
            }
            return List.copyOf(due);
        }

        @Override
        public void recordAttempt(
                DueDelivery d, int attempt, Instant at, WebhookSender.Outcome o, Instant next, String status) {
            statuses.add(status);
            nextAts.add(next);
            due.clear();
            if (next != null) {
                due.add(new DueDelivery(
                        d.id(), d.webhookId(), d.url(), d.secret(), d.messageId(), d.type(), d.payload(), attempt));
            }
        }

        @Override
        public List<DueAlert> dueAlerts(Instant now, int limit) {
            if (alertNext != null && alertNext.isAfter(now)) {
                return List.of();
            }
            return List.copyOf(alerts);
        }

        @Override
        public void recordAlert(long eventId, int attempts, Instant next, String state) {
            alertStates.add(state);
            alertNext = next;
            DueAlert a = alerts.remove(0);
            if (next != null) {
                alerts.add(new DueAlert(
                        a.eventId(), a.workspace(), a.type(), a.token(), a.occurredAt(), a.data(), attempts));
            }
        }

        @Override
        public int prune(Instant before, int limit) {
            pruneBefore = before;
            return 0;
        }

        @Override
        public List<Webhook> list(WorkspaceId workspace) {
            return List.of();
        }

        @Override
        public Optional<Webhook> find(WorkspaceId workspace, long id) {
            return Optional.empty();
        }

        @Override
        public Webhook insert(
                WorkspaceId workspace, String url, List<String> types, boolean enabled, String secret, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void update(Webhook webhook) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void updateSecret(WorkspaceId workspace, long id, String secret) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(WorkspaceId workspace, long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Page<DeliveryAttempt> attempts(WorkspaceId workspace, long webhookId, PageRequest page) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DueDelivery queueTest(Webhook webhook, String messageId, String payload, Instant at) {
            throw new UnsupportedOperationException();
        }
    }
}
