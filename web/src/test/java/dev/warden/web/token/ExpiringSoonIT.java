package dev.warden.web.token;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.notice.NoticeRepository;
import dev.warden.core.notice.NoticeSettings;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenRepository;
import dev.warden.core.token.Tokens;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.Html;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * "Expiring soon" over real HTTP: the banner on the owner's token list and the warning on the token's page, the
 * inventory filter in the console and the API (a bad value is a 400 naming the field), and the counts on the Access
 * tokens tab, each linking to the filtered inventory. Soon is the workspace's longest notice lead time, 7 days with
 * notices off; only active tokens count, never an OAuth access token.
 */
@WardenSpringBootTest
class ExpiringSoonIT {
    private static final String INVENTORY = "/settings/admin/tokens";
    private static final String API = "/api/2.0/token-management/tokens";
    private static final String PASSWORD = "secret-password-1";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    TokenRepository tokens;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    NoticeRepository notices;

    @Autowired
    MutableClock clock;

    TestData data;

    @BeforeEach
    void defaults() {
        data = TestData.of(context);
        notices.saveSettings(data.main().id(), NoticeSettings.DEFAULTS);
    }

    @Test
    void theOwnersListWarnsOfTheTokensThatExpireWithinTheLongestLeadTime() {
        Principal owner = data.consoleUser(TestData.unique("soon-owner"), PASSWORD);
        AccessToken inFive = add(owner, "deploy bot", TokenKind.PERSONAL, Duration.ofDays(5));
        AccessToken inTwenty = add(owner, "nightly", TokenKind.PERSONAL, Duration.ofDays(20));
        add(owner, "quarterly", TokenKind.PERSONAL, Duration.ofDays(60));
        tokens.add(Tokens.aToken()
                .inWorkspace(data.main().id())
                .ownedBy(owner.id())
                .createdBy(owner.id())
                .comment("revoked one")
                .createdAt(clock.instant().minus(Duration.ofDays(1)))
                .expiringAt(clock.instant().plus(Duration.ofDays(3)))
                .revokedAt(clock.instant().minusSeconds(60), owner.id())
                .build());
        ConsoleSession console = signedIn(owner);

        String page = console.get("/settings/user/tokens").body();

        assertThat(Html.testid(page, "expiring-soon-headline")).isEqualTo("2 of your tokens expire within 30 days");
        assertThat(Html.tagsWith(page, "expiring-soon-token"))
                .extracting(tag -> tag.get("data-token-id"))
                .as("soonest first; not the later one, nor the revoked one")
                .containsExactly(inFive.id().value(), inTwenty.id().value());
        assertThat(Html.all(page, "expiring-soon-token").get(0))
                .as("no rotate: this owner may not use tokens now, so may not rotate them either")
                .isEqualTo("deploy bot expires in 5 days — create a new one");
        assertThat(Html.section(page, "expiring-soon-banner"))
                .contains("href=\"/settings/user/tokens/" + inFive.id().value() + "\"");

        // the window follows the longest lead time, and is 7 days once notices are off
        notices.saveSettings(data.main().id(), new NoticeSettings(List.of(14, 2), List.of()));
        assertThat(Html.testid(console.get("/settings/user/tokens").body(), "expiring-soon-headline"))
                .isEqualTo("1 of your tokens expires within 14 days");
        notices.saveSettings(data.main().id(), new NoticeSettings(List.of(), List.of()));
        assertThat(Html.testid(console.get("/settings/user/tokens").body(), "expiring-soon-headline"))
                .isEqualTo("1 of your tokens expires within 7 days");
        notices.saveSettings(data.main().id(), new NoticeSettings(List.of(1), List.of()));
        assertThat(console.get("/settings/user/tokens").body())
                .as("nothing within a day: no banner")
                .doesNotContain("data-testid=\"expiring-soon-banner\"");
    }

    @Test
    void theTokensPageSaysWhenItExpiresAndWhatToDo() {
        Principal owner = data.consoleUser(TestData.unique("soon-page"), PASSWORD);
        data.grantTokenUsage(owner); // so that the owner may rotate it
        AccessToken soon = add(owner, "ci", TokenKind.PERSONAL, Duration.ofDays(5));
        AccessToken later = add(owner, "later", TokenKind.PERSONAL, Duration.ofDays(45));
        ConsoleSession console = signedIn(owner);

        String page = console.get("/settings/user/tokens/" + soon.id().value()).body();

        assertThat(Html.testid(page, "token-expiring-soon"))
                .isEqualTo("This token expires in 5 days — rotate it or create a new one .");
        assertThat(Html.section(page, "token-expiring-soon"))
                .contains("href=\"/settings/user/tokens/" + soon.id().value() + "/rotate\"");
        assertThat(console.get("/settings/user/tokens/" + later.id().value()).body())
                .doesNotContain("data-testid=\"token-expiring-soon\"");
    }

    @Test
    void theInventoryFiltersTheTokensThatExpireSoon() {
        Principal owner = data.consoleUser(TestData.unique("soon-inv"), PASSWORD);
        Principal robot = data.servicePrincipal(TestData.unique("soon-robot"));
        AccessToken soon = add(owner, "soon", TokenKind.PERSONAL, Duration.ofDays(5));
        add(owner, "later", TokenKind.PERSONAL, Duration.ofDays(45));
        AccessToken soonForRobot = add(robot, "robot soon", TokenKind.ON_BEHALF_OF, Duration.ofDays(29));
        AccessToken oauth = add(robot, "oauth", TokenKind.OAUTH, Duration.ofMinutes(30));
        ConsoleSession admin = signedInAsAdmin();

        String page = admin.get(
                        INVENTORY + "?expiring_soon=true&owner_id=" + owner.id().value())
                .body();

        assertThat(rowIds(page)).containsExactly(soon.id().value());
        assertThat(Html.tagsWith(page, "filter-expiring-soon").get(0)).containsKey("checked");
        assertThat(Html.testid(page, "page-total")).isEqualTo("1–1 of 1 token");
        assertThat(rowIds(admin.get(INVENTORY + "?expiring_soon=true&owner_id="
                                + robot.id().value())
                        .body()))
                .as("an OAuth access token lives an hour: never expiring soon")
                .containsExactly(soonForRobot.id().value());
        assertThat(rowIds(admin.get(
                                INVENTORY + "?kind=OAUTH&owner_id=" + robot.id().value())
                        .body()))
                .containsExactly(oauth.id().value());
        String fragment = admin.getHtmx(
                        INVENTORY + "?expiring_soon=true&owner_id=" + owner.id().value())
                .body();
        assertThat(fragment).doesNotContain("<html").contains(soon.id().value());

        assertThat(admin.get(INVENTORY + "?expiring_soon=maybe").statusCode()).isEqualTo(400);
        assertThat(admin.get(INVENTORY + "?expiring_soon=true&status=REVOKED").statusCode())
                .isEqualTo(400);
    }

    @Test
    void theAccessTokensTabCountsEachStateAndLinksToTheFilteredInventory() {
        ConsoleSession admin = signedInAsAdmin();
        Map<String, Long> before = counts(admin.get(INVENTORY).body());
        Principal owner = data.consoleUser(TestData.unique("soon-count"), PASSWORD);
        Principal robot = data.servicePrincipal(TestData.unique("soon-count-robot"));
        data.grantTokenUsage(owner); // so that only the deactivated user's token is suspended
        data.grantTokenUsage(robot);
        add(owner, "soon", TokenKind.PERSONAL, Duration.ofDays(5));
        AccessToken later = add(owner, "later", TokenKind.PERSONAL, Duration.ofDays(45));
        add(robot, "oauth", TokenKind.OAUTH, Duration.ofMinutes(30));
        tokens.add(base(owner, "revoked")
                .expiringAt(clock.instant().plus(Duration.ofDays(3)))
                .revokedAt(clock.instant().minusSeconds(60), owner.id())
                .build());
        tokens.add(base(owner, "expired")
                .expiringAt(clock.instant().minusSeconds(60))
                .build());
        Principal gone = data.consoleUser(TestData.unique("soon-gone"), PASSWORD);
        data.grantTokenUsage(gone);
        add(gone, "of a deactivated user", TokenKind.PERSONAL, Duration.ofDays(2));
        principals.save(gone.withActive(false));

        String page = admin.get(INVENTORY).body();
        Map<String, Long> after = counts(page);

        Map<String, Long> added = new LinkedHashMap<>();
        after.forEach((key, value) -> added.put(key, value - before.getOrDefault(key, 0L)));
        assertThat(added)
                .containsEntry("active", 4L) // soon, later, the OAuth token, the deactivated user's
                .containsEntry("expiring-soon", 2L) // soon and the deactivated user's (still active)
                .containsEntry("suspended", 1L)
                .containsEntry("revoked", 1L)
                .containsEntry("expired", 1L);
        assertThat(Html.testid(page, "count-expiring-soon")).endsWith("Expiring within 30 days");
        assertThat(Html.tagsWith(page, "count-expiring-soon").get(0).get("href"))
                .isEqualTo(INVENTORY + "?expiring_soon=true");
        assertThat(Html.tagsWith(page, "count-suspended").get(0).get("href"))
                .isEqualTo(INVENTORY + "?status=SUSPENDED");
        assertThat(Html.tagsWith(page, "count-revoked").get(0).get("href")).isEqualTo(INVENTORY + "?status=REVOKED");
        // a row's revoke tells the counts to reload, and they then count it as revoked
        java.net.http.HttpResponse<String> revoked =
                admin.htmx("POST", INVENTORY + "/" + later.id().value() + "/revoke");
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.headers().firstValue("HX-Trigger")).hasValue(TokenInventoryController.COUNTS_CHANGED);
        assertThat(page).contains("hx-trigger=\"token-counts-changed from:body");
        String reloaded = admin.getHtmx(INVENTORY + "/counts").body();
        assertThat(reloaded).doesNotContain("<html").contains("id=\"token-counts\"");
        Map<String, Long> afterRevoke = counts(reloaded);
        assertThat(afterRevoke.get("revoked")).isEqualTo(after.get("revoked") + 1);
        assertThat(afterRevoke.get("active")).isEqualTo(after.get("active") - 1);
        // the link's inventory holds as many tokens as the count says
        String linked = admin.get(INVENTORY + "?expiring_soon=true&size=1").body();
        assertThat(Html.testid(linked, "page-total"))
                .endsWith(
                        " of " + after.get("expiring-soon") + " token" + (after.get("expiring-soon") == 1 ? "" : "s"));
    }

    @Test
    void theApiFiltersTheTokensThatExpireSoon() {
        Principal owner = data.consoleUser(TestData.unique("soon-api"), PASSWORD);
        AccessToken soon = add(owner, "soon", TokenKind.PERSONAL, Duration.ofDays(5));
        add(owner, "later", TokenKind.PERSONAL, Duration.ofDays(45));
        ApiClient api = new ApiClient(port);
        String mine = API + "?owner_id=" + owner.id().value();

        assertThat(ids(api.get(mine + "&expiring_soon=true", ADMIN_TOKEN)))
                .containsExactly(soon.id().value());
        assertThat(ids(api.get(mine + "&expiring_soon=false", ADMIN_TOKEN))).hasSize(2);
        assertThat(ids(api.get(mine + "&expiring_soon=true&expiring_within_days=3", ADMIN_TOKEN)))
                .as("the shorter of the two")
                .isEmpty();
        assertThat(ids(api.get(mine + "&expiring_soon=true&status=ACTIVE", ADMIN_TOKEN)))
                .containsExactly(soon.id().value());
        notices.saveSettings(data.main().id(), new NoticeSettings(List.of(), List.of()));
        assertThat(ids(api.get(mine + "&expiring_soon=true", ADMIN_TOKEN)))
                .as("notices off: 7 days")
                .containsExactly(soon.id().value());
        notices.saveSettings(data.main().id(), new NoticeSettings(List.of(3), List.of()));
        assertThat(ids(api.get(mine + "&expiring_soon=true", ADMIN_TOKEN))).isEmpty();
    }

    @Test
    void aBulkRevokeOfTheTokensThatExpireSoonTakesExactlyThose() {
        Principal owner = data.consoleUser(TestData.unique("soon-bulk"), PASSWORD);
        AccessToken soon = add(owner, "soon", TokenKind.PERSONAL, Duration.ofDays(5));
        AccessToken later = add(owner, "later", TokenKind.PERSONAL, Duration.ofDays(45));
        ApiClient api = new ApiClient(port);
        String filters = "\"owner_id\": " + owner.id().value() + ", \"expiring_soon\": true";

        ApiClient.Response preview = api.post(API + "/bulk-revoke/preview", ADMIN_TOKEN, "{" + filters + "}");
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().path("token_count").asInt()).isEqualTo(1);
        ApiClient.Response revoked =
                api.post(API + "/bulk-revoke", ADMIN_TOKEN, "{" + filters + ", \"reason\": \"rotate before expiry\"}");
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("revoked_token_ids").get(0).asString())
                .isEqualTo(soon.id().value());
        assertThat(revoked.json().path("token_count").asInt()).isEqualTo(1);
        assertThat(ids(api.get(API + "?status=ACTIVE&owner_id=" + owner.id().value(), ADMIN_TOKEN)))
                .containsExactly(later.id().value());

        ApiClient.Response refused =
                api.post(API + "/bulk-revoke/preview", ADMIN_TOKEN, "{\"expiring_soon\": \"yes\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("message").asString()).contains("expiring_soon");
    }

    @ParameterizedTest
    @CsvSource({"expiring_soon=maybe", "expiring_soon=true&status=REVOKED", "expiring_soon=true&status=expired"})
    void aBadExpiringSoonIsABadRequestNamingIt(String query) {
        ApiClient.Response refused = new ApiClient(port).get(API + "?" + query, ADMIN_TOKEN);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(refused.json().path("message").asString()).contains("expiring_soon");
    }

    private Tokens.Builder base(Principal owner, String comment) {
        return Tokens.aToken()
                .inWorkspace(data.main().id())
                .ownedBy(owner.id())
                .createdBy(owner.id())
                .comment(comment)
                .createdAt(clock.instant().minus(Duration.ofDays(1)));
    }

    private AccessToken add(Principal owner, String comment, TokenKind kind, Duration left) {
        Tokens.Builder token = base(owner, comment).expiringAt(clock.instant().plus(left));
        token = kind == TokenKind.OAUTH ? token.ofOAuthSecret("soon-secret") : token.kind(kind);
        AccessToken built = token.build();
        tokens.add(built);
        return built;
    }

    private ConsoleSession signedIn(Principal user) {
        ConsoleSession console = new ConsoleSession(port);
        assertThat(console.logIn(user.userName(), PASSWORD)).isEqualTo("/");
        return console;
    }

    private ConsoleSession signedInAsAdmin() {
        ConsoleSession console = new ConsoleSession(port);
        assertThat(console.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
        return console;
    }

    private static List<String> rowIds(String html) {
        return Html.tagsWith(Html.section(html, "token-inventory"), "inventory-row").stream()
                .map(tag -> tag.get("data-token-id"))
                .toList();
    }

    /** The counts above the inventory, by their test id ("count-active" → "active"). */
    private static Map<String, Long> counts(String html) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String key : List.of("active", "expiring-soon", "suspended", "revoked", "expired")) {
            String text = Html.testid(html, "count-" + key);
            counts.put(key, Long.parseLong(text.substring(0, text.indexOf(' ')).replace(",", "")));
        }
        return counts;
    }

    private static List<String> ids(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json()
                .path("token_infos")
                .forEach(info -> ids.add(info.path("token_id").asString()));
        return ids;
    }
}
