package dev.warden.core.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.ExpiringSoon;
import dev.warden.core.token.TokenCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The window of "expiring soon" per workspace, and the counts of the Access tokens tab with suspended ones. */
class TokenHealthServiceTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final InMemoryNoticeRepository notices = new InMemoryNoticeRepository();
    private final List<ExpiringSoon> asked = new ArrayList<>();
    private Map<PrincipalId, Long> activeByOwner = Map.of();

    private final TokenCounts counts = (workspace, now, soon) -> {
        asked.add(soon);
        return new TokenCounts.Counts(
                activeByOwner.values().stream().mapToLong(Long::longValue).sum(), 2, 3, 4, activeByOwner);
    };
    private final TokenHealthService service =
            new TokenHealthService(notices, counts, kit.suspensions, kit.access, kit.clock);

    @Test
    void theWindowFollowsTheLongestLeadTimeOrIsSevenDaysWithoutNotices() {
        assertThat(service.expiringSoon(CoreTestKit.WORKSPACE).days())
                .as("defaults 30, 7, 1")
                .isEqualTo(30);
        notices.saveSettings(CoreTestKit.WORKSPACE, new NoticeSettings(List.of(3, 14), List.of()));
        assertThat(service.expiringSoon(CoreTestKit.WORKSPACE).days()).isEqualTo(14);
        notices.saveSettings(CoreTestKit.WORKSPACE, new NoticeSettings(List.of(), List.of()));
        assertThat(service.expiringSoon(CoreTestKit.WORKSPACE).days()).isEqualTo(7);
    }

    @Test
    void theOverviewCountsTheActiveTokensOfSuspendedOwnersAsSuspended() {
        Principal alice = kit.allowTokens(kit.user("alice", BuiltInRole.USER));
        Principal bob = kit.deactivate(kit.allowTokens(kit.user("bob", BuiltInRole.USER)));
        activeByOwner = Map.of(alice.id(), 3L, bob.id(), 2L);
        notices.saveSettings(CoreTestKit.WORKSPACE, new NoticeSettings(List.of(14), List.of()));

        TokenHealthService.Overview overview = service.overview(kit.asAdmin());

        assertThat(overview).isEqualTo(new TokenHealthService.Overview(new ExpiringSoon(14), 5, 2, 2, 3, 4));
        assertThat(asked).containsExactly(new ExpiringSoon(14));
    }

    @Test
    void theOverviewNeedsTokenManagementRead() {
        Principal plain = kit.user("plain", BuiltInRole.USER);

        assertThatThrownBy(() -> service.overview(CoreTestKit.as(plain))).isInstanceOf(PermissionDeniedException.class);
    }
}
