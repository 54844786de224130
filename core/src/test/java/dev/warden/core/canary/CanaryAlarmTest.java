package dev.warden.core.canary;

import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.event.EventingAuditLog;
import dev.warden.core.event.TokenEvent;
import dev.warden.core.event.TokenEventType;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CanaryUse;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CanaryAlarmTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final List<TokenEvent> published = new ArrayList<>();
    private final CanaryAlarm alarm = new CanaryAlarm(
            kit.tokens,
            new EventingAuditLog(kit.audit, published::add, kit.tokens),
            kit.tx,
            kit.clock,
            Duration.ofMinutes(1),
            3);
    private final Principal admin = kit.user("canary-admin", BuiltInRole.WORKSPACE_ADMIN);

    private AccessToken canary(String comment) {
        return kit.store(Tokens.aToken()
                .inWorkspace(WORKSPACE)
                .ownedBy(admin.id())
                .createdBy(admin.id())
                .kind(TokenKind.CANARY)
                .withScopes()
                .comment(comment)
                .neverExpiring());
    }

    private CanaryUse use(String address, String path) {
        return new CanaryUse(kit.clock.instant(), address, "curl/8", "GET", path, null);
    }

    private List<AuditEvent> audited() {
        return kit.audit.recent(WORKSPACE, 100).stream()
                .filter(event -> event.action() == AuditAction.CANARY_TRIGGERED)
                .toList();
    }

    @Test
    void aUseIsOnlyQueuedUntilTheFlushWritesEventAuditRecordAndLastUse() {
        AccessToken canary = canary("in the wiki");

        alarm.tripped(canary, use("203.0.113.9", "/api/2.0/clusters/list?secret=x"));

        assertThat(published).isEmpty();
        assertThat(audited()).isEmpty();
        assertThat(alarm.pendingCount()).isEqualTo(1);

        assertThat(alarm.flush()).isEqualTo(1);

        assertThat(published).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(TokenEventType.CANARY_TRIGGERED);
            assertThat(event.token()).isEqualTo(canary.id());
            assertThat(event.workspace()).isEqualTo(WORKSPACE);
            assertThat(event.data())
                    .containsEntry("client_address", "203.0.113.9")
                    .containsEntry("user_agent", "curl/8")
                    .containsEntry("method", "GET")
                    .containsEntry("endpoint", "/api/2.0/clusters/list")
                    .containsEntry("comment", "in the wiki")
                    .containsEntry("uses", "1")
                    .doesNotContainKey("source");
        });
        assertThat(audited()).singleElement().satisfies(event -> {
            assertThat(event.clientAddress()).isEqualTo("203.0.113.9");
            assertThat(event.details()).containsEntry("endpoint", "/api/2.0/clusters/list");
        });
        assertThat(kit.tokens
                        .findById(WORKSPACE, canary.id())
                        .orElseThrow()
                        .lastUse()
                        .clientAddress())
                .isEqualTo("203.0.113.9");
        assertThat(alarm.pendingCount()).isZero();
    }

    @Nested
    class WhenHammered {
        private final AccessToken canary = canary("hammered");

        @Test
        void oneAlertPerWindowTheRestCountedIntoTheNext() {
            for (int i = 0; i < 500; i++) {
                alarm.tripped(canary, use("198.51.100." + (i % 250), "/api/x"));
            }
            alarm.flush();
            assertThat(published).hasSize(1);

            kit.clock.advance(Duration.ofSeconds(30));
            alarm.flush();
            assertThat(published).hasSize(1);

            kit.clock.advance(Duration.ofSeconds(31));
            alarm.flush();
            assertThat(published).hasSize(2);
            assertThat(published.get(1).data())
                    .containsEntry("uses", "499")
                    .containsEntry("client_address", "198.51.100.249");

            // the summary opened a new window: a use inside it is counted, not alerted
            alarm.tripped(canary, use("192.0.2.1", "/api/y"));
            alarm.flush();
            assertThat(published).hasSize(2);
            kit.clock.advance(Duration.ofMinutes(1));
            alarm.flush();
            assertThat(published).hasSize(3);
        }

        @Test
        void aQuietWindowIsForgottenAndTheNextUseAlertsAtOnce() {
            alarm.tripped(canary, use("192.0.2.1", "/a"));
            alarm.flush();
            kit.clock.advance(Duration.ofMinutes(2));
            alarm.flush();
            assertThat(published).hasSize(1);

            alarm.tripped(canary, use("192.0.2.2", "/b"));
            alarm.flush();

            assertThat(published).hasSize(2);
            assertThat(published.get(1).data()).containsEntry("uses", "1");
        }
    }

    @Test
    void manyCanariesAtOnceAreBoundedByTheQueueAndCounted() {
        for (int i = 0; i < 5; i++) {
            alarm.tripped(canary("c" + i), use("192.0.2.1", "/x"));
        }

        assertThat(alarm.pendingCount()).isEqualTo(3);
        assertThat(alarm.droppedCount()).isEqualTo(2);
        assertThat(alarm.flush()).isEqualTo(3);
    }

    @Test
    void aCanaryDeletedBeforeTheFlushRaisesNothing() {
        AccessToken canary = canary("gone");
        alarm.tripped(canary, use("192.0.2.1", "/x"));
        kit.tokens.delete(WORKSPACE, canary.id());

        assertThat(alarm.flush()).isZero();

        assertThat(published).isEmpty();
        assertThat(audited()).isEmpty();
    }

    @Test
    void aFailedWriteIsQueuedAgainAndWrittenByTheNextFlush() {
        AccessToken canary = canary("retry");
        List<TokenEvent> second = new ArrayList<>();
        boolean[] fail = {true};
        CanaryAlarm failing = new CanaryAlarm(
                kit.tokens,
                new EventingAuditLog(
                        kit.audit,
                        event -> {
                            if (fail[0]) {
                                throw new IllegalStateException("outbox unavailable");
                            }
                            second.add(event);
                        },
                        kit.tokens),
                kit.tx,
                kit.clock);
        failing.tripped(canary, use("192.0.2.1", "/x"));

        assertThat(failing.flush()).isZero();
        assertThat(audited()).isEmpty();
        fail[0] = false;
        assertThat(failing.flush()).isEqualTo(1);

        assertThat(second).hasSize(1);
        assertThat(audited()).hasSize(1);
    }
}
