package dev.warden.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditCursor;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.audit.AuditQuery;
import dev.warden.core.audit.StoredAuditEvent;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.persistence.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.annotation.Transactional;

/** What every {@link AuditLog} must do: the JDBC adapter on each database and the in-memory fake. * <p>
 * {@code @Transactional} is repeated here although the JDBC subclasses have it through {@code @JdbcAdapterTest}:
 * Spring looks for a test method's transaction on the class that declares the method, so the contract's tests
 * would otherwise run without the rolled-back test transaction. Without a Spring context (the fakes) it does nothing.
 */
@Transactional
public abstract class AuditLogContract {
    protected static final Instant T0 = Instant.parse("2026-10-25T00:59:59.999999Z");

    protected WorkspaceId workspace;
    protected PrincipalId alice;

    protected abstract AuditLog audit();

    protected abstract Fixtures fixtures();

    @BeforeEach
    void givenAWorkspaceWithAUser() {
        workspace = fixtures().workspace();
        alice = fixtures().user(workspace, "alice");
    }

    protected AuditEvent.Builder byAlice(AuditAction action, Instant at) {
        return AuditEvent.anonymous(workspace, action, at).actor(alice, "alice").clientAddress("203.0.113.9");
    }

    @Test
    void aRecordedEventComesBackWithEveryField() {
        AuditEvent event = byAlice(AuditAction.TOKEN_REVOKED, T0)
                .target("token", "0123456789abcdef0123456789abcdef")
                .detail("comment", "ci")
                .build();

        audit().record(event);

        assertThat(audit().recent(workspace, 10)).containsExactly(event);
    }

    @Test
    void detailsRoundTripWithQuotesUnicodeAndJsonLookingText() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("quote", "she said \"hi\" and 'bye'");
        details.put("backslash", "C:\\tokens\\new\nline\ttab");
        details.put("unicode", "Grüße – 東京 – 🚀");
        details.put("json", "{\"a\":[1,2],\"b\":null}");
        details.put("empty", "");
        details.put("ключ ✓", "value");
        AuditEvent event = new AuditEvent(
                workspace, T0, alice, "alice", AuditAction.TOKEN_CREATED, "token", "t-1", "2001:db8::2", details);

        audit().record(event);

        AuditEvent read = audit().recent(workspace, 1).get(0);
        assertThat(read.details()).containsExactlyEntriesOf(details);
        assertThat(read).isEqualTo(event);
    }

    @Test
    void anEventWithoutDetailsHasAnEmptyMap() {
        AuditEvent event = byAlice(AuditAction.LOGIN_SUCCEEDED, T0).build();

        audit().record(event);

        assertThat(audit().recent(workspace, 1))
                .singleElement()
                .satisfies(read -> assertThat(read.details()).isEmpty());
    }

    @Test
    void anAnonymousEventHasNoActor() {
        AuditEvent failedLogin = AuditEvent.anonymous(workspace, AuditAction.LOGIN_FAILED, T0)
                .clientAddress("198.51.100.1")
                .detail("user_name", "mallory")
                .build();

        audit().record(failedLogin);

        AuditEvent read = audit().recent(workspace, 1).get(0);
        assertThat(read.actorId()).isNull();
        assertThat(read.actorName()).isNull();
        assertThat(read.targetType()).isNull();
        assertThat(read.targetId()).isNull();
        assertThat(read).isEqualTo(failedLogin);
    }

    @Test
    void recentIsNewestFirstWithTheLaterRecordedFirstAtTheSameInstant() {
        AuditEvent oldest =
                byAlice(AuditAction.TOKEN_CREATED, T0).target("token", "a").build();
        AuditEvent newest = byAlice(AuditAction.TOKEN_DELETED, T0.plusSeconds(2))
                .target("token", "a")
                .build();
        AuditEvent tiedFirst = byAlice(AuditAction.TOKEN_REVOKED, T0.plusNanos(1_000))
                .target("token", "b")
                .build();
        AuditEvent tiedSecond = byAlice(AuditAction.TOKEN_RESTORED, T0.plusNanos(1_000))
                .target("token", "b")
                .build();
        for (AuditEvent event : List.of(newest, oldest, tiedFirst, tiedSecond)) {
            audit().record(event);
        }

        assertThat(audit().recent(workspace, 10)).containsExactly(newest, tiedSecond, tiedFirst, oldest);
        assertThat(audit().recent(workspace, 2)).containsExactly(newest, tiedSecond);
    }

    @Test
    void recentSeesOnlyItsOwnWorkspace() {
        WorkspaceId other = fixtures().workspace();
        AuditEvent mine = byAlice(AuditAction.TOKEN_CREATED, T0).build();
        AuditEvent theirs = AuditEvent.anonymous(other, AuditAction.LOGIN_FAILED, T0.plusSeconds(1))
                .build();

        audit().record(mine);
        audit().record(theirs);

        assertThat(audit().recent(workspace, 10)).containsExactly(mine);
        assertThat(audit().recent(other, 10)).containsExactly(theirs);
        assertThat(audit().recent(fixtures().workspace(), 10)).isEmpty();
    }

    @Test
    void anEventAboutManyTargetsComesBackWithItsSubjects() {
        AuditEvent bulk = byAlice(AuditAction.TOKENS_BULK_REVOKED, T0)
                .target("token", null)
                .subjects(List.of("tok-c", "tok-a", "tok-b", "tok-a"))
                .detail("reason", "leaked")
                .build();

        audit().record(bulk);

        AuditEvent read = audit().recent(workspace, 1).get(0);
        assertThat(read).isEqualTo(bulk);
        assertThat(read.subjects()).containsExactly("tok-a", "tok-b", "tok-c");
    }

    @Test
    void aTargetsHistoryHasItsOwnEventsAndThoseListingItNewestFirst() {
        AuditEvent created =
                byAlice(AuditAction.TOKEN_CREATED, T0).target("token", "tok-a").build();
        AuditEvent otherToken = byAlice(AuditAction.TOKEN_CREATED, T0.plusSeconds(1))
                .target("token", "tok-b")
                .build();
        AuditEvent bulk = byAlice(AuditAction.TOKENS_BULK_REVOKED, T0.plusSeconds(2))
                .target("token", null)
                .subjects(List.of("tok-a", "tok-b"))
                .build();
        AuditEvent restored = byAlice(AuditAction.TOKEN_RESTORED, T0.plusSeconds(3))
                .target("token", "tok-a")
                .build();
        AuditEvent samePrincipalId = byAlice(AuditAction.PRINCIPAL_CREATED, T0.plusSeconds(4))
                .target("principal", "tok-a")
                .build();
        WorkspaceId other = fixtures().workspace();
        AuditEvent elsewhere = AuditEvent.anonymous(other, AuditAction.TOKEN_DELETED, T0.plusSeconds(5))
                .target("token", "tok-a")
                .build();
        for (AuditEvent event : List.of(created, otherToken, bulk, restored, samePrincipalId, elsewhere)) {
            audit().record(event);
        }

        assertThat(audit().history(workspace, "token", "tok-a", 10)).containsExactly(restored, bulk, created);
        assertThat(audit().history(workspace, "token", "tok-a", 2)).containsExactly(restored, bulk);
        assertThat(audit().history(workspace, "token", "tok-b", 10)).containsExactly(bulk, otherToken);
        assertThat(audit().history(workspace, "token", "tok-z", 10)).isEmpty();
        assertThat(audit().history(other, "token", "tok-a", 10)).containsExactly(elsewhere);
    }

    private List<AuditEvent> search(AuditQuery query) {
        return audit().search(workspace, query, 100).stream()
                .map(StoredAuditEvent::event)
                .toList();
    }

    @Test
    void searchFiltersByEachFieldNewestFirst() {
        PrincipalId bob = fixtures().user(workspace, "bob");
        AuditEvent created =
                byAlice(AuditAction.TOKEN_CREATED, T0).target("token", "tok-a").build();
        AuditEvent revoked = byAlice(AuditAction.TOKEN_REVOKED, T0.plusSeconds(1))
                .target("token", "tok-b")
                .build();
        AuditEvent roleByBob = AuditEvent.anonymous(workspace, AuditAction.ROLE_CREATED, T0.plusSeconds(2))
                .actor(bob, "bob")
                .target("role", "tok-a")
                .build();
        AuditEvent bulk = byAlice(AuditAction.TOKENS_BULK_REVOKED, T0.plusSeconds(3))
                .target("token", null)
                .subjects(List.of("tok-a", "tok-c"))
                .build();
        for (AuditEvent event : List.of(created, revoked, roleByBob, bulk)) {
            audit().record(event);
        }

        assertThat(search(AuditQuery.ALL)).containsExactly(bulk, roleByBob, revoked, created);
        assertThat(search(new AuditQuery(bob, null, null, null, null, null, null)))
                .containsExactly(roleByBob);
        assertThat(search(new AuditQuery(null, AuditAction.TOKEN_REVOKED, null, null, null, null, null)))
                .containsExactly(revoked);
        assertThat(search(new AuditQuery(null, null, "token", null, null, null, null)))
                .containsExactly(bulk, revoked, created);
        assertThat(search(new AuditQuery(null, null, "token", "tok-a", null, null, null)))
                .containsExactly(bulk, created);
        assertThat(search(new AuditQuery(null, null, null, "tok-a", null, null, null)))
                .containsExactly(bulk, roleByBob, created);
        assertThat(search(new AuditQuery(null, null, null, null, T0.plusSeconds(1), T0.plusSeconds(3), null)))
                .as("since inclusive, until exclusive")
                .containsExactly(roleByBob, revoked);
        assertThat(search(new AuditQuery(alice, AuditAction.TOKEN_CREATED, "token", "tok-a", T0, null, null)))
                .containsExactly(created);
        assertThat(search(new AuditQuery(null, AuditAction.LOGIN_FAILED, null, null, null, null, null)))
                .isEmpty();
    }

    @Test
    void keysetPagingWalksEveryEventOnceNewestFirstAcrossTies() {
        List<AuditEvent> recorded = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Pairs share an instant, so the id must break the tie between pages.
            AuditEvent event = byAlice(AuditAction.TOKEN_CREATED, T0.plusSeconds(i / 2))
                    .target("token", "tok-" + i)
                    .build();
            audit().record(event);
            recorded.add(event);
        }
        audit().record(AuditEvent.anonymous(fixtures().workspace(), AuditAction.LOGIN_FAILED, T0)
                .build());

        List<StoredAuditEvent> walked = new ArrayList<>();
        AuditQuery query = AuditQuery.ALL;
        while (true) {
            List<StoredAuditEvent> page = audit().search(workspace, query, 2);
            walked.addAll(page);
            if (page.size() < 2) {
                break;
            }
            query = query.continuingAfter(AuditCursor.after(page.get(page.size() - 1)));
        }

        Collections.reverse(recorded);
        assertThat(walked).extracting(StoredAuditEvent::id).doesNotHaveDuplicates();
        assertThat(walked).extracting(StoredAuditEvent::event).containsExactlyElementsOf(recorded);
    }

    @Test
    void searchSeesOnlyItsOwnWorkspace() {
        WorkspaceId other = fixtures().workspace();
        AuditEvent mine =
                byAlice(AuditAction.TOKEN_CREATED, T0).target("token", "tok-a").build();
        AuditEvent theirs = AuditEvent.anonymous(other, AuditAction.TOKEN_CREATED, T0.plusSeconds(1))
                .actor(alice, "alice")
                .target("token", "tok-a")
                .build();
        audit().record(mine);
        audit().record(theirs);

        assertThat(search(AuditQuery.ALL)).containsExactly(mine);
        assertThat(search(new AuditQuery(alice, AuditAction.TOKEN_CREATED, "token", "tok-a", null, null, null)))
                .containsExactly(mine);
        assertThat(audit().search(other, AuditQuery.ALL, 10))
                .extracting(StoredAuditEvent::event)
                .containsExactly(theirs);
    }

    @Test
    void findReadsOneEventOfItsOwnWorkspaceWithItsSubjects() {
        AuditEvent bulk = byAlice(AuditAction.TOKENS_BULK_REVOKED, T0)
                .target("token", null)
                .subjects(List.of("tok-b", "tok-a"))
                .build();
        audit().record(bulk);
        long id = audit().search(workspace, AuditQuery.ALL, 1).get(0).id();

        assertThat(audit().find(workspace, id)).contains(new StoredAuditEvent(id, bulk));
        assertThat(audit().find(fixtures().workspace(), id)).isEmpty();
        assertThat(audit().find(workspace, id + 1_000_000)).isEmpty();
    }
}
