package dev.warden.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.Tokens;
import dev.warden.core.tokenusage.TokenUsageService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventingAuditLogTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final List<TokenEvent> events = new ArrayList<>();
    private final EventingAuditLog log = new EventingAuditLog(kit.audit, events::add, kit.tokens);
    private final Instant now = kit.clock.instant();

    private AuditEvent.Builder event(AuditAction action) {
        return AuditEvent.anonymous(CoreTestKit.WORKSPACE, action, now).actor(kit.admin.id(), "admin");
    }

    @Test
    void aTokenChangeIsAuditedAndPublishedWithTheAuditDetails() {
        log.record(event(AuditAction.TOKEN_REVOKED)
                .target("token", "tok-1")
                .clientAddress("10.0.0.7")
                .detail("reason", "left the team")
                .build());

        assertThat(kit.audit.eventsWith(AuditAction.TOKEN_REVOKED)).hasSize(1);
        assertThat(events).hasSize(1);
        TokenEvent published = events.get(0);
        assertThat(published.type()).isEqualTo(TokenEventType.REVOKED);
        assertThat(published.token()).isEqualTo(new TokenId("tok-1"));
        assertThat(published.occurredAt()).isEqualTo(now);
        assertThat(published.data())
                .containsEntry("reason", "left the team")
                .containsEntry("actor", "admin")
                .containsEntry("client_address", "10.0.0.7");
    }

    @Test
    void aBulkRevokeIsOneEventPerTokenAndOtherActionsNone() {
        log.record(event(AuditAction.TOKENS_BULK_REVOKED)
                .target("token", null)
                .subjects(List.of("b", "a", "c"))
                .build());
        log.record(event(AuditAction.GROUP_CREATED).target("group", "5").build());
        log.record(event(AuditAction.TOKEN_COMMENT_CHANGED).target("token", "a").build());

        assertThat(events).extracting(TokenEvent::type).containsOnly(TokenEventType.REVOKED);
        assertThat(events).extracting(e -> e.token().value()).containsExactly("a", "b", "c");
    }

    @Test
    void deactivatingAnOwnerSuspendsEachOfItsWorkingTokens() {
        Principal alice = kit.user("alice", BuiltInRole.USER);
        AccessToken working = kit.store(Tokens.aToken()
                .inWorkspace(CoreTestKit.WORKSPACE)
                .ownedBy(alice.id())
                .createdAt(now.minus(Duration.ofDays(1)))
                .expiringIn(Duration.ofDays(30)));
        kit.store(Tokens.aToken()
                .inWorkspace(CoreTestKit.WORKSPACE)
                .ownedBy(alice.id())
                .createdAt(now.minus(Duration.ofDays(2)))
                .revokedAt(now.minus(Duration.ofDays(1)), alice.id()));

        log.record(event(AuditAction.PRINCIPAL_DEACTIVATED)
                .target("user", alice.id().toString())
                .build());

        assertThat(events).hasSize(1);
        assertThat(events.get(0).type()).isEqualTo(TokenEventType.SUSPENDED);
        assertThat(events.get(0).token()).isEqualTo(working.id());
        assertThat(events.get(0).data())
                .containsEntry("reason", "owner " + alice.id() + " deactivated")
                .containsEntry("tokens_suspended", 1);
    }

    @Test
    void aUsageListChangeSuspendsTheWorkingTokensOfTheOwnersItNames() {
        Principal alice = kit.user("alice", BuiltInRole.USER);
        Principal bob = kit.user("bob", BuiltInRole.USER);
        AccessToken alices = kit.store(Tokens.aToken()
                .inWorkspace(CoreTestKit.WORKSPACE)
                .ownedBy(alice.id())
                .createdAt(now.minus(Duration.ofDays(1)))
                .expiringIn(Duration.ofDays(30)));
        kit.store(Tokens.aToken()
                .inWorkspace(CoreTestKit.WORKSPACE)
                .ownedBy(bob.id())
                .createdAt(now.minus(Duration.ofDays(1)))
                .expiringIn(Duration.ofDays(30)));

        log.record(event(AuditAction.TOKEN_ACL_CHANGED)
                .target("object", "authorization/tokens")
                .detail(TokenUsageService.SUSPENDED_OWNERS, alice.id().toString())
                .build());
        log.record(event(AuditAction.TOKEN_ACL_CHANGED)
                .target("object", "authorization/tokens")
                .build());

        assertThat(events).extracting(TokenEvent::token).containsExactly(alices.id());
        assertThat(events.get(0).data())
                .containsEntry("reason", "token usage removed from the owner")
                .doesNotContainKey(TokenUsageService.SUSPENDED_OWNERS);
    }

    @Test
    void switchingTokensOffSuspendsEveryWorkingTokenOfTheWorkspace() {
        Principal alice = kit.user("alice", BuiltInRole.USER);
        AccessToken working = kit.store(Tokens.aToken()
                .inWorkspace(CoreTestKit.WORKSPACE)
                .ownedBy(alice.id())
                .createdAt(now.minus(Duration.ofDays(1)))
                .expiringIn(Duration.ofDays(30)));
        kit.store(Tokens.aToken()
                .inWorkspace(CoreTestKit.WORKSPACE)
                .ownedBy(alice.id())
                .createdAt(now.minus(Duration.ofDays(2)))
                .revokedAt(now.minus(Duration.ofDays(1)), alice.id()));
        // the audit record exactly as the settings service writes it, replayed through the decorator
        kit.settingsService.update(kit.asAdmin(), Map.of(SettingsService.ENABLE_TOKENS, "false"));
        AuditEvent switchedOff =
                kit.audit.eventsWith(AuditAction.WORKSPACE_SETTINGS_CHANGED).get(0);

        log.record(switchedOff);

        assertThat(events).extracting(TokenEvent::type).containsOnly(TokenEventType.SUSPENDED);
        assertThat(events).extracting(TokenEvent::token).contains(working.id());
        assertThat(events)
                .allSatisfy(e -> assertThat(e.data())
                        .containsEntry("reason", "API tokens switched off for the workspace")
                        .doesNotContainKey("before"));
        assertThat(events.get(0).data()).containsEntry("tokens_suspended", events.size());

        events.clear();
        kit.settingsService.update(kit.asAdmin(), Map.of(SettingsService.ENABLE_TOKENS, "true"));
        log.record(kit.audit.eventsWith(AuditAction.WORKSPACE_SETTINGS_CHANGED).stream()
                .filter(e -> e.details().get("after").contains("enableTokensConfig=true"))
                .findFirst()
                .orElseThrow());
        assertThat(events).as("switching them on again suspends nothing").isEmpty();
    }
}
