package dev.warden.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.token.TokenCensus;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenStatus;
import dev.warden.core.token.Tokens;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import dev.warden.persistence.JdbcAdapterTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The token counts of the metrics endpoint, one grouped statement; each test is rolled back. */
@JdbcAdapterTest
abstract class JdbcTokenCensusContract {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00.250Z");

    @Autowired
    private TokenCensus census;

    @Autowired
    private TokenRepository tokens;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private GroupRepository groups;

    @Test
    void countsTokensByKindAndStatusAsOfTheGivenTime() {
        Map<String, Long> before = counts();
        Fixtures fixtures = new Fixtures(workspaces, principals, groups);
        WorkspaceId workspace = fixtures.workspace();
        PrincipalId alice = fixtures.user(workspace, "alice");
        add(workspace, alice, TokenKind.PERSONAL, NOW.plusSeconds(1), null);
        add(workspace, alice, TokenKind.PERSONAL, null, null);
        // expired exactly now, and a microsecond after now: the boundary is expiresAt <= now
        add(workspace, alice, TokenKind.PERSONAL, NOW, null);
        add(workspace, alice, TokenKind.ON_BEHALF_OF, NOW.minus(Duration.ofDays(1)), null);
        // revoked wins over expired
        add(workspace, alice, TokenKind.PERSONAL, NOW.minusSeconds(5), NOW.minusSeconds(10));
        add(workspace, alice, TokenKind.ON_BEHALF_OF, NOW.plusSeconds(60), NOW.minusSeconds(1));

        Map<String, Long> after = counts();

        assertThat(delta(before, after, TokenKind.PERSONAL, TokenStatus.ACTIVE)).isEqualTo(2);
        assertThat(delta(before, after, TokenKind.PERSONAL, TokenStatus.EXPIRED))
                .isEqualTo(1);
        assertThat(delta(before, after, TokenKind.PERSONAL, TokenStatus.REVOKED))
                .isEqualTo(1);
        assertThat(delta(before, after, TokenKind.ON_BEHALF_OF, TokenStatus.ACTIVE))
                .isZero();
        assertThat(delta(before, after, TokenKind.ON_BEHALF_OF, TokenStatus.EXPIRED))
                .isEqualTo(1);
        assertThat(delta(before, after, TokenKind.ON_BEHALF_OF, TokenStatus.REVOKED))
                .isEqualTo(1);
    }

    private void add(WorkspaceId workspace, PrincipalId owner, TokenKind kind, Instant expiresAt, Instant revokedAt) {
        Tokens.Builder token = Tokens.aToken()
                .inWorkspace(workspace)
                .ownedBy(owner)
                .createdBy(owner)
                .kind(kind)
                .createdAt(NOW.minus(Duration.ofDays(2)));
        token = expiresAt == null ? token.neverExpiring() : token.expiringAt(expiresAt);
        if (revokedAt != null) {
            token = token.revokedAt(revokedAt, owner);
        }
        tokens.add(token.build());
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>();
        census.count(NOW).forEach(c -> counts.put(c.kind() + "|" + c.status(), c.tokens()));
        return counts;
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, TokenKind kind, TokenStatus status) {
        String key = kind + "|" + status;
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }
}
