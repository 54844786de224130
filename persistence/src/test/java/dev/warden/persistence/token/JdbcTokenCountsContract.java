package dev.warden.persistence.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.GroupRepository;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.ExpiringSoon;
import dev.warden.core.token.TokenCounts;
import dev.warden.core.token.TokenFilter;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.Tokens;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import dev.warden.persistence.JdbcAdapterTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The counts of the Access tokens tab (grouped COUNTs over one workspace) and the "expiring soon" filter of the
 * inventory, which must find exactly the tokens the count counts; each test is rolled back.
 */
@JdbcAdapterTest
abstract class JdbcTokenCountsContract {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00.250Z");
    private static final ExpiringSoon SOON = new ExpiringSoon(30);

    @Autowired
    private TokenCounts counts;

    @Autowired
    private TokenRepository tokens;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private GroupRepository groups;

    private WorkspaceId workspace;
    private PrincipalId alice;
    private PrincipalId bob;
    private AccessToken soonPersonal;
    private AccessToken soonOnBehalf;

    @BeforeEach
    void tokensInEveryState() {
        Fixtures fixtures = new Fixtures(workspaces, principals, groups);
        workspace = fixtures.workspace();
        alice = fixtures.user(workspace, "alice");
        bob = fixtures.servicePrincipal(workspace, "robot");
        soonPersonal = add(alice, TokenKind.PERSONAL, NOW.plus(Duration.ofDays(5)), null);
        soonOnBehalf =
                add(bob, TokenKind.ON_BEHALF_OF, NOW.plus(Duration.ofDays(30)).minusMillis(1), null);
        add(alice, TokenKind.PERSONAL, NOW.plus(Duration.ofDays(30)), null); // at the window's end: not within it
        add(alice, TokenKind.PERSONAL, null, null); // never expires
        add(bob, TokenKind.OAUTH, NOW.plus(Duration.ofMinutes(40)), null); // short-lived: active, never "soon"
        add(alice, TokenKind.PERSONAL, NOW, null); // expired exactly now
        add(alice, TokenKind.PERSONAL, NOW.plus(Duration.ofDays(2)), NOW.minusSeconds(1)); // revoked, not "soon"
        add(bob, TokenKind.ON_BEHALF_OF, NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(4)));
        // another workspace's tokens are not counted
        WorkspaceId other = fixtures.workspace();
        add(other, fixtures.user(other, "carol"), TokenKind.PERSONAL, NOW.plus(Duration.ofDays(1)), null);
    }

    @Test
    void countsEachStateAndTheActiveTokensThatExpireSoon() {
        TokenCounts.Counts counted = counts.count(workspace, NOW, SOON);

        assertThat(counted.active()).isEqualTo(5);
        assertThat(counted.expiringSoon()).isEqualTo(2);
        assertThat(counted.revoked()).isEqualTo(2);
        assertThat(counted.expired()).isEqualTo(1);
        assertThat(counted.activeByOwner()).isEqualTo(Map.of(alice, 3L, bob, 2L));
    }

    @Test
    void anEmptyWorkspaceCountsNothing() {
        WorkspaceId empty = new Fixtures(workspaces, principals, groups).workspace();

        assertThat(counts.count(empty, NOW, SOON)).isEqualTo(new TokenCounts.Counts(0, 0, 0, 0, Map.of()));
    }

    @Test
    void theExpiringSoonFilterFindsWhatTheCountCounts() {
        TokenFilter soon = TokenFilter.all(NOW).expiringSoon(SOON);

        assertThat(tokens.search(workspace, soon, null, 100))
                .extracting(AccessToken::id)
                .containsExactlyInAnyOrder(soonPersonal.id(), soonOnBehalf.id());
        assertThat(tokens.count(workspace, soon)).isEqualTo(2);
        // narrowed further by the other filters, and by a shorter expiring_within_days
        assertThat(tokens.search(
                        workspace,
                        TokenFilter.ofKind(TokenKind.ON_BEHALF_OF, NOW).expiringSoon(SOON),
                        null,
                        10))
                .extracting(AccessToken::id)
                .containsExactly(soonOnBehalf.id());
        TokenFilter withinTenDays =
                new TokenFilter(null, null, null, null, null, NOW.plus(Duration.ofDays(10)), null, false, NOW);
        assertThat(tokens.search(workspace, withinTenDays.expiringSoon(SOON), null, 10))
                .extracting(AccessToken::id)
                .containsExactly(soonPersonal.id());
        assertThat(tokens.search(
                        workspace, TokenFilter.ofKind(TokenKind.OAUTH, NOW).expiringSoon(SOON), null, 10))
                .as("OAuth access tokens never expire soon")
                .isEmpty();
    }

    private AccessToken add(PrincipalId owner, TokenKind kind, Instant expiresAt, Instant revokedAt) {
        return add(workspace, owner, kind, expiresAt, revokedAt);
    }

    private AccessToken add(WorkspaceId in, PrincipalId owner, TokenKind kind, Instant expiresAt, Instant revokedAt) {
        Tokens.Builder token = Tokens.aToken()
                .inWorkspace(in)
                .ownedBy(owner)
                .createdBy(owner)
                .kind(kind)
                .createdAt(NOW.minus(Duration.ofDays(2)));
        if (kind == TokenKind.OAUTH) {
            token = token.ofOAuthSecret("secret-1");
        }
        token = expiresAt == null ? token.neverExpiring() : token.expiringAt(expiresAt);
        if (revokedAt != null) {
            token = token.revokedAt(revokedAt, owner);
        }
        AccessToken built = token.build();
        tokens.add(built);
        return built;
    }
}
