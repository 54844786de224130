package dev.warden.web.inactivity;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.inactivity.InactivityPolicy;
import dev.warden.core.notice.InactivityNotices;
import dev.warden.core.notice.NoticeRepository;
import dev.warden.core.notice.NoticeService;
import dev.warden.core.notice.NoticeSettings;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.RevocationAuthority;
import dev.warden.core.token.TokenFilter;
import dev.warden.core.token.TokenLastUse;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.Tokens;
import dev.warden.core.workspace.WorkspaceId;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.TestSmtp;
import dev.warden.web.support.WardenSpringBootTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The inactivity policy end to end over real HTTP: set through workspace-conf, previewed, warned of by e-mail (a real
 * SMTP server) before it acts, and run: exactly the previewed tokens are revoked with authority POLICY and audited;
 * the owner cannot restore one, an admin can. The API work happens in a second workspace, so that no other test's
 * tokens are in reach of the policy.
 */
@WardenSpringBootTest
class InactivityPolicyIT {
    private static final GreenMail SMTP = TestSmtp.server();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        TestSmtp.sendThrough(SMTP, registry);
        registry.add("warden.inactivity.enabled", () -> "false");
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    private ApplicationContext context;

    @Autowired
    private InactivityTicker inactivity;

    @Autowired
    private NoticeService notices;

    @Autowired
    private NoticeRepository noticeSettings;

    @Autowired
    private TokenRepository tokens;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private SettingsRepository settings;

    @Autowired
    private AuditLog audit;

    @Autowired
    private MutableClock clock;

    @LocalServerPort
    private int port;

    private TestData data;
    private ApiClient api;

    @BeforeEach
    void setUp() throws Exception {
        data = TestData.of(context);
        api = new ApiClient(port);
        SMTP.purgeEmailFromAllMailboxes();
    }

    @AfterEach
    void policyOffInTheMainWorkspace() {
        WorkspaceId main = data.main().id();
        WorkspaceSettings current = settings.get(main);
        settings.save(
                main,
                new WorkspaceSettings(
                        current.tokensEnabled(),
                        current.maxTokenLifetimeDays(),
                        current.defaultTokenLifetimeDays(),
                        current.tokenQuota(),
                        current.maxSecretLifetimeDays(),
                        null));
    }

    @Test
    void thePolicyRevokesWhatThePreviewSaidAfterWarningAndOnlyAnAdminRestores() throws Exception {
        TestData.OtherWorkspace ws = data.otherWorkspace();
        WorkspaceId workspace = ws.workspace().id();
        Principal owner = data.user(workspace, "owner");
        owner = principals.save(
                owner.withProfile(owner.userName(), owner.displayName(), "owner@example.com", null, null, null));
        String ownerToken = data.token(owner);
        // one lead time, 7 days: only the token due in five days is within it (fresh tokens are due in 30)
        noticeSettings.saveSettings(workspace, new NoticeSettings(List.of(7), List.of()));
        AccessToken neverUsed = add(workspace, owner, daysAgo(100), null, "never used");
        AccessToken usedLongAgo = add(workspace, owner, daysAgo(200), daysAgo(50), "used long ago");
        AccessToken usedYesterday = add(workspace, owner, daysAgo(200), daysAgo(1), "used yesterday");
        AccessToken dueInFiveDays = add(workspace, owner, daysAgo(25), null, "due in five days");

        ApiClient.Response set = api.send(
                "PATCH",
                "/api/2.0/workspace-conf",
                ws.adminToken(),
                "application/json",
                "{\"revokeUnusedTokensAfterDays\":\"30\"}");
        assertThat(set.status()).as(set.body()).isBetween(200, 204);
        assertThat(api.get("/api/2.0/workspace-conf?keys=revokeUnusedTokensAfterDays", ws.adminToken())
                        .json()
                        .get("revokeUnusedTokensAfterDays")
                        .asString())
                .isEqualTo("30");
        assertThat(audit.recent(workspace, 20))
                .anySatisfy(e -> assertThat(e.action()).isEqualTo(AuditAction.WORKSPACE_SETTINGS_CHANGED));

        // switched on just now: it warns for the longest lead time (7 days) before it revokes anything
        ApiClient.Response preview = api.get("/api/2.0/inactivity-policy/preview?days=30", ws.adminToken());
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().get("tokens_unused").asInt()).isEqualTo(2);
        assertThat(preview.json().get("tokens_revoked_today").asInt()).isZero();
        assertThat(Instant.parse(preview.json().get("revokes_from").asString()))
                .isAfter(clock.instant().plus(Duration.ofDays(7)).minusSeconds(60))
                .isBefore(clock.instant().plus(Duration.ofDays(7)).plusSeconds(1));
        assertThat(preview.json().get("notices_to_send").asInt())
                .as("the two unused ones and the one due in five days: all due when the policy starts")
                .isEqualTo(3);
        List<String> unusedNow = new ArrayList<>();
        preview.json().get("token_ids").forEach(id -> unusedNow.add(id.asString()));
        assertThat(unusedNow)
                .containsExactly(neverUsed.id().value(), usedLongAgo.id().value());

        // the notice run warns of each, once, before the policy acts
        notices.runOnce();
        notices.runOnce();
        List<MimeMessage> received = new ArrayList<>();
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            if (m.getSubject().contains("will be revoked")) { // expiry notices of other tests' tokens aside
                received.add(m);
            }
        }
        assertThat(received).hasSize(3);
        assertThat(received)
                .extracting(MimeMessage::getSubject)
                .contains("Warden token " + dueInFiveDays.id().value()
                        + " will be revoked within 7 days unless it is used");
        assertThat(received.get(0).getAllRecipients()[0].toString()).isEqualTo("owner@example.com");
        assertThat(GreenMailUtil.getBody(received.get(0)))
                .contains("unused for 30 days")
                .contains("use it before then")
                .contains("https://warden.example.com/settings/user/tokens/");
        assertThat(inactivity.runOnce().orElseThrow().revoked())
                .as("still warning")
                .isZero();

        clock.advance(Duration.ofDays(7));
        try {
            ApiClient.Response due = api.get("/api/2.0/inactivity-policy/preview?days=30", ws.adminToken());
            assertThat(due.json().get("tokens_revoked_today").asInt()).isEqualTo(3);
            List<String> previewed = new ArrayList<>();
            due.json().get("token_ids").forEach(id -> previewed.add(id.asString()));
            assertThat(previewed)
                    .containsExactly(
                            neverUsed.id().value(),
                            usedLongAgo.id().value(),
                            dueInFiveDays.id().value());

            assertThat(inactivity.runOnce().orElseThrow().revoked()).isEqualTo(3);
            for (AccessToken t : List.of(neverUsed, usedLongAgo, dueInFiveDays)) {
                AccessToken stored = tokens.findById(workspace, t.id()).orElseThrow();
                assertThat(stored.revocationAuthority()).isEqualTo(RevocationAuthority.POLICY);
                List<AuditEvent> history = audit.history(workspace, "token", t.id().value(), 10);
                assertThat(history)
                        .filteredOn(e -> e.action() == AuditAction.TOKEN_REVOKED)
                        .singleElement()
                        .satisfies(e -> assertThat(e.details())
                                .containsEntry("authority", "POLICY")
                                .containsEntry("reason", "unused for 30 days"));
            }
            assertThat(tokens.search(workspace, TokenFilter.all(clock.instant()), null, 1000).stream()
                            .filter(t -> t.revocationAuthority() == RevocationAuthority.POLICY)
                            .map(t -> t.id().value()))
                    .as("exactly the previewed tokens, nothing else of the workspace")
                    .containsExactlyInAnyOrderElementsOf(previewed);
            assertThat(tokens.findById(workspace, usedYesterday.id())
                            .orElseThrow()
                            .isRevoked())
                    .isFalse();

            // the owner cannot undo a policy revocation; an admin can, and the restore counts as activity
            ApiClient.Response byOwner = api.post(
                    "/api/2.0/token/restore",
                    ownerToken,
                    "{\"token_id\":\"" + neverUsed.id().value() + "\"}");
            assertThat(byOwner.status()).as(byOwner.body()).isEqualTo(403);
            assertThat(tokens.findById(workspace, neverUsed.id()).orElseThrow().isRevoked())
                    .isTrue();
            ApiClient.Response byAdmin = api.post(
                    "/api/2.0/token-management/tokens/" + neverUsed.id().value() + "/restore", ws.adminToken(), "{}");
            assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(200);
            assertThat(inactivity.runOnce().orElseThrow().revoked()).isZero();
            assertThat(tokens.findById(workspace, neverUsed.id()).orElseThrow().isRevoked())
                    .as("restored by the admin: the restore counts as activity")
                    .isFalse();
        } finally {
            settings.save(workspace, WorkspaceSettings.DEFAULTS);
        }
    }

    @Test
    void twoNodesRunningThePolicyAtOnceRevokeAndAuditEachTokenOnce() throws Exception {
        TestData.OtherWorkspace ws = data.otherWorkspace();
        WorkspaceId workspace = ws.workspace().id();
        Principal owner = data.user(workspace, "owner");
        List<AccessToken> idle = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            idle.add(add(workspace, owner, daysAgo(100 + i), null, "idle " + i));
        }
        settings.save(workspace, new WorkspaceSettings(true, null, null, 600, null, 30));
        InactivityPolicy one = context.getBean(InactivityPolicy.class);
        InactivityPolicy two = new InactivityPolicy(
                tokens,
                settings,
                noticeSettings,
                context.getBean(InactivityNotices.class),
                context.getBean(AccessPolicy.class),
                audit,
                context.getBean(TransactionRunner.class),
                clock);
        try {
            CountDownLatch go = new CountDownLatch(1);
            var a = CompletableFuture.supplyAsync(() -> awaitThen(go, one::runOnce));
            var b = CompletableFuture.supplyAsync(() -> awaitThen(go, two::runOnce));
            go.countDown();

            assertThat(a.get().revoked() + b.get().revoked()).isEqualTo(5);
            for (AccessToken t : idle) {
                assertThat(audit.history(workspace, "token", t.id().value(), 10))
                        .filteredOn(e -> e.action() == AuditAction.TOKEN_REVOKED)
                        .hasSize(1);
            }
        } finally {
            settings.save(workspace, WorkspaceSettings.DEFAULTS);
        }
    }

    private static <T> T awaitThen(CountDownLatch go, java.util.function.Supplier<T> work) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return work.get();
    }

    @Test
    void badInputIsA400NamingTheFieldAndThePreviewNeedsItsPermission() {
        ApiClient.Response tooFew =
                api.get("/api/2.0/inactivity-policy/preview?days=6", WardenSpringBootTest.ADMIN_TOKEN);
        assertThat(tooFew.status()).isEqualTo(400);
        assertThat(tooFew.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(tooFew.body()).contains("days");
        ApiClient.Response missing = api.get("/api/2.0/inactivity-policy/preview", WardenSpringBootTest.ADMIN_TOKEN);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("days");
        ApiClient.Response words =
                api.get("/api/2.0/inactivity-policy/preview?days=ninety", WardenSpringBootTest.ADMIN_TOKEN);
        assertThat(words.status()).isEqualTo(400);

        ApiClient.Response badSetting = api.send(
                "PATCH",
                "/api/2.0/workspace-conf",
                WardenSpringBootTest.ADMIN_TOKEN,
                "application/json",
                "{\"revokeUnusedTokensAfterDays\":\"731\"}");
        assertThat(badSetting.status()).isEqualTo(400);
        assertThat(badSetting.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(badSetting.body()).contains("revokeUnusedTokensAfterDays");
        assertThat(settings.get(data.main().id()).revokeUnusedAfterDays()).isNull();

        String plain = data.usableToken(data.user("plain"));
        assertThat(api.get("/api/2.0/inactivity-policy/preview?days=30", plain).status())
                .isEqualTo(403);
    }

    @Test
    void theConsoleShowsThePreviewAsTypedAndSavesOrNamesTheField() {
        ConsoleSession console = new ConsoleSession(port);
        assertThat(console.logIn("admin", WardenSpringBootTest.ADMIN_PASSWORD)).isEqualTo("/");
        assertThat(console.get("/settings/admin/workspace").body())
                .contains("data-testid=\"inactivity-policy\"")
                .contains("Off: no token is revoked for inactivity.");
        add(data.main().id(), data.user("idle"), daysAgo(800), null, "idle for long");

        String fragment = console.htmx("GET", "/settings/admin/workspace/inactivity/preview?days=730")
                .body();
        assertThat(fragment)
                .contains("data-testid=\"inactivity-preview\"")
                .contains("With 730 days:")
                .doesNotContain("<html");
        assertThat(fragment)
                .as("switching it on warns first, then revokes")
                .containsPattern("data-unused=\"[1-9]")
                .contains("data-revoked=\"0\"")
                .contains("Warden warns first and revokes");
        assertThat(console.htmx("GET", "/settings/admin/workspace/inactivity/preview?days=3")
                        .body())
                .contains("from 7 to 730");
        assertThat(settings.get(data.main().id()).revokeUnusedAfterDays())
                .as("a preview saves nothing")
                .isNull();

        String refused = console.postForm("/settings/admin/workspace/inactivity", Map.of("days", "5"), false)
                .body();
        assertThat(refused)
                .contains("data-testid=\"inactivity-error\"")
                .contains("revokeUnusedTokensAfterDays")
                .contains("value=\"5\"");
        assertThat(settings.get(data.main().id()).revokeUnusedAfterDays()).isNull();

        console.postForm("/settings/admin/workspace/inactivity", Map.of("days", "730"), false);
        assertThat(settings.get(data.main().id()).revokeUnusedAfterDays()).isEqualTo(730);
        assertThat(console.get("/settings/admin/workspace").body())
                .contains("value=\"730\"")
                .contains("With 730 days:");

        console.postForm("/settings/admin/workspace/inactivity", Map.of("days", ""), false);
        assertThat(settings.get(data.main().id()).revokeUnusedAfterDays()).isNull();
    }

    private AccessToken add(WorkspaceId workspace, Principal owner, Instant created, Instant lastUsed, String comment) {
        Tokens.Builder builder = Tokens.aToken()
                .inWorkspace(workspace)
                .ownedBy(owner.id())
                .createdBy(owner.id())
                .comment(comment)
                .createdAt(created)
                .neverExpiring();
        if (lastUsed != null) {
            builder = builder.lastUse(new TokenLastUse(lastUsed, "10.0.0.1", "cron"));
        }
        AccessToken token = builder.build();
        tokens.add(token);
        return token;
    }

    private Instant daysAgo(int days) {
        return clock.instant().minus(Duration.ofDays(days));
    }
}
