package dev.warden.persistence.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.event.TokenEvent;
import dev.warden.core.event.TokenEventType;
import dev.warden.core.event.TokenEvents;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.token.TokenId;
import dev.warden.core.webhook.DeliveryAttempt;
import dev.warden.core.webhook.DueAlert;
import dev.warden.core.webhook.DueDelivery;
import dev.warden.core.webhook.Webhook;
import dev.warden.core.webhook.WebhookRepository;
import dev.warden.core.webhook.WebhookSender;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import dev.warden.persistence.JdbcAdapterTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Webhooks, the outbox (events and their deliveries), the delivery log and the alerts; each test is rolled back. */
@JdbcAdapterTest
abstract class JdbcWebhookRepositoryContract {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00.123456Z");
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Autowired
    private WebhookRepository webhooks;

    @Autowired
    private TokenEvents events;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private PrincipalRepository principals;

    private WorkspaceId workspace;

    @BeforeEach
    void setUp() {
        workspace = new Fixtures(workspaces, principals).workspace();
    }

    private TokenEvent event(TokenEventType type, String token, Map<String, Object> data) {
        return new TokenEvent(workspace, type, new TokenId(token), NOW, data);
    }

    private List<DueDelivery> due() {
        return webhooks.dueDeliveries(NOW.plus(Duration.ofDays(3650)), 1000).stream()
                .filter(d -> webhooks.find(workspace, d.webhookId()).isPresent())
                .toList();
    }

    @Test
    void storesReadsUpdatesAndDeletesWebhooksWithinTheirWorkspace() {
        Webhook all = webhooks.insert(workspace, "https://siem.example.com/in", List.of(), true, SECRET, NOW);
        Webhook some = webhooks.insert(
                workspace, "http://10.0.0.5/hook", List.of("token.revoked", "token.leaked"), false, SECRET, NOW);
        WorkspaceId other = new Fixtures(workspaces, principals).workspaceNamed("other");

        assertThat(webhooks.list(workspace)).containsExactly(all, some);
        assertThat(webhooks.find(workspace, some.id())).contains(some);
        assertThat(webhooks.find(other, some.id()))
                .as("another workspace's webhook")
                .isEmpty();

        Webhook changed = new Webhook(
                some.id(), workspace, "https://new.example.com/", List.of("token.created"), true, some.createdAt());
        webhooks.update(changed);
        assertThat(webhooks.find(workspace, some.id())).contains(changed);

        webhooks.delete(other, some.id());
        assertThat(webhooks.find(workspace, some.id()))
                .as("not deleted through another workspace")
                .isPresent();
        webhooks.delete(workspace, some.id());
        assertThat(webhooks.list(workspace)).containsExactly(all);
    }

    @Test
    void anEventIsQueuedForEachEnabledWebhookThatTakesItsType() {
        Webhook all = webhooks.insert(workspace, "https://a.example.com/", List.of(), true, SECRET, NOW);
        Webhook revokedOnly =
                webhooks.insert(workspace, "https://b.example.com/", List.of("token.revoked"), true, SECRET, NOW);
        webhooks.insert(workspace, "https://c.example.com/", List.of(), false, SECRET, NOW); // disabled

        events.publish(event(TokenEventType.CREATED, "tok-1", Map.of("owner_id", "7")));
        events.publish(event(TokenEventType.REVOKED, "tok-1", Map.of("reason", "done")));

        List<DueDelivery> due = due();
        assertThat(due)
                .extracting(DueDelivery::webhookId, DueDelivery::type)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(all.id(), "token.created"),
                        org.assertj.core.groups.Tuple.tuple(all.id(), "token.revoked"),
                        org.assertj.core.groups.Tuple.tuple(revokedOnly.id(), "token.revoked"));
        DueDelivery revoked = due.stream()
                .filter(d -> d.webhookId() == all.id() && d.type().equals("token.revoked"))
                .findFirst()
                .orElseThrow();
        assertThat(revoked.messageId()).startsWith("msg_");
        assertThat(revoked.secret()).isEqualTo(SECRET);
        assertThat(revoked.payload())
                .startsWith("{\"type\":\"token.revoked\",\"timestamp\":\"2026-12-03T10:00:00.123Z\",\"data\":{")
                .contains("\"token_id\":\"tok-1\"")
                .contains("\"reason\":\"done\"");
        assertThat(webhooks.dueDeliveries(NOW.minusSeconds(1), 1000))
                .as("nothing due before the event happened")
                .noneMatch(d -> d.webhookId() == all.id());
    }

    @Test
    void anExpiringEventGoesInOnceAndAnEventNobodyTakesIsNotStored() {
        Webhook all = webhooks.insert(workspace, "https://a.example.com/", List.of(), true, SECRET, NOW);
        events.publish(event(TokenEventType.EXPIRING, "tok-2", Map.of("lead_days", 7)));
        events.publish(event(TokenEventType.EXPIRING, "tok-2", Map.of("lead_days", 7))); // a retried notice run
        events.publish(event(TokenEventType.EXPIRING, "tok-2", Map.of("lead_days", 1)));
        assertThat(due()).hasSize(2);
        assertThat(due().get(0).messageId()).startsWith("msg_exp_");

        webhooks.update(new Webhook(all.id(), workspace, all.url(), List.of("token.leaked"), true, all.createdAt()));
        events.publish(event(TokenEventType.CREATED, "tok-3", Map.of()));
        assertThat(due()).hasSize(2);
        assertThat(webhooks.dueAlerts(NOW, 1000)).noneMatch(a -> a.workspace().equals(workspace));
    }

    @Test
    void eachTryIsLoggedAndMovesTheDeliveryOn() {
        Webhook hook = webhooks.insert(workspace, "https://a.example.com/", List.of(), true, SECRET, NOW);
        events.publish(event(TokenEventType.DELETED, "tok-4", Map.of()));
        DueDelivery delivery = due().get(0);

        Instant retry = NOW.plusSeconds(5);
        webhooks.recordAttempt(delivery, 1, NOW, new WebhookSender.Outcome(500, null), retry, "PENDING");
        assertThat(webhooks.dueDeliveries(NOW.plusSeconds(4), 1000)).noneMatch(d -> d.id() == delivery.id());
        DueDelivery again = webhooks.dueDeliveries(retry, 1000).stream()
                .filter(d -> d.id() == delivery.id())
                .findFirst()
                .orElseThrow();
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(again.messageId()).as("the same id on every try").isEqualTo(delivery.messageId());

        webhooks.recordAttempt(again, 2, retry, new WebhookSender.Outcome(null, "ConnectException"), null, "FAILED");
        assertThat(due()).noneMatch(d -> d.id() == delivery.id());

        var log = webhooks.attempts(workspace, hook.id(), PageRequest.first(10));
        assertThat(log.total()).isEqualTo(2);
        assertThat(log.items())
                .extracting(DeliveryAttempt::attempt, DeliveryAttempt::statusCode, DeliveryAttempt::error)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, null, "ConnectException"),
                        org.assertj.core.groups.Tuple.tuple(1, 500, null));
        assertThat(log.items().get(1).nextAttemptAt()).isEqualTo(retry);
        assertThat(log.items()).allMatch(a -> a.deliveryStatus().equals("FAILED"));
        WorkspaceId other = new Fixtures(workspaces, principals).workspaceNamed("other");
        assertThat(webhooks.attempts(other, hook.id(), PageRequest.first(10)).total())
                .isZero();
    }

    /** Old events with nothing left to do go, with their deliveries and log; anything still pending stays. */
    @Test
    void pruningDeletesOnlyOldEventsWithNothingLeftToDo() {
        Webhook hook = webhooks.insert(workspace, "https://a.example.com/", List.of(), true, SECRET, NOW);
        events.publish(event(TokenEventType.CREATED, "tok-old-done", Map.of()));
        events.publish(event(TokenEventType.CREATED, "tok-old-pending", Map.of()));
        events.publish(event(TokenEventType.LEAKED, "tok-old-alert", Map.of()));
        for (DueDelivery d : due()) {
            boolean done = d.payload().contains("tok-old-done");
            webhooks.recordAttempt(
                    d,
                    1,
                    NOW,
                    new WebhookSender.Outcome(done ? 200 : 500, null),
                    done ? null : NOW.plusSeconds(5),
                    done ? "SUCCEEDED" : "PENDING");
        }
        assertThat(webhooks.attempts(workspace, hook.id(), PageRequest.first(10))
                        .total())
                .isEqualTo(3);

        assertThat(webhooks.prune(NOW, 1000))
                .as("nothing older than the cut-off")
                .isZero();
        int pruned = webhooks.prune(NOW.plusSeconds(1), 1000);

        assertThat(pruned).isEqualTo(1);
        var log = webhooks.attempts(workspace, hook.id(), PageRequest.first(10));
        assertThat(log.total()).as("the pruned event's try went with it").isEqualTo(2);
        assertThat(webhooks.dueAlerts(NOW.plus(Duration.ofDays(1)), 1000))
                .as("the pending alert stays")
                .anyMatch(a -> a.token().value().equals("tok-old-alert"));
        assertThat(webhooks.dueDeliveries(NOW.plus(Duration.ofDays(1)), 1000))
                .as("the pending delivery stays")
                .anyMatch(d -> d.payload().contains("tok-old-pending"));
    }

    @Test
    void aLeakRaisesAnAlertUntilItIsSentEvenWithoutWebhooks() {
        events.publish(event(TokenEventType.LEAKED, "tok-5", Map.of("source", "https://github.com/x")));
        List<DueAlert> alerts = webhooks.dueAlerts(NOW, 1000).stream()
                .filter(a -> a.workspace().equals(workspace))
                .toList();
        assertThat(alerts).hasSize(1);
        DueAlert alert = alerts.get(0);
        assertThat(alert.type()).isEqualTo(TokenEventType.LEAKED);
        assertThat(alert.token()).isEqualTo(new TokenId("tok-5"));
        assertThat(alert.data()).containsEntry("source", "https://github.com/x").containsEntry("token_id", "tok-5");

        webhooks.recordAlert(alert.eventId(), 1, NOW.plusSeconds(5), "PENDING");
        assertThat(webhooks.dueAlerts(NOW, 1000)).noneMatch(a -> a.eventId() == alert.eventId());
        assertThat(webhooks.dueAlerts(NOW.plusSeconds(5), 1000))
                .filteredOn(a -> a.eventId() == alert.eventId())
                .extracting(DueAlert::attempts)
                .containsExactly(1);
        webhooks.recordAlert(alert.eventId(), 2, null, "SENT");
        assertThat(webhooks.dueAlerts(NOW.plus(Duration.ofDays(1)), 1000))
                .noneMatch(a -> a.eventId() == alert.eventId());
    }

    @Test
    void aTestDeliveryIsForItsWebhookOnlyAndNeverPickedByTheDispatcher() {
        Webhook hook = webhooks.insert(workspace, "https://a.example.com/", List.of(), false, SECRET, NOW);
        DueDelivery test = webhooks.queueTest(hook, "msg_test1", "{\"type\":\"webhook.test\"}", NOW);
        assertThat(test.secret()).isEqualTo(SECRET);
        assertThat(test.type()).isEqualTo("webhook.test");
        assertThat(due()).isEmpty();
        webhooks.recordAttempt(test, 1, NOW, new WebhookSender.Outcome(204, null), null, "SUCCEEDED");
        assertThat(webhooks.attempts(workspace, hook.id(), PageRequest.first(10))
                        .items())
                .extracting(DeliveryAttempt::messageId, DeliveryAttempt::eventType, DeliveryAttempt::deliveryStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("msg_test1", "webhook.test", "SUCCEEDED"));
    }
}
