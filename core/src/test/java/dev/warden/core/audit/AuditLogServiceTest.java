package dev.warden.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditLogServiceTest {
    private static final WorkspaceId WORKSPACE = new WorkspaceId(1);
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private final Actor admin = new Actor(WORKSPACE, new PrincipalId(1), "admin", "127.0.0.1");
    private final InMemoryAuditLog log = new InMemoryAuditLog();
    /** Every read of names, as "type ids". */
    private final List<String> reads = new ArrayList<>();

    private final AuditTargetNames names = (workspace, type, ids) -> {
        reads.add(type + " " + ids.size());
        Map<String, String> found = new HashMap<>();
        ids.stream().filter(id -> !id.startsWith("gone")).forEach(id -> found.put(id, type + " named " + id));
        return found;
    };
    private boolean allowed = true;
    private final AuditLogService service = new AuditLogService(log, names, (actor, permission) -> {
        if (!allowed) {
            throw new PermissionDeniedException(permission.key(), "refused");
        }
    });

    private void record(int second, String type, String id) {
        log.record(AuditEvent.by(admin, AuditAction.TOKEN_CREATED, T0.plusSeconds(second))
                .target(type, id)
                .build());
    }

    @Test
    void aPageReadsTheNamesOfItsTargetsOncePerTypeNeverPerEvent() {
        for (int i = 0; i < 30; i++) {
            record(i, "token", "t" + i);
        }
        record(40, "role", "7");
        record(41, "role", "7");
        record(42, "role", "gone-8");
        log.record(AuditEvent.by(admin, AuditAction.TOKENS_BULK_REVOKED, T0.plusSeconds(43))
                .target("token", null)
                .subjects(List.of("t1", "t2"))
                .build());

        AuditPage page = service.search(admin, AuditQuery.ALL, 100);

        assertThat(reads).containsExactlyInAnyOrder("token 30", "role 2");
        Map<String, String> byTarget = new HashMap<>();
        page.events().forEach(e -> byTarget.put(String.valueOf(e.event().targetId()), page.targetName(e)));
        assertThat(byTarget)
                .containsEntry("t3", "token named t3")
                .containsEntry("7", "role named 7")
                .containsEntry("gone-8", null)
                .containsEntry("null", null);
    }

    @Test
    void anExportHandsOverEveryMatchAPageAtATimeUpToItsBound() {
        for (int i = 0; i < 2_500; i++) {
            record(i, "token", "t" + i);
        }
        List<Integer> sizes = new ArrayList<>();
        List<String> first = new ArrayList<>();

        service.export(admin, AuditQuery.ALL, AuditLogService.MAX_EXPORT, page -> {
            sizes.add(page.events().size());
            if (first.isEmpty()) {
                first.add(page.targetName(page.events().get(0)));
            }
        });
        assertThat(sizes).containsExactly(1_000, 1_000, 500);
        assertThat(first).containsExactly("token named t2499");

        sizes.clear();
        service.export(
                admin, AuditQuery.ALL, 1_200, page -> sizes.add(page.events().size()));
        assertThat(sizes).containsExactly(1_000, 200);
    }

    @Test
    void anExportOfNothingHandsOverOneEmptyPageAndARefusalNone() {
        List<Integer> sizes = new ArrayList<>();
        service.export(
                admin, AuditQuery.ALL, 10, page -> sizes.add(page.events().size()));
        assertThat(sizes).containsExactly(0);

        allowed = false;
        sizes.clear();
        assertThatThrownBy(() -> service.export(admin, AuditQuery.ALL, 10, page -> sizes.add(1)))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(sizes).isEmpty();
    }

    @Test
    void oneEventIsReadByIdInItsOwnWorkspaceOnly() {
        record(0, "token", "t0");
        log.record(AuditEvent.anonymous(new WorkspaceId(2), AuditAction.LOGIN_FAILED, T0)
                .build());

        AuditPage one = service.event(admin, 1);
        assertThat(one.events()).hasSize(1);
        assertThat(one.targetName(one.events().get(0))).isEqualTo("token named t0");
        assertThatThrownBy(() -> service.event(admin, 2)).isInstanceOf(ResourceNotFoundException.class);
        assertThat(reads).containsExactly("token 1");
    }
}
