package dev.warden.persistence.notice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.GroupRepository;
import dev.warden.core.notice.ExpiringToken;
import dev.warden.core.notice.NoticeRepository;
import dev.warden.core.notice.NoticeSettings;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.RevocationAuthority;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenLastUse;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.Tokens;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.persistence.Fixtures;
import dev.warden.persistence.JdbcAdapterTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Notification settings, the expiring-token query and the once-only claims; each test is rolled back. */
@JdbcAdapterTest
abstract class JdbcNoticeRepositoryContract {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00.123456Z");

    @Autowired
    private NoticeRepository notices;

    @Autowired
    private TokenRepository tokens;

    @Autowired
    private WorkspaceRepository workspaces;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private GroupRepository groups;

    @Test
    void aWorkspaceWithoutSettingsHasTheDefaultsAndSavedSettingsReadBack() {
        WorkspaceId workspace = new Fixtures(workspaces, principals).workspace();
        assertThat(notices.settings(workspace)).isEqualTo(NoticeSettings.DEFAULTS);
        assertThat(notices.workspaces()).contains(workspace);

        notices.saveSettings(workspace, new NoticeSettings(List.of(14, 2), List.of("sec@example.com", "ops@x.org")));
        assertThat(notices.settings(workspace))
                .isEqualTo(new NoticeSettings(List.of(14, 2), List.of("sec@example.com", "ops@x.org")));

        notices.saveSettings(workspace, new NoticeSettings(List.of(), List.of()));
        assertThat(notices.settings(workspace)).isEqualTo(new NoticeSettings(List.of(), List.of()));
        NoticeSettings fewer = new NoticeSettings(
                List.of(7),
                List.of(),
                java.util.Set.of(
                        dev.warden.core.notice.NoticeRecipient.OWNER,
                        dev.warden.core.notice.NoticeRecipient.GROUP_ADMINS));
        notices.saveSettings(workspace, fewer);
        assertThat(notices.settings(workspace)).isEqualTo(fewer);
        NoticeSettings nobody = new NoticeSettings(List.of(7), List.of("sec@example.com"), java.util.Set.of());
        notices.saveSettings(workspace, nobody);
        assertThat(notices.settings(workspace)).isEqualTo(nobody);
    }

    @Test
    void findsOnlyActiveTokensExpiringInTheWindowOfThatWorkspace() {
        Fixtures fixtures = new Fixtures(workspaces, principals, groups);
        WorkspaceId workspace = fixtures.workspace();
        WorkspaceId other = fixtures.workspaceNamed("other");
        PrincipalId alice = fixtures.user(workspace, "alice");
        PrincipalId bob = fixtures.user(other, "bob");
        AccessToken inWindow = add(workspace, alice, NOW.plus(Duration.ofDays(7)), false);
        add(workspace, alice, NOW.plus(Duration.ofDays(31)), false); // beyond the window
        add(workspace, alice, NOW, false); // expired just now
        add(workspace, alice, NOW.plus(Duration.ofDays(2)), true); // revoked
        add(workspace, alice, null, false); // never expires
        add(other, bob, NOW.plus(Duration.ofDays(7)), false); // another workspace

        List<ExpiringToken> found = notices.expiring(workspace, NOW, NOW.plus(Duration.ofDays(30)));

        assertThat(found).extracting(ExpiringToken::id).containsExactly(inWindow.id());
        ExpiringToken token = found.get(0);
        assertThat(token.owner()).isEqualTo(alice);
        assertThat(token.kind()).isEqualTo(TokenKind.PERSONAL);
        assertThat(token.group()).isNull();
        assertThat(token.expiresAt()).isEqualTo(inWindow.expiresAt());
    }

    @Test
    void aClaimIsWonOncePerTokenAndLeadTimeAndCanBeGivenBack() {
        Fixtures fixtures = new Fixtures(workspaces, principals);
        WorkspaceId workspace = fixtures.workspace();
        PrincipalId alice = fixtures.user(workspace, "alice");
        TokenId token =
                add(workspace, alice, NOW.plus(Duration.ofDays(7)), false).id();

        assertThat(notices.claim(token, 7, NOW)).isTrue();
        assertThat(notices.claim(token, 7, NOW.plusSeconds(1)))
                .as("a second claim")
                .isFalse();
        assertThat(notices.claim(token, 1, NOW)).as("another lead time").isTrue();

        notices.unclaim(token, 7);
        assertThat(notices.claim(token, 7, NOW)).as("after a failed send").isTrue();
    }

    @Test
    void anInactivityClaimIsWonOncePerTokenDueDateAndLeadTimeApartFromExpiryClaims() {
        Fixtures fixtures = new Fixtures(workspaces, principals);
        WorkspaceId workspace = fixtures.workspace();
        PrincipalId alice = fixtures.user(workspace, "alice");
        TokenId token =
                add(workspace, alice, NOW.plus(Duration.ofDays(7)), false).id();
        Instant due = NOW.plus(Duration.ofDays(5)).plusNanos(123_000);

        assertThat(notices.claim(token, 7, NOW)).as("an expiry claim").isTrue();
        assertThat(notices.inactivityClaimed(token, due, 7)).isFalse();
        assertThat(notices.claimInactivity(token, due, 7, NOW))
                .as("the expiry claim does not take its place")
                .isTrue();
        assertThat(notices.inactivityClaimed(token, due, 7)).isTrue();
        assertThat(notices.claimInactivity(token, due, 7, NOW.plusSeconds(1)))
                .as("a second claim")
                .isFalse();
        assertThat(notices.claimInactivity(token, due.plus(Duration.ofDays(30)), 7, NOW))
                .as("a later due date, after a use")
                .isTrue();

        notices.unclaimInactivity(token, due, 7);
        assertThat(notices.inactivityClaimed(token, due, 7)).isFalse();
        assertThat(notices.claimInactivity(token, due, 7, NOW))
                .as("after a failed send")
                .isTrue();
    }

    @Test
    void theInactivityQueryFindsActiveCoveredTokensLastActiveBeforeTheCutoffOfThatWorkspace() {
        Fixtures fixtures = new Fixtures(workspaces, principals, groups);
        WorkspaceId workspace = fixtures.workspace();
        WorkspaceId other = fixtures.workspaceNamed("other");
        PrincipalId alice = fixtures.user(workspace, "alice");
        PrincipalId bob = fixtures.user(other, "bob");
        Instant cutoff = NOW.minus(Duration.ofDays(90));
        AccessToken neverUsed =
                idle(workspace, alice, cutoff.minusNanos(1_000), null).build();
        AccessToken usedLongAgo = idle(workspace, alice, NOW.minus(Duration.ofDays(400)), cutoff.minusSeconds(1))
                .build();
        List<AccessToken> spared = List.of(
                idle(workspace, alice, cutoff, null).build(), // exactly at the cutoff
                idle(workspace, alice, NOW.minus(Duration.ofDays(400)), cutoff).build(), // used at the cutoff
                idle(workspace, alice, NOW.minus(Duration.ofDays(400)), null)
                        .revokedAt(NOW.minusSeconds(5), alice)
                        .build(),
                idle(workspace, alice, NOW.minus(Duration.ofDays(400)), null)
                        .expiringAt(NOW)
                        .build(),
                idle(workspace, alice, NOW.minus(Duration.ofDays(400)), null)
                        .ofOAuthSecret("secret-1")
                        .build(),
                idle(other, bob, NOW.minus(Duration.ofDays(400)), null).build());
        tokens.add(usedLongAgo);
        tokens.add(neverUsed);
        spared.forEach(tokens::add);
        // revoked long ago, restored since the cutoff: the restore counts as activity
        AccessToken restored = idle(workspace, alice, NOW.minus(Duration.ofDays(400)), null)
                .revokedAt(NOW.minus(Duration.ofDays(300)), alice)
                .build();
        tokens.add(restored);
        AccessToken toRestore = tokens.findById(workspace, restored.id()).orElseThrow();
        toRestore.restore(RevocationAuthority.ADMIN, NOW.minus(Duration.ofDays(1)));
        assertThat(tokens.update(toRestore)).isTrue();
        assertThat(tokens.findById(workspace, restored.id()).orElseThrow().restoredAt())
                .isEqualTo(NOW.minus(Duration.ofDays(1)));

        assertThat(tokens.idleBefore(workspace, cutoff, NOW))
                .extracting(AccessToken::id)
                .containsExactly(usedLongAgo.id(), neverUsed.id());
    }

    private static Tokens.Builder idle(WorkspaceId workspace, PrincipalId owner, Instant created, Instant lastUsed) {
        Tokens.Builder token = Tokens.aToken()
                .inWorkspace(workspace)
                .ownedBy(owner)
                .createdBy(owner)
                .createdAt(created)
                .neverExpiring();
        return lastUsed == null ? token : token.lastUse(new TokenLastUse(lastUsed, "10.0.0.1", "curl"));
    }

    private AccessToken add(WorkspaceId workspace, PrincipalId owner, Instant expiresAt, boolean revoked) {
        Tokens.Builder token = Tokens.aToken()
                .inWorkspace(workspace)
                .ownedBy(owner)
                .createdBy(owner)
                .createdAt(NOW.minus(Duration.ofDays(2)));
        token = expiresAt == null ? token.neverExpiring() : token.expiringAt(expiresAt);
        if (revoked) {
            token = token.revokedAt(NOW.minusSeconds(10), owner);
        }
        AccessToken built = token.build();
        tokens.add(built);
        return built;
    }
}
