package dev.warden.core.inactivity;

import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.notice.InMemoryNoticeRepository;
import dev.warden.core.notice.InactivityNotices;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.InMemoryTokenRepository;
import dev.warden.core.token.RevocationAuthority;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenLastUse;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.TokenUse;
import dev.warden.core.token.Tokens;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The policy's preview and run: same tokens, authority POLICY, one audit record each, a token used meanwhile spared. */
class InactivityPolicyTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final InMemoryNoticeRepository notices = new InMemoryNoticeRepository();
    private final Principal alice = kit.user("alice", BuiltInRole.USER);

    private InactivityPolicy policy(TokenRepository tokens) {
        return new InactivityPolicy(
                tokens,
                kit.settings,
                notices,
                new InactivityNotices(notices, kit.settings, tokens),
                kit.access,
                kit.audit,
                kit.tx,
                kit.clock);
    }

    @Test
    void theRunRevokesExactlyWhatThePreviewSaidWithAuthorityPolicyAndAuditsEach() {
        AccessToken neverUsed = token(daysAgo(100), null);
        AccessToken usedLongAgo = token(daysAgo(300), daysAgo(95));
        AccessToken usedRecently = token(daysAgo(300), daysAgo(10));
        AccessToken dueInFiveDays = token(daysAgo(85), null);
        token(daysAgo(5), null); // young
        kit.store(Tokens.aToken()
                .inWorkspace(WORKSPACE)
                .ownedBy(alice.id())
                .createdAt(daysAgo(200))
                .neverExpiring()
                .ofOAuthSecret("secret-1"));
        kit.store(Tokens.aToken()
                .inWorkspace(WORKSPACE)
                .ownedBy(alice.id())
                .createdAt(daysAgo(200))
                .neverExpiring()
                .revokedAt(daysAgo(150), alice.id()));
        InactivityPolicy policy = policy(kit.tokens);

        InactivityPolicy.Preview before = policy.preview(kit.asAdmin(), " 90 ");
        assertThat(before.days()).isEqualTo(90);
        assertThat(before.unused()).isEqualTo(2);
        assertThat(before.tokenIds()).containsExactly(neverUsed.id(), usedLongAgo.id());
        assertThat(before.revokedToday())
                .as("a policy switched on warns for the longest lead time (30 days) before it revokes")
                .isZero();
        assertThat(before.startsAt()).isEqualTo(kit.clock.instant().plus(Duration.ofDays(30)));
        assertThat(before.noticesToSend())
                .as("the two unused ones and the one due in 5 days are all due when the policy starts")
                .isEqualTo(3);

        assertThat(policy.runOnce().revoked()).as("the policy is off").isZero();
        kit.settings.save(WORKSPACE, new WorkspaceSettings(true, null, null, 600, null, 90, kit.clock.instant()));
        assertThat(policy.runOnce().revoked()).as("still warning").isZero();
        assertThat(policy.preview(kit.asAdmin(), "90").startsAt()).isEqualTo(before.startsAt());
        assertThat(policy.preview(kit.asAdmin(), "60").startsAt())
                .as("other days would start over")
                .isAfter(before.startsAt().minusSeconds(1));

        kit.clock.advance(Duration.ofDays(30));
        InactivityPolicy.Preview preview = policy.preview(kit.asAdmin(), "90");
        assertThat(preview.tokenIds()).containsExactly(neverUsed.id(), usedLongAgo.id(), dueInFiveDays.id());
        assertThat(preview.revokedToday()).isEqualTo(3);
        InactivityPolicy.RunResult result = policy.runOnce();

        assertThat(result.revoked()).isEqualTo(3);
        for (AccessToken t : List.of(neverUsed, usedLongAgo, dueInFiveDays)) {
            AccessToken stored = kit.tokens.findById(WORKSPACE, t.id()).orElseThrow();
            assertThat(stored.isRevoked()).isTrue();
            assertThat(stored.revocationAuthority()).isEqualTo(RevocationAuthority.POLICY);
            assertThat(stored.revokedBy()).isNull();
        }
        assertThat(kit.tokens
                        .findById(WORKSPACE, usedRecently.id())
                        .orElseThrow()
                        .isRevoked())
                .isFalse();
        List<AuditEvent> audited = kit.audit.eventsWith(AuditAction.TOKEN_REVOKED);
        assertThat(audited).hasSize(3);
        AuditEvent neverUsedRecord = audited.stream()
                .filter(e -> e.targetId().equals(neverUsed.id().value()))
                .findFirst()
                .orElseThrow();
        assertThat(neverUsedRecord.details())
                .containsEntry("authority", "POLICY")
                .containsEntry("reason", "unused for 90 days")
                .containsEntry("last_used", "never");
        assertThat(neverUsedRecord.actorName()).isEqualTo(InactivityPolicy.ACTOR_NAME);
        assertThat(audited.stream()
                        .filter(e -> e.targetId().equals(usedLongAgo.id().value()))
                        .findFirst()
                        .orElseThrow()
                        .details())
                .containsEntry("last_used", daysAgo(125).toString());

        assertThat(policy.runOnce().revoked())
                .as("a second run finds nothing more")
                .isZero();
        assertThat(policy.preview(kit.asAdmin(), "90").revokedToday()).isZero();
    }

    @Test
    void aPolicyRevocationIsUndoneByAnAdminNotByTheOwner() {
        AccessToken idle = token(daysAgo(100), null);
        kit.settings.save(WORKSPACE, new WorkspaceSettings(true, null, null, 600, null, 30));
        policy(kit.tokens).runOnce();
        AccessToken revoked = kit.tokens.findById(WORKSPACE, idle.id()).orElseThrow();

        assertThatThrownBy(() -> revoked.restore(RevocationAuthority.OWNER, kit.clock.instant()))
                .isInstanceOf(PermissionDeniedException.class);
        revoked.restore(RevocationAuthority.ADMIN, kit.clock.instant());
        assertThat(kit.tokens.update(revoked)).isTrue();

        assertThat(policy(kit.tokens).runOnce().revoked())
                .as("a restore counts as activity: the next run leaves it")
                .isZero();
        kit.clock.advance(Duration.ofDays(31));
        assertThat(policy(kit.tokens).runOnce().revoked())
                .as("unused for 30 days since its restore")
                .isEqualTo(1);
    }

    @Test
    void aTokenUsedAfterTheListWasReadIsSparedAndTheRefusalAuditsNothing() {
        AccessToken idle = token(daysAgo(100), null);
        kit.settings.save(WORKSPACE, new WorkspaceSettings(true, null, null, 600, null, 30));
        // the use is written between the run's list and its locked read of the token, as another node would
        InMemoryTokenRepository racing = new InMemoryTokenRepository() {
            @Override
            public synchronized Optional<AccessToken> findByIdForUpdate(WorkspaceId workspace, TokenId id) {
                recordUses(List.of(new TokenUse(workspace, id, kit.clock.instant(), "10.0.0.9", "cron", null)));
                return super.findByIdForUpdate(workspace, id);
            }
        };
        racing.add(kit.tokens.findById(WORKSPACE, idle.id()).orElseThrow());

        InactivityPolicy.RunResult result = policy(racing).runOnce();

        assertThat(result.revoked()).isZero();
        assertThat(result.spared()).isEqualTo(1);
        assertThat(racing.findById(WORKSPACE, idle.id()).orElseThrow().isRevoked())
                .isFalse();
        assertThat(kit.audit.eventsWith(AuditAction.TOKEN_REVOKED)).isEmpty();
    }

    @Test
    void thePreviewNamesTheDaysFieldForBadInputAndNeedsSettingsRead() {
        InactivityPolicy policy = policy(kit.tokens);
        for (String bad : new String[] {"6", "731", "ninety", "", null, "-1"}) {
            assertThatThrownBy(() -> policy.preview(kit.asAdmin(), bad))
                    .as(String.valueOf(bad))
                    .isInstanceOf(InvalidParameterException.class)
                    .extracting(e -> ((InvalidParameterException) e).field())
                    .isEqualTo(InactivityPolicy.DAYS);
        }
        assertThat(policy.preview(kit.asAdmin(), "7").days()).isEqualTo(7);
        assertThat(policy.preview(kit.asAdmin(), "730").days()).isEqualTo(730);
        Actor plain = CoreTestKit.as(kit.user("bob", BuiltInRole.USER));
        assertThatThrownBy(() -> policy.preview(plain, "90")).isInstanceOf(PermissionDeniedException.class);
    }

    private AccessToken token(Instant created, Instant lastUsed) {
        Tokens.Builder b = Tokens.aToken()
                .inWorkspace(WORKSPACE)
                .ownedBy(alice.id())
                .createdAt(created)
                .neverExpiring();
        return kit.store(lastUsed == null ? b : b.lastUse(new TokenLastUse(lastUsed, "10.0.0.1", "curl")));
    }

    private Instant daysAgo(int days) {
        return kit.clock.instant().minus(Duration.ofDays(days));
    }
}
