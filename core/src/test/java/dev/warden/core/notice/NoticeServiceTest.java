package dev.warden.core.notice;

import static dev.warden.core.testkit.CoreTestKit.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.testkit.CoreTestKit;
import dev.warden.core.token.TokenId;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenUse;
import dev.warden.core.token.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notice run's choice of lead time and claims, and the settings' validation, permissions and audit. */
class NoticeServiceTest {
    private final CoreTestKit kit = new CoreTestKit();
    private final InMemoryNoticeRepository store = new InMemoryNoticeRepository();
    private final List<Notice> sent = new ArrayList<>();
    private final List<Alert> alerts = new ArrayList<>();
    private final NoticeChannel channel = new NoticeChannel() {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public void send(Notice notice) {
            sent.add(notice);
        }

        @Override
        public void sendAlert(Alert alert) {
            alerts.add(alert);
        }
    };
    private final NoticeService service = new NoticeService(
            store,
            new NoticeRecipients(
                    kit.directory.principals, kit.directory.roles, kit.directory.assignments, kit.directory.groups),
            channel,
            kit.access,
            kit.audit,
            kit.tx,
            kit.clock);

    @Test
    void aTokenGetsTheNoticeOfTheShortestLeadTimeItIsWithinOnce() {
        Principal alice = withEmail(kit.user("alice", BuiltInRole.USER), "alice@example.com");
        store.tokens.add(token("t1", alice, kit.clock.instant().plus(Duration.ofDays(6))));

        NoticeService.RunResult first = service.runOnce();
        NoticeService.RunResult second = service.runOnce();

        assertThat(first.sent()).isEqualTo(1);
        assertThat(second.sent()).isZero();
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.leadDays()).isEqualTo(7);
            assertThat(n.recipients()).containsExactly("alice@example.com");
        });

        kit.clock.advance(Duration.ofDays(5).plusHours(1)); // now within a day
        service.runOnce();
        assertThat(sent).extracting(Notice::leadDays).containsExactly(7, 1);
    }

    @Test
    void anOAuthAccessTokenIsNeverNoticedNorClaimed() {
        store.settings.put(WORKSPACE, new NoticeSettings(List.of(1), List.of("sec@example.com")));
        Principal robot = kit.servicePrincipal("robot");
        store.tokens.add(new ExpiringToken(
                new TokenId("oauth-1"),
                WORKSPACE,
                TokenKind.OAUTH,
                robot.id(),
                robot.id(),
                null,
                "",
                kit.clock.instant().plus(Duration.ofMinutes(50))));

        assertThat(service.runOnce().sent()).isZero();
        assertThat(sent).isEmpty();
        assertThat(store.claims).isEmpty();
    }

    @Test
    void aFailedSendGivesTheClaimBackAndARecipientWithoutAddressIsCounted() {
        Principal bob = kit.user("bob", BuiltInRole.USER); // no e-mail address
        store.tokens.add(token("t2", bob, kit.clock.instant().plus(Duration.ofDays(2))));
        NoticeService.RunResult nobody = service.runOnce();
        assertThat(nobody.recipientsWithoutAddress()).isEqualTo(1);
        assertThat(sent).isEmpty();

        Principal carol = withEmail(kit.user("carol", BuiltInRole.USER), "carol@example.com");
        store.tokens.add(token("t3", carol, kit.clock.instant().plus(Duration.ofDays(2))));
        NoticeService failing = new NoticeService(
                store,
                new NoticeRecipients(
                        kit.directory.principals, kit.directory.roles, kit.directory.assignments, kit.directory.groups),
                new NoticeChannel() {
                    @Override
                    public boolean enabled() {
                        return true;
                    }

                    @Override
                    public void send(Notice notice) {
                        throw new IllegalStateException("SMTP down");
                    }

                    @Override
                    public void sendAlert(Alert alert) {
                        throw new IllegalStateException("SMTP down");
                    }
                },
                kit.access,
                kit.audit,
                kit.tx,
                kit.clock);
        assertThat(failing.runOnce().failed()).isEqualTo(1);
        assertThat(service.runOnce().sent()).as("retried by the next run").isEqualTo(1);
    }

    @Test
    void settingsAreValidatedInFullAuditedAndNeedTheirPermissions() {
        NoticeSettings saved = service.update(kit.asAdmin(), List.of(3, 14, 3), List.of(" Sec@Example.com "));
        assertThat(saved).isEqualTo(new NoticeSettings(List.of(14, 3), List.of("sec@example.com")));
        assertThat(kit.audit.events())
                .anySatisfy(e -> assertThat(e.action()).isEqualTo(AuditAction.WORKSPACE_SETTINGS_CHANGED));

        assertThatThrownBy(() -> service.update(kit.asAdmin(), List.of(0), null))
                .isInstanceOf(InvalidParameterException.class)
                .extracting(e -> ((InvalidParameterException) e).field())
                .isEqualTo(NoticeService.LEAD_DAYS);
        assertThatThrownBy(() -> service.update(kit.asAdmin(), List.of(1, 2, 3, 4, 5, 6), null))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> service.update(kit.asAdmin(), null, List.of("nobody")))
                .isInstanceOf(InvalidParameterException.class)
                .extracting(e -> ((InvalidParameterException) e).field())
                .isEqualTo(NoticeService.EXTRA_ADDRESSES);
        assertThat(service.settings(kit.asAdmin()))
                .as("refusals change nothing")
                .isEqualTo(saved);

        var plain = dev.warden.core.principal.Actor.of(kit.user("dave", BuiltInRole.USER), "127.0.0.1");
        assertThatThrownBy(() -> service.settings(plain)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> service.update(plain, List.of(1), null)).isInstanceOf(PermissionDeniedException.class);
    }

    /** A workspace that tells only the creators of on-behalf-of tokens: not the owner, but an alert still does. */
    @Test
    void noticesFollowTheWorkspacesRecipientRulesAndAlertsFollowThemAll() {
        Principal admin = withEmail(kit.user("ann", BuiltInRole.WORKSPACE_ADMIN), "ann@example.com");
        Principal erin = withEmail(kit.user("erin", BuiltInRole.USER), "erin@example.com");
        store.saveSettings(
                WORKSPACE,
                new NoticeSettings(List.of(7), List.of(), java.util.Set.of(NoticeRecipient.ON_BEHALF_OF_CREATOR)));
        Instant soon = kit.clock.instant().plus(Duration.ofDays(6));
        store.tokens.add(token("own", erin, soon));
        store.tokens.add(new ExpiringToken(
                new TokenId("obo"), WORKSPACE, TokenKind.ON_BEHALF_OF, erin.id(), admin.id(), null, "", soon));

        service.runOnce();

        assertThat(sent)
                .as("the personal token tells nobody; the on-behalf-of one its creator only")
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.token().id()).isEqualTo(new TokenId("obo"));
                    assertThat(n.recipients()).containsExactly("ann@example.com");
                    assertThat(n.ownerName()).contains("erin");
                });
        assertThat(service.raise(kit.activeToken(erin), "Warden token leaked", "Found."))
                .isEqualTo(2);
    }

    @Test
    void theRecipientRulesAreNamedInTheApisWordsAndAnUnknownOneIsRefused() {
        NoticeSettings saved = service.update(kit.asAdmin(), null, null, List.of("workspace_admins", "owner"));
        assertThat(saved.recipients())
                .containsExactlyInAnyOrder(NoticeRecipient.OWNER, NoticeRecipient.WORKSPACE_ADMINS);
        assertThat(NoticeService.keys(saved.recipients())).containsExactly("owner", "workspace_admins");
        assertThat(service.update(kit.asAdmin(), List.of(3), null).recipients())
                .as("other fields keep the rules")
                .isEqualTo(saved.recipients());

        assertThatThrownBy(() -> service.update(kit.asAdmin(), null, null, List.of("owner", "everyone")))
                .isInstanceOf(InvalidParameterException.class)
                .extracting(e -> ((InvalidParameterException) e).field())
                .isEqualTo(NoticeService.RECIPIENTS);
        assertThat(store.settings(WORKSPACE).recipients()).isEqualTo(saved.recipients());
    }

    @Test
    void anAlertReachesTheOwnerTheWorkspaceAdminsAndTheExtraAddresses() {
        Principal erin = withEmail(kit.user("erin", BuiltInRole.USER), "erin@example.com");
        withEmail(kit.user("root", BuiltInRole.WORKSPACE_ADMIN), "root@example.com");
        store.saveSettings(WORKSPACE, new NoticeSettings(List.of(7), List.of("sec@example.com")));
        var token = kit.activeToken(erin);

        int told = service.raise(token, "Warden token leaked", "Found on GitHub.");

        assertThat(told).isEqualTo(3);
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.recipients())
                    .containsExactlyInAnyOrder("erin@example.com", "root@example.com", "sec@example.com");
            assertThat(a.subject()).isEqualTo("Warden token leaked");
        });
    }

    @Test
    void theInactivityPolicyWarnsOncePerDueDateAndLeadTimeAndAgainAfterAUse() {
        Principal alice = withEmail(kit.user("alice", BuiltInRole.USER), "alice@example.com");
        kit.settings.save(WORKSPACE, new WorkspaceSettings(true, null, null, 600, null, 90));
        NoticeService withPolicy = withInactivity();
        // never used, created 85 days ago: revoked in 5 days
        var idle = kit.store(Tokens.aToken()
                .inWorkspace(WORKSPACE)
                .ownedBy(alice.id())
                .comment("backup")
                .createdAt(kit.clock.instant().minus(Duration.ofDays(85)))
                .neverExpiring());
        // expires before the policy would revoke it: its expiry notice tells
        kit.store(Tokens.aToken()
                .inWorkspace(WORKSPACE)
                .ownedBy(alice.id())
                .createdAt(kit.clock.instant().minus(Duration.ofDays(85)))
                .expiringAt(kit.clock.instant().plus(Duration.ofDays(2))));
        // due already: the policy's run, not a notice
        kit.store(Tokens.aToken()
                .inWorkspace(WORKSPACE)
                .ownedBy(alice.id())
                .createdAt(kit.clock.instant().minus(Duration.ofDays(95)))
                .neverExpiring());

        assertThat(withPolicy.runOnce().sent()).isEqualTo(1);
        assertThat(withPolicy.runOnce().sent()).as("once").isZero();
        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NoticeKind.INACTIVITY);
            assertThat(n.token().id()).isEqualTo(idle.id());
            assertThat(n.leadDays()).isEqualTo(7);
            assertThat(n.unusedDays()).isEqualTo(90);
            assertThat(n.dueAt()).isEqualTo(idle.createdAt().plus(Duration.ofDays(90)));
            assertThat(n.recipients()).containsExactly("alice@example.com");
        });

        // used now: due in 90 days again; 60 days on it is within 30 days of that and is warned anew
        kit.tokens.recordUses(List.of(new TokenUse(WORKSPACE, idle.id(), kit.clock.instant(), "10.0.0.1", "cron")));
        Instant used = kit.clock.instant();
        withPolicy.runOnce();
        assertThat(sent).hasSize(1);
        kit.clock.advance(Duration.ofDays(61));
        withPolicy.runOnce();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).leadDays()).isEqualTo(30);
        assertThat(sent.get(1).dueAt()).isEqualTo(used.plus(Duration.ofDays(90)));
    }

    @Test
    void withoutThePolicyOrWithoutLeadTimesNoInactivityNoticeGoesOut() {
        Principal alice = withEmail(kit.user("alice", BuiltInRole.USER), "alice@example.com");
        kit.store(Tokens.aToken()
                .inWorkspace(WORKSPACE)
                .ownedBy(alice.id())
                .createdAt(kit.clock.instant().minus(Duration.ofDays(85)))
                .neverExpiring());
        NoticeService withPolicy = withInactivity();
        assertThat(withPolicy.runOnce().sent()).as("policy off").isZero();

        kit.settings.save(WORKSPACE, new WorkspaceSettings(true, null, null, 600, null, 90));
        store.saveSettings(WORKSPACE, new NoticeSettings(List.of(), List.of()));
        assertThat(withPolicy.runOnce().sent()).as("notices off").isZero();
        assertThat(sent).isEmpty();
    }

    private NoticeService withInactivity() {
        return new NoticeService(
                store,
                new NoticeRecipients(
                        kit.directory.principals, kit.directory.roles, kit.directory.assignments, kit.directory.groups),
                channel,
                kit.access,
                kit.audit,
                kit.tx,
                kit.clock,
                new InactivityNotices(store, kit.settings, kit.tokens));
    }

    private Principal withEmail(Principal user, String email) {
        return kit.directory.principals.save(
                user.withProfile(user.userName(), user.displayName(), email, null, null, null));
    }

    private ExpiringToken token(String id, Principal owner, Instant expiresAt) {
        return new ExpiringToken(
                new TokenId(id), WORKSPACE, TokenKind.PERSONAL, owner.id(), owner.id(), null, "", expiresAt);
    }
}
