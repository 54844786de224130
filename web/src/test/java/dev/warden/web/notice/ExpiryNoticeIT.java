package dev.warden.web.notice;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupRepository;
import dev.warden.core.notice.NoticeChannel;
import dev.warden.core.notice.NoticeRecipient;
import dev.warden.core.notice.NoticeRecipients;
import dev.warden.core.notice.NoticeRepository;
import dev.warden.core.notice.NoticeService;
import dev.warden.core.notice.NoticeSettings;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.AccessPolicy;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.RoleAssignmentRepository;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.Tokens;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.TestSmtp;
import dev.warden.web.support.WardenSpringBootTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Expiry notices end to end: a real SMTP server (GreenMail) receives exactly the notices of a token expiring in 7 days,
 * once, even after a second run and with two notice services over the one database; each token kind reaches its
 * recipients; the settings API.
 */
@WardenSpringBootTest
class ExpiryNoticeIT {
    private static final GreenMail SMTP = TestSmtp.server();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        TestSmtp.sendThrough(SMTP, registry);
        registry.add("warden.notices.from", () -> "warden@example.com");
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    private ApplicationContext context;

    @Autowired
    private NoticeTicker ticker;

    @Autowired
    private TokenRepository tokens;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private NoticeRepository notices;

    @Autowired
    private MutableClock clock;

    @LocalServerPort
    private int port;

    private TestData data;

    @BeforeEach
    void setUp() throws Exception {
        data = TestData.of(context);
        SMTP.purgeEmailFromAllMailboxes();
        // No token of an earlier test stays within a lead time: each test starts from a clean slate of notices.
        notices.saveSettings(data.main().id(), NoticeSettings.DEFAULTS);
    }

    @Test
    void aTokenExpiringInSevenDaysIsNoticedOnceAcrossRunsAndTwoServices() throws Exception {
        Principal alice = withEmail(data.user("alice"), "alice@example.com");
        AccessToken token = add(Tokens.aToken()
                .inWorkspace(data.main().id())
                .ownedBy(alice.id())
                .createdBy(alice.id())
                .comment("nightly backup")
                .expiringAt(clock.instant().plus(Duration.ofDays(7))));

        // two notice services over the one database, started together, as two nodes would
        NoticeService other = context.getBean(NoticeService.class);
        NoticeService second = secondService();
        CountDownLatch go = new CountDownLatch(1);
        var a = CompletableFuture.supplyAsync(() -> awaitThen(go, other::runOnce));
        var b = CompletableFuture.supplyAsync(() -> awaitThen(go, second::runOnce));
        go.countDown();
        int sent = a.get().sent() + b.get().sent();
        ticker.runOnce(); // and a later run of the scheduler

        assertThat(sent).isEqualTo(1);
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly("alice@example.com");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("warden@example.com");
        assertThat(mail.getSubject()).isEqualTo("Warden token " + token.id().value() + " expires within 7 days");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body)
                .contains("nightly backup")
                .contains("https://warden.example.com/settings/user/tokens/"
                        + token.id().value())
                .doesNotContain(token.digest().toString());
    }

    @Test
    void eachTokenKindReachesItsRecipientsAndTheExtraAddresses() throws Exception {
        notices.saveSettings(data.main().id(), new NoticeSettings(List.of(30, 7, 1), List.of("sec@example.com")));
        Instant in3Days = clock.instant().plus(Duration.ofDays(3));
        Principal owner = withEmail(data.user("owner"), "owner@example.com");
        Principal creator = withEmail(data.user("creator", BuiltInRole.WORKSPACE_ADMIN), "creator@example.com");
        Principal groupAdmin = withEmail(data.user("gadmin"), "gadmin@example.com");
        Principal robot = data.servicePrincipal("etl robot");
        Group team = data.group("team-" + TestData.unique("g"));
        data.assign(data.builtIn(BuiltInRole.GROUP_ADMIN), groupAdmin, team);
        Principal orgUser =
                principals.save(Principal.newTechnicalUser(data.main().id(), "org token user"));
        Principal groupUser =
                principals.save(Principal.newTechnicalUser(data.main().id(), "group token user"));

        AccessToken personal = add(Tokens.aToken()
                .inWorkspace(data.main().id())
                .ownedBy(owner.id())
                .createdBy(owner.id())
                .expiringAt(in3Days));
        AccessToken onBehalf = add(Tokens.aToken()
                .inWorkspace(data.main().id())
                .kind(TokenKind.ON_BEHALF_OF)
                .ownedBy(robot.id())
                .createdBy(creator.id())
                .expiringAt(in3Days));
        AccessToken organisation = add(Tokens.aToken()
                .inWorkspace(data.main().id())
                .kind(TokenKind.ORGANISATION)
                .ownedBy(orgUser.id())
                .createdBy(creator.id())
                .expiringAt(in3Days));
        AccessToken group = add(Tokens.aToken()
                .inWorkspace(data.main().id())
                .ofGroup(team.id())
                .ownedBy(groupUser.id())
                .createdBy(creator.id())
                .expiringAt(in3Days));

        NoticeService.RunResult result = ticker.runOnce().orElseThrow();

        Map<String, List<String>> subjectsByRecipient = Arrays.stream(SMTP.getReceivedMessages())
                .collect(Collectors.groupingBy(
                        ExpiryNoticeIT::to, Collectors.mapping(ExpiryNoticeIT::subject, Collectors.toList())));
        assertThat(subjectsByRecipient.get("owner@example.com")).containsExactly(subjectOf(personal));
        assertThat(subjectsByRecipient.get("creator@example.com"))
                .as("the creator of the on-behalf-of token, and a workspace admin for the organisation token")
                .containsExactlyInAnyOrder(subjectOf(onBehalf), subjectOf(organisation));
        assertThat(subjectsByRecipient.get("gadmin@example.com")).containsExactly(subjectOf(group));
        assertThat(subjectsByRecipient.get("sec@example.com"))
                .containsExactlyInAnyOrder(
                        subjectOf(personal), subjectOf(onBehalf), subjectOf(organisation), subjectOf(group));
        assertThat(subjectsByRecipient).hasSize(4);
        assertThat(result.sent()).isEqualTo(4);
        // the service principal (no address) and the bootstrap admin (a workspace admin without one)
        assertThat(result.recipientsWithoutAddress()).isGreaterThanOrEqualTo(2);
        assertThat(subjectOf(personal)).endsWith("within 7 days"); // the shortest lead time it is within
    }

    @Test
    void theSettingsApiReadsChangesAndRefuses() {
        ApiClient api = new ApiClient(port);
        String admin = WardenSpringBootTest.ADMIN_TOKEN;

        ApiClient.Response initial = api.get("/api/2.0/notification-settings", admin);
        assertThat(initial.status()).isEqualTo(200);
        assertThat(initial.json().get("lead_days").toString()).isEqualTo("[30,7,1]");

        ApiClient.Response changed = api.send(
                "PATCH",
                "/api/2.0/notification-settings",
                admin,
                "application/json",
                "{\"lead_days\":[3,14],\"extra_addresses\":[\"Ops@Example.com\"]}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("lead_days").toString()).isEqualTo("[14,3]");
        assertThat(changed.json().get("extra_addresses").toString()).isEqualTo("[\"ops@example.com\"]");
        assertThat(notices.settings(data.main().id()).leadDays()).containsExactly(14, 3);

        ApiClient.Response badDays =
                api.send("PATCH", "/api/2.0/notification-settings", admin, "application/json", "{\"lead_days\":[0]}");
        assertThat(badDays.status()).isEqualTo(400);
        assertThat(badDays.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(badDays.body()).contains("lead_days");
        ApiClient.Response badAddress = api.send(
                "PATCH",
                "/api/2.0/notification-settings",
                admin,
                "application/json",
                "{\"extra_addresses\":[\"not an address\"]}");
        assertThat(badAddress.status()).isEqualTo(400);
        assertThat(badAddress.body()).contains("extra_addresses");
        assertThat(notices.settings(data.main().id()).leadDays())
                .as("a refusal changes nothing")
                .containsExactly(14, 3);
        ApiClient.Response fewer = api.send(
                "PATCH",
                "/api/2.0/notification-settings",
                admin,
                "application/json",
                "{\"recipients\":[\"workspace_admins\",\"owner\"]}");
        assertThat(fewer.status()).as(fewer.body()).isEqualTo(200);
        assertThat(fewer.json().get("recipients").toString()).isEqualTo("[\"owner\",\"workspace_admins\"]");
        assertThat(fewer.json().get("lead_days").toString()).as("kept").isEqualTo("[14,3]");
        ApiClient.Response badRule = api.send(
                "PATCH",
                "/api/2.0/notification-settings",
                admin,
                "application/json",
                "{\"recipients\":[\"owner\",\"everyone\"]}");
        assertThat(badRule.status()).isEqualTo(400);
        assertThat(badRule.body()).contains("recipients").contains("on_behalf_of_creator");
        assertThat(notices.settings(data.main().id()).recipients())
                .containsExactlyInAnyOrder(NoticeRecipient.OWNER, NoticeRecipient.WORKSPACE_ADMINS);

        String plainUser = data.usableToken(data.user("plain"));
        assertThat(api.get("/api/2.0/notification-settings", plainUser).status())
                .isEqualTo(403);
        assertThat(api.send(
                                "PATCH",
                                "/api/2.0/notification-settings",
                                plainUser,
                                "application/json",
                                "{\"lead_days\":[1]}")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theConsoleShowsAndSavesTheNotificationsAndNamesABadField() {
        ConsoleSession console = new ConsoleSession(port);
        assertThat(console.logIn("admin", WardenSpringBootTest.ADMIN_PASSWORD)).isEqualTo("/");
        String page = console.get("/settings/admin/workspace").body();
        assertThat(page).contains("data-testid=\"notification-settings\"").contains("value=\"30, 7, 1\"");

        assertThat(ticked(page, "recipient-owner")).as("recipient-owner").isTrue();
        assertThat(ticked(page, "recipient-workspace_admins"))
                .as("recipient-workspace_admins")
                .isTrue();

        // the owner and the group admins ticked, the other two not (an unticked box is not sent)
        console.postForm(
                "/settings/admin/workspace/notifications",
                List.of(
                        Map.entry("leadDays", "2, 14"),
                        Map.entry("extraAddresses", "sec@example.com\nops@example.com"),
                        Map.entry("recipients", "owner"),
                        Map.entry("recipients", "group_admins")),
                false);
        assertThat(notices.settings(data.main().id()))
                .isEqualTo(new NoticeSettings(
                        List.of(14, 2),
                        List.of("sec@example.com", "ops@example.com"),
                        java.util.Set.of(NoticeRecipient.OWNER, NoticeRecipient.GROUP_ADMINS)));
        String saved = console.get("/settings/admin/workspace").body();
        assertThat(saved).contains("value=\"14, 2\"");
        assertThat(ticked(saved, "recipient-group_admins"))
                .as("recipient-group_admins")
                .isTrue();
        assertThat(ticked(saved, "recipient-workspace_admins"))
                .as("recipient-workspace_admins")
                .isFalse();

        String refused = console.postForm(
                        "/settings/admin/workspace/notifications", Map.of("leadDays", "0", "extraAddresses", ""), false)
                .body();
        assertThat(refused)
                .contains("data-testid=\"notices-error\"")
                .contains("lead_days")
                .contains("value=\"0\"");
        assertThat(notices.settings(data.main().id()).leadDays())
                .as("nothing saved")
                .containsExactly(14, 2);
    }

    /** Whether the checkbox of this test id is ticked in the page. */
    private static boolean ticked(String html, String testid) {
        java.util.regex.Matcher input = java.util.regex.Pattern.compile(
                        "<input[^>]*data-testid=\"" + testid + "\"[^>]*>")
                .matcher(html);
        assertThat(input.find()).as(testid + " in the page").isTrue();
        return input.group().contains("checked");
    }

    private NoticeService secondService() {
        return new NoticeService(
                notices,
                new NoticeRecipients(
                        principals,
                        context.getBean(RoleRepository.class),
                        context.getBean(RoleAssignmentRepository.class),
                        context.getBean(GroupRepository.class)),
                context.getBean(NoticeChannel.class),
                context.getBean(AccessPolicy.class),
                context.getBean(AuditLog.class),
                context.getBean(TransactionRunner.class),
                clock);
    }

    private static <T> T awaitThen(CountDownLatch go, java.util.function.Supplier<T> work) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return work.get();
    }

    private Principal withEmail(Principal user, String email) {
        return principals.save(user.withProfile(user.userName(), user.displayName(), email, null, null, null));
    }

    private AccessToken add(Tokens.Builder builder) {
        AccessToken token =
                builder.createdAt(clock.instant().minus(Duration.ofDays(80))).build();
        tokens.add(token);
        return token;
    }

    private static String subjectOf(AccessToken token) {
        return Arrays.stream(SMTP.getReceivedMessages())
                .map(ExpiryNoticeIT::subject)
                .filter(s -> s.contains(token.id().value()))
                .findFirst()
                .orElse("(none for " + token.id().value() + ")");
    }

    private static String to(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
