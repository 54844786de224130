package dev.warden.web.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.warden.core.canary.CanaryAlarm;
import dev.warden.core.notice.NoticeRepository;
import dev.warden.core.notice.NoticeService;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.Tokens;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.core.webhook.WebhookSigner;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.Html;
import dev.warden.web.support.TestData;
import dev.warden.web.support.TestSmtp;
import dev.warden.web.support.WardenSpringBootTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks end to end through the real HTTP API: a local receiver gets token lifecycle events whose signatures the
 * Standard Webhooks reference library accepts (and refuses with a wrong secret); a 500 is retried with the same id
 * and then succeeds; a refused change publishes nothing; the delivery log shows every try; a leak report's e-mail
 * alert reaches a real SMTP server (GreenMail) once.
 */
@WardenSpringBootTest
class WebhookIT {
    private static final GreenMail SMTP = TestSmtp.server();
    private static WebhookReceiver receiver;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestSmtp.sendThrough(SMTP, registry);
        if (receiver == null) {
            receiver = new WebhookReceiver();
        }
        registry.add("warden.webhooks.enabled", () -> "false"); // the dispatcher runs only when a test says so
    }

    @AfterAll
    static void stop() {
        SMTP.stop();
        receiver.close();
    }

    @Autowired
    private ApplicationContext context;

    @Autowired
    private WebhookTicker ticker;

    @Autowired
    private CanaryAlarm canaries;

    @Autowired
    private MutableClock clock;

    @Autowired
    private TokenRepository tokens;

    @Autowired
    private PrincipalRepository principals;

    @Autowired
    private NoticeRepository noticeRepository;

    @LocalServerPort
    private int port;

    private ApiClient api;
    private TestData data;
    private final String admin = WardenSpringBootTest.ADMIN_TOKEN;

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiClient(port);
        data = TestData.of(context);
        SMTP.purgeEmailFromAllMailboxes();
    }

    /** Adds a webhook through the API for a path of its own on the receiver; answers {id, secret}. */
    private String[] webhook(String path, String eventTypes) {
        ApiClient.Response created = api.post(
                "/api/2.0/webhooks",
                admin,
                "{\"url\":\"" + receiver.url(path) + "\",\"event_types\":" + eventTypes + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.header("Cache-Control")).contains("no-store");
        return new String[] {
            created.json().get("webhook").get("id").asString(),
            created.json().get("secret").asString()
        };
    }

    /** The workspace's extra notice address, through the API: it hears of every alert. */
    private void tellAlso(String address) {
        ApiClient.Response settings = api.send(
                "PATCH",
                "/api/2.0/notification-settings",
                admin,
                "application/json",
                "{\"extra_addresses\":[\"" + address + "\"]}");
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
    }

    private JsonNode createToken(String comment) {
        ApiClient.Response created =
                api.post("/api/2.0/token/create", admin, "{\"comment\":\"" + comment + "\",\"lifetime_seconds\":3600}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json();
    }

    private static List<String> types(List<WebhookReceiver.Received> received) {
        return received.stream()
                .map(r -> r.body().replaceAll("^\\{\"type\":\"([^\"]+)\".*$", "$1"))
                .toList();
    }

    @Test
    void lifecycleEventsReachTheReceiverSignedPerStandardWebhooks() throws Exception {
        String path = "/siem-" + TestData.unique("h");
        String[] hook = webhook(path, "[]");
        String secret = hook[1];
        assertThat(secret).startsWith("whsec_");
        tellAlso("security@example.com");
        ApiClient.Response listed = api.get("/api/2.0/webhooks", admin);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains(receiver.url(path)).doesNotContain(secret);
        assertThat(api.get("/api/2.0/webhooks/" + hook[0], admin).body()).doesNotContain(secret);

        JsonNode kept = createToken("webhook lifecycle");
        String keptId = kept.get("token_info").get("token_id").asString();
        assertThat(api.post("/api/2.0/token/revoke", admin, "{\"token_id\":\"" + keptId + "\"}")
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/2.0/token/restore", admin, "{\"token_id\":\"" + keptId + "\"}")
                        .status())
                .isEqualTo(200);
        JsonNode gone = createToken("webhook deleted");
        String goneId = gone.get("token_info").get("token_id").asString();
        assertThat(api.post("/api/2.0/token/delete", admin, "{\"token_id\":\"" + goneId + "\"}")
                        .status())
                .isEqualTo(200);
        HttpResponse<String> report =
                reportLeak("found in a paste: " + kept.get("token_value").asString());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(SMTP.getReceivedMessages())
                .as("the alert is queued, not sent on the request")
                .isEmpty();

        ticker.runOnce().orElseThrow();

        List<WebhookReceiver.Received> got = receiver.at(path);
        assertThat(types(got))
                .containsExactly(
                        "token.created",
                        "token.revoked",
                        "token.restored",
                        "token.created",
                        "token.deleted",
                        "token.leaked");
        assertThat(got.get(0).body())
                .contains("\"token_id\":\"" + keptId + "\"")
                .contains("webhook lifecycle");
        assertThat(got.get(4).body()).contains("\"token_id\":\"" + goneId + "\"");
        assertThat(got.get(5).body()).contains("\"authority\":\"INCIDENT\"").contains("plain text report from");
        assertThat(got).allMatch(r -> r.id().startsWith("msg_"));
        assertThat(got.stream().map(WebhookReceiver.Received::id).distinct()).hasSize(got.size());
        assertThat(got).noneMatch(r -> r.body().contains(kept.get("token_value").asString()));

        // the leak alert: by e-mail to the workspace's extra address, once, however often the dispatcher runs
        ticker.runOnce();
        ticker.runOnce();
        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertThat(Arrays.stream(mails).filter(m -> subject(m).contains(keptId)))
                .hasSize(1);
        MimeMessage alert = Arrays.stream(mails)
                .filter(m -> subject(m).contains(keptId))
                .findFirst()
                .orElseThrow();
        assertThat(subject(alert)).contains("reported as leaked");
        assertThat(GreenMailUtil.getBody(alert))
                .contains("plain text report from")
                .contains("webhook lifecycle")
                .contains("What to do")
                .doesNotContain(kept.get("token_value").asString());

        // last: without node (a machine with only a JDK) the rest above still ran
        assertThat(StandardWebhooksVerifier.verify(secret, clock.instant(), got))
                .as("the reference library accepts every signature")
                .containsExactlyElementsOf(types(got));
        assertThat(StandardWebhooksVerifier.verify(WebhookSigner.newSecret(), clock.instant(), got))
                .as("and refuses them with another secret")
                .allMatch(result -> result.startsWith("INVALID"));
    }

    /** GitHub's partner format: the token is revoked, the owner and the admins hear of it, webhooks get token.leaked. */
    @Test
    void aTokenReportedInGitHubsPartnerFormatIsAlertedByMailAndWebhook() throws Exception {
        String path = "/leak-" + TestData.unique("h");
        webhook(path, "[\"token.leaked\"]");
        tellAlso("security@example.com");
        JsonNode leaked = createToken("partner format leak");
        String id = leaked.get("token_info").get("token_id").asString();
        String where = "https://github.com/acme/app/blob/1a2b/.env";

        HttpResponse<String> report = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/2.0/token/report-leak"))
                                .header("Content-Type", "application/json")
                                .header("X-Forwarded-For", "198.51.201." + (1 + (int) (Math.random() * 250)))
                                .POST(HttpRequest.BodyPublishers.ofString("[{\"token\":\""
                                        + leaked.get("token_value").asString()
                                        + "\",\"type\":\"warden_token\",\"url\":\"" + where
                                        + "\",\"source\":\"content\"}]"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).isEqualTo("[]");
        assertThat(api.get("/api/2.0/token-management/tokens/" + id, admin)
                        .json()
                        .get("token_info")
                        .get("status")
                        .asString())
                .isEqualTo("REVOKED");

        ticker.runOnce();

        List<WebhookReceiver.Received> got = receiver.at(path);
        assertThat(types(got)).containsExactly("token.leaked");
        assertThat(got.get(0).body()).contains("\"token_id\":\"" + id + "\"").contains(where);
        List<MimeMessage> alerts = Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> subject(m).contains(id))
                .toList();
        assertThat(alerts).hasSize(1);
        assertThat(Arrays.stream(alerts.get(0).getAllRecipients()).map(Object::toString))
                .contains("security@example.com");
        assertThat(GreenMailUtil.getBody(alerts.get(0)))
                .contains(where)
                .contains("partner format leak")
                .doesNotContain(leaked.get("token_value").asString());
    }

    /** A canary's use: refused like any unknown value, then a signed webhook event and one e-mail alert. */
    @Test
    void aTriggeredCanaryReachesWebhooksAndTheAdminsByMail() throws Exception {
        String path = "/canary-" + TestData.unique("h");
        String secret = webhook(path, "[\"token.canary_triggered\"]")[1];
        tellAlso("canary-watch@example.com");
        ApiClient.Response created =
                api.post("/api/2.0/canary-tokens", admin, "{\"comment\":\"CI secrets of billing\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        String value = created.json().get("token_value").asString();
        String id = created.json().get("token_info").get("token_id").asString();

        HttpResponse<String> used = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/2.0/token/list?x=1"))
                                .header("Authorization", "Bearer " + value)
                                .header("User-Agent", "intruder-cli/1.0")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(used.statusCode()).isEqualTo(401);
        assertThat(used.body()).contains("TOKEN_UNKNOWN");

        // the alarm is written off the request thread, then delivered by the dispatcher
        List<WebhookReceiver.Received> got = List.of();
        for (int i = 0; i < 50 && got.isEmpty(); i++) {
            canaries.flush();
            ticker.runOnce();
            got = receiver.at(path);
            if (got.isEmpty()) {
                Thread.sleep(100);
            }
        }
        assertThat(types(got)).containsExactly("token.canary_triggered");
        assertThat(got.get(0).body())
                .contains("\"token_id\":\"" + id + "\"")
                .contains("intruder-cli/1.0")
                .contains("/api/2.0/token/list")
                .doesNotContain("x=1")
                .doesNotContain(value);

        ticker.runOnce();
        List<MimeMessage> alerts = Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> subject(m).contains(id))
                .toList();
        assertThat(alerts).hasSize(1);
        assertThat(Arrays.stream(alerts.get(0).getAllRecipients()).map(Object::toString))
                .contains("canary-watch@example.com");
        assertThat(GreenMailUtil.getBody(alerts.get(0)))
                .contains("intruder-cli/1.0")
                .contains("/api/2.0/token/list")
                .contains("CI secrets of billing")
                .doesNotContain(value);

        // last: without node (a machine with only a JDK) the rest above still ran
        assertThat(StandardWebhooksVerifier.verify(secret, clock.instant(), got))
                .containsExactly("token.canary_triggered");
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheSameIdAndTheLogShowsEveryTry() throws Exception {
        String path = "/retry-" + TestData.unique("h");
        String[] hook = webhook(path, "[\"token.created\"]");
        receiver.answer(path, 500);
        createToken("retried");

        ticker.runOnce();
        assertThat(receiver.at(path)).hasSize(1);
        ticker.runOnce();
        assertThat(receiver.at(path)).as("not before its back-off").hasSize(1);
        clock.advance(Duration.ofSeconds(5));
        ticker.runOnce();

        List<WebhookReceiver.Received> got = receiver.at(path);
        assertThat(got).hasSize(2);
        assertThat(got.get(1).id()).isEqualTo(got.get(0).id());
        assertThat(got.get(1).body()).isEqualTo(got.get(0).body());

        ApiClient.Response log = api.get("/api/2.0/webhooks/" + hook[0] + "/deliveries", admin);
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        JsonNode tries = log.json().get("deliveries");
        assertThat(tries).hasSize(2);
        assertThat(tries.get(0).get("attempt").asInt()).isEqualTo(2);
        assertThat(tries.get(0).get("status_code").asInt()).isEqualTo(200);
        assertThat(tries.get(0).get("delivery_status").asString()).isEqualTo("SUCCEEDED");
        assertThat(tries.get(1).get("attempt").asInt()).isEqualTo(1);
        assertThat(tries.get(1).get("status_code").asInt()).isEqualTo(500);
        assertThat(tries.get(1).get("next_attempt_at").asString()).isNotEmpty();
        assertThat(tries.get(1).get("message_id").asString())
                .isEqualTo(got.get(0).id());
        assertThat(log.body()).doesNotContain("intranet page");

        ApiClient.Response page = api.get("/api/2.0/webhooks/" + hook[0] + "/deliveries?page_size=1", admin);
        assertThat(page.json().get("deliveries")).hasSize(1);
        assertThat(page.json().get("next_page_token").asString()).isEqualTo("1");

        // last: without node (a machine with only a JDK) the rest above still ran
        assertThat(StandardWebhooksVerifier.verify(hook[1], clock.instant(), got.subList(1, 2)))
                .containsExactly("token.created");
    }

    @Test
    void aRefusedChangePublishesNothing() {
        String plain = data.usableToken(data.user("plain"));
        String path = "/refused-" + TestData.unique("h");
        webhook(path, "[]");
        String tokenId = createToken("stays").get("token_info").get("token_id").asString();
        ticker.runOnce();
        assertThat(types(receiver.at(path))).containsExactly("token.created");

        ApiClient.Response refused = api.post("/api/2.0/token-management/tokens/" + tokenId + "/revoke", plain, "{}");
        assertThat(refused.status()).isEqualTo(403);
        ticker.runOnce();

        assertThat(types(receiver.at(path))).as("no token.revoked").containsExactly("token.created");
    }

    @Test
    void sendTestAnswersTheOutcomeAndTheApiRefusesBadInput() {
        String path = "/test-" + TestData.unique("h");
        String[] hook = webhook(path, "[\"token.revoked\"]");

        ApiClient.Response tested = api.post("/api/2.0/webhooks/" + hook[0] + "/test", admin, "{}");
        assertThat(tested.status()).as(tested.body()).isEqualTo(200);
        assertThat(tested.json().get("succeeded").asBoolean()).isTrue();
        assertThat(tested.json().get("status_code").asInt()).isEqualTo(200);
        assertThat(tested.body()).doesNotContain("intranet page");
        assertThat(types(receiver.at(path))).containsExactly("webhook.test");

        receiver.answer(path, 503);
        ApiClient.Response failed = api.post("/api/2.0/webhooks/" + hook[0] + "/test", admin, "{}");
        assertThat(failed.json().get("succeeded").asBoolean()).isFalse();
        assertThat(failed.json().get("status_code").asInt()).isEqualTo(503);
        assertThat(failed.json().get("delivery_status").asString()).isEqualTo("FAILED");

        ApiClient.Response badUrl = api.post("/api/2.0/webhooks", admin, "{\"url\":\"ftp://example.com/x\"}");
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(badUrl.body()).contains("url");
        ApiClient.Response badType = api.post(
                "/api/2.0/webhooks", admin, "{\"url\":\"https://example.com/\",\"event_types\":[\"token.nope\"]}");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body()).contains("event_types");
        ApiClient.Response badEnabled =
                api.send("PATCH", "/api/2.0/webhooks/" + hook[0], admin, "application/json", "{\"enabled\":\"yes\"}");
        assertThat(badEnabled.status()).isEqualTo(400);
        assertThat(badEnabled.body()).contains("enabled");
        assertThat(api.get("/api/2.0/webhooks/999999999", admin).status()).isEqualTo(404);

        ApiClient.Response disabled =
                api.send("PATCH", "/api/2.0/webhooks/" + hook[0], admin, "application/json", "{\"enabled\":false}");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();

        ApiClient.Response rotated = api.post("/api/2.0/webhooks/" + hook[0] + "/rotate-secret", admin, "{}");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().get("secret").asString()).startsWith("whsec_").isNotEqualTo(hook[1]);

        String plain = data.usableToken(data.user("plain"));
        assertThat(api.get("/api/2.0/webhooks", plain).status()).isEqualTo(403);
        assertThat(api.post("/api/2.0/webhooks", plain, "{\"url\":\"https://example.com/\"}")
                        .status())
                .isEqualTo(403);

        assertThat(api.send("DELETE", "/api/2.0/webhooks/" + hook[0], admin, "application/json", null)
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/2.0/webhooks/" + hook[0], admin).status()).isEqualTo(404);
    }

    @Test
    void anExpiryNoticeReachesWebhooksOnceEvenWhenItsMailIsRetried() {
        String path = "/expiring-" + TestData.unique("h");
        webhook(path, "[\"token.expiring\"]");
        Principal alice = data.user("alice");
        principals.save(alice.withProfile(
                alice.userName(), alice.displayName(), "alice@expiring.example.org", null, null, null));
        AccessToken token = Tokens.aToken()
                .inWorkspace(data.main().id())
                .ownedBy(alice.id())
                .createdBy(alice.id())
                .comment("expires soon")
                .createdAt(clock.instant().minus(Duration.ofDays(80)))
                .expiringAt(clock.instant().plus(Duration.ofDays(7)))
                .build();
        tokens.add(token);
        NoticeService notices = context.getBean(NoticeService.class);

        notices.runOnce();
        noticeRepository.unclaim(token.id(), 7); // what the run does when the e-mail failed: the next run retries
        notices.runOnce();
        ticker.runOnce();

        List<WebhookReceiver.Received> about = receiver.at(path).stream()
                .filter(r -> r.body().contains(token.id().value()))
                .toList();
        assertThat(types(about)).containsExactly("token.expiring");
        assertThat(about.get(0).id()).startsWith("msg_exp_");
        assertThat(about.get(0).body()).contains("\"lead_days\":7").contains("expires soon");
        assertThat(Arrays.stream(SMTP.getReceivedMessages())
                        .filter(m -> subject(m).contains(token.id().value()))
                        .filter(m -> to(m).equals("alice@expiring.example.org")))
                .as("the e-mail side went out again at the second run")
                .hasSize(2);
    }

    @Test
    void deactivatingAnOwnerSuspendsItsWorkingTokens() {
        String path = "/suspended-" + TestData.unique("h");
        webhook(path, "[\"token.suspended\"]");
        Principal bob = data.user("bob");
        data.usableToken(bob);
        data.usableToken(bob);

        ApiClient.Response deactivated = api.send(
                "PATCH",
                "/api/2.0/preview/scim/v2/Users/" + bob.id(),
                admin,
                "application/json",
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                        + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}");
        assertThat(deactivated.status()).as(deactivated.body()).isEqualTo(200);
        ticker.runOnce();

        List<WebhookReceiver.Received> got = receiver.at(path);
        assertThat(types(got)).containsExactly("token.suspended", "token.suspended");
        assertThat(got)
                .allSatisfy(r -> assertThat(r.body())
                        .contains("\"reason\":\"owner " + bob.id() + " deactivated\"")
                        .contains("\"tokens_suspended\":2"));
    }

    @Test
    void takingTokenUsageAwaySuspendsTheWorkingTokensOfWhoLostIt() {
        String path = "/usage-" + TestData.unique("h");
        webhook(path, "[\"token.suspended\"]");
        Principal carol = data.user("carol");
        data.usableToken(carol);
        Principal dave = data.user("dave");
        data.usableToken(dave);
        TokenUsageService usage = context.getBean(TokenUsageService.class);

        List<TokenUsageEntry> withoutCarol = usage.entries(data.admin()).stream()
                .filter(entry -> !carol.id().equals(entry.principal()))
                .toList();
        usage.replace(data.admin(), withoutCarol);
        ticker.runOnce();

        List<WebhookReceiver.Received> got = receiver.at(path);
        assertThat(types(got)).containsExactly("token.suspended");
        assertThat(got.get(0).body())
                .contains("\"reason\":\"token usage removed from the owner\"")
                .doesNotContain("suspended_owners");
        assertThat(api.get("/api/2.0/token-management/tokens?owner_id=" + carol.id(), admin)
                        .body())
                .contains(got.get(0).body().replaceAll("^.*\"token_id\":\"([^\"]+)\".*$", "$1"));
    }

    @Test
    void theConsoleAddsTestsShowsTheLogOfAndDeletesAWebhook() {
        ConsoleSession console = new ConsoleSession(port);
        assertThat(console.logIn("admin", WardenSpringBootTest.ADMIN_PASSWORD)).isEqualTo("/");
        String page = console.get("/settings/admin/workspace").body();
        assertThat(Html.section(page, "add-webhook-form")).contains("name=\"_csrf\"");
        assertThat(page).as("an SMTP host is configured here").doesNotContain("data-testid=\"mail-off\"");

        String refused = console.postForm(
                        "/settings/admin/workspace/webhooks", Map.of("url", "ftp://example.com/x"), false)
                .body();
        assertThat(Html.testid(refused, "webhook-url-error")).contains("url");
        assertThat(refused).contains("value=\"ftp://example.com/x\"");

        String path = "/console-" + TestData.unique("h");
        String issued = console.postForm(
                        "/settings/admin/workspace/webhooks",
                        List.of(Map.entry("url", receiver.url(path)), Map.entry("eventTypes", "token.revoked")),
                        false)
                .body();
        assertThat(issued).contains("data-testid=\"issued-dialog\"").contains("whsec_");
        String secret = Html.tagsWith(issued, "issued-token-value").get(0).get("value");
        assertThat(secret).startsWith("whsec_");
        String listed = console.get("/settings/admin/workspace").body();
        assertThat(listed).contains(receiver.url(path)).doesNotContain(secret);
        String id = null;
        for (JsonNode w : api.get("/api/2.0/webhooks", admin).json().get("webhooks")) {
            if (w.get("url").asString().equals(receiver.url(path))) {
                id = w.get("id").asString();
            }
        }
        assertThat(id).isNotNull();

        String tested = console.postForm("/settings/admin/workspace/webhooks/" + id + "/test", Map.of(), false)
                .body();
        assertThat(Html.testid(tested, "webhook-test-result")).contains("Test delivered: HTTP 200");
        assertThat(types(receiver.at(path))).containsExactly("webhook.test");

        String log = console.get("/settings/admin/workspace/webhooks/" + id + "/deliveries")
                .body();
        assertThat(Html.all(log, "delivery-status")).containsExactly("SUCCEEDED");
        assertThat(log).contains("webhook.test").doesNotContain("intranet page");

        String rotated = console.postForm(
                        "/settings/admin/workspace/webhooks/" + id + "/rotate-secret", Map.of(), false)
                .body();
        String newSecret = Html.tagsWith(rotated, "issued-token-value").get(0).get("value");
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(console.get("/settings/admin/workspace").body()).doesNotContain(newSecret);

        console.postForm("/settings/admin/workspace/webhooks/" + id + "/enabled", Map.of("enabled", "false"), false);
        assertThat(api.get("/api/2.0/webhooks/" + id, admin)
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isFalse();
        console.postForm("/settings/admin/workspace/webhooks/" + id + "/delete", Map.of(), false);
        assertThat(api.get("/api/2.0/webhooks/" + id, admin).status()).isEqualTo(404);
    }

    private HttpResponse<String> reportLeak(String text) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/2.0/token/report-leak"))
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("X-Forwarded-For", "198.51.200." + (1 + (int) (Math.random() * 250)))
                .POST(HttpRequest.BodyPublishers.ofString(text))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String to(MimeMessage message) {
        try {
            return message.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString();
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
