package dev.warden.web.token;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenFormat;
import dev.warden.core.token.TokenService;
import dev.warden.core.token.TokenUseRecorder;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Settings → Admin Console → Access tokens over real HTTP: every token of the workspace with its owner and
 * status, filters, keyset paging, revoke from the list, and the 403 page for a plain user.
 */
@WardenSpringBootTest
class TokenInventoryConsoleIT {
    private static final String PAGE = "/settings/admin/tokens";
    private static final Pattern TOKEN_ID = Pattern.compile("data-token-id=\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("<a href=\"([^\"]+)\"[^>]*data-testid=\"next-page\"");
    private static final Pattern PREVIOUS = Pattern.compile("<a href=\"([^\"]+)\"[^>]*data-testid=\"previous-page\"");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    TestData testData;
    ConsoleSession console;

    @BeforeEach
    void logIn() {
        testData = TestData.of(context);
        console = new ConsoleSession(port);
        assertThat(console.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
    }

    @Test
    void listsOtherUsersTokensWithOwnerKindAndStatus() {
        Principal owner = testData.consoleUser(TestData.unique("inv-owner"), "secret-password-1");
        String name = TestData.unique("inv-token");
        testData.usableToken(owner, name);

        // filtered by its owner: other tests' tokens may sort before it (contexts with other clocks share the data)
        HttpResponse<String> page = console.get(PAGE + "?owner_id=" + owner.id().value());

        assertThat(page.statusCode()).isEqualTo(200);
        String row = rowOf(page.body(), name);
        assertThat(row)
                .contains(owner.userName())
                .contains("href=\"/settings/admin/users/" + owner.id().value() + "\"")
                .contains("data-testid=\"token-kind\">Personal<")
                .contains("data-testid=\"token-status\">Active<")
                .contains("data-testid=\"revoke-token\"");
        assertThat(page.body()).contains("data-testid=\"token-filter-form\"").contains("aria-current=\"page\"");

        HttpResponse<String> fragment = console.getHtmx(PAGE + "?kind=PERSONAL");
        assertThat(fragment.body())
                .doesNotContain("<html")
                .contains("data-testid=\"token-inventory\"")
                .contains(name);
    }

    @Test
    void filtersByStatus() {
        Principal owner = testData.consoleUser(TestData.unique("inv-status"), "secret-password-1");
        String kept = TestData.unique("inv-kept");
        String revoked = TestData.unique("inv-revoked");
        testData.usableToken(owner, kept);
        testData.usableToken(owner, revoked);
        String revokedId = idOf(console.get(PAGE).body(), revoked);
        assertThat(console.htmx("POST", PAGE + "/" + revokedId + "/revoke").statusCode())
                .isEqualTo(200);

        String onlyRevoked = console.get(PAGE + "?status=REVOKED&size=200").body();
        String onlyActive = console.get(PAGE + "?status=ACTIVE&size=200").body();

        assertThat(onlyRevoked).contains(revoked).doesNotContain(kept);
        assertThat(onlyActive).contains(kept).doesNotContain(revoked);
        assertThat(console.get(PAGE + "?status=bogus").statusCode()).isEqualTo(400);
    }

    @Test
    void pagingWithASmallPageWalksEveryTokenOnce() {
        Principal owner = testData.consoleUser(TestData.unique("inv-pages"), "secret-password-1");
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = TestData.unique("inv-page-" + i);
            testData.usableToken(owner, name);
            mine.add(name);
        }
        List<String> all = walk(PAGE + "?size=200");

        List<String> walked = walk(PAGE + "?size=2");

        assertThat(walked).doesNotHaveDuplicates().hasSameSizeAs(all).containsExactlyElementsOf(all);
        String first = console.get(PAGE + "?size=2").body();
        String newest = console.get(PAGE + "?size=200").body();
        for (String name : mine) {
            assertThat(walked).contains(idOf(newest, name));
        }
        assertThat(first).contains("data-testid=\"next-page\"").doesNotContain("data-testid=\"first-page\"");
        Matcher next = NEXT.matcher(first);
        assertThat(next.find()).isTrue();
        assertThat(console.get(next.group(1).replace("&amp;", "&")).body()).contains("data-testid=\"first-page\"");
    }

    @Test
    void revokeFromTheListChangesTheRowAndTheApiAnswersTokenRevoked() {
        Principal owner = testData.consoleUser(TestData.unique("inv-revoke"), "secret-password-1");
        String name = TestData.unique("inv-victim");
        String secret = testData.usableToken(owner, name);
        String id = idOf(console.get(PAGE).body(), name);
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/api/2.0/token/list", secret).status()).isEqualTo(200);

        HttpResponse<String> row = console.htmx("POST", PAGE + "/" + id + "/revoke");

        assertThat(row.statusCode()).isEqualTo(200);
        assertThat(row.body())
                .doesNotContain("<html")
                .contains("data-token-id=\"" + id + "\"")
                .contains("data-testid=\"token-status\">Revoked<")
                .contains("data-testid=\"restore-token\"")
                .doesNotContain("data-testid=\"revoke-token\"");
        ApiClient.Response refused = api.get("/api/2.0/token/list", secret);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.reason()).isEqualTo("TOKEN_REVOKED");

        HttpResponse<String> restored = console.htmx("POST", PAGE + "/" + id + "/restore");
        assertThat(restored.body()).contains("data-testid=\"token-status\">Active<");
        assertThat(api.get("/api/2.0/token/list", secret).status()).isEqualTo(200);

        HttpResponse<String> deleted = console.htmx("DELETE", PAGE + "/" + id);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEmpty();
        assertThat(console.get(PAGE).body()).doesNotContain(name);
    }

    @Test
    void walkingFurtherThanPreviousRemembersKeepsTheLinksShortAndTheCountRight() {
        Principal owner = testData.consoleUser(TestData.unique("inv-long-walk"), "secret-password-1");
        for (int i = 0; i < 26; i++) {
            testData.usableToken(owner, TestData.unique("inv-walk-" + i));
        }
        String path = PAGE + "?owner_id=" + owner.id().value() + "&size=1";
        String body = null;
        for (int page = 1; page <= 26; page++) {
            HttpResponse<String> answer = console.get(path);
            assertThat(answer.statusCode()).as("page " + page).isEqualTo(200);
            body = answer.body();
            assertThat(testid(body, "page-total")).isEqualTo(page + "–" + page + " of 26 tokens");
            Matcher next = NEXT.matcher(body);
            path = next.find() ? next.group(1).replace("&amp;", "&") : null;
            if (path != null) {
                assertThat(path.length()).as("link to page " + (page + 1)).isLessThan(2_000);
            }
        }
        assertThat(path).as("no page after the 26th").isNull();
        Matcher previous = PREVIOUS.matcher(body);
        assertThat(previous.find()).isTrue();
        assertThat(testid(console.get(previous.group(1).replace("&amp;", "&")).body(), "page-total"))
                .isEqualTo("25–25 of 26 tokens");
    }

    private static String testid(String html, String testid) {
        Matcher value =
                Pattern.compile("data-testid=\"" + testid + "\">([^<]*)<").matcher(html);
        assertThat(value.find()).as(testid).isTrue();
        return value.group(1);
    }

    @Test
    void aPlainUserGetsTheForbiddenPage() {
        String userName = TestData.unique("inv-plain");
        testData.consoleUser(userName, "secret-password-1");
        ConsoleSession plain = new ConsoleSession(port);
        assertThat(plain.logIn(userName, "secret-password-1")).isEqualTo("/");

        HttpResponse<String> page = plain.get(PAGE);

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body())
                .doesNotContain("data-testid=\"token-inventory\"")
                .doesNotContain("Exception");
    }

    private List<String> walk(String start) {
        List<String> ids = new ArrayList<>();
        String path = start;
        for (int pages = 0; path != null && pages < 10_000; pages++) {
            String body = console.get(path).body();
            Matcher id = TOKEN_ID.matcher(body);
            while (id.find()) {
                ids.add(id.group(1));
            }
            Matcher next = NEXT.matcher(body);
            path = next.find() ? next.group(1).replace("&amp;", "&") : null;
        }
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        return ids;
    }

    private static String rowOf(String html, String name) {
        int at = html.indexOf(">" + name + "<");
        assertThat(at).as("row of " + name).isPositive();
        int start = html.lastIndexOf("<tr", at);
        return html.substring(start, html.indexOf("</tr>", at));
    }

    private static String idOf(String html, String name) {
        Matcher id = TOKEN_ID.matcher(rowOf(html, name));
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    // Sorting and the owner filter (issue 5: inventory and bulk action)

    private static final Pattern NAME = Pattern.compile("data-testid=\"token-name\"[^>]*>([^<]*)<");
    private static final Pattern EXPIRES = Pattern.compile("data-testid=\"token-expires\">([^<]*)<");
    private static final List<String> SORTS =
            List.of("newest", "oldest", "expiring_soonest", "least_recently_used", "most_recently_used");

    @Autowired
    TokenService tokenService;

    @Autowired
    TokenFormat tokenFormat;

    @Autowired
    TokenUseRecorder usage;

    @Autowired
    MutableClock clock;
    /** The secrets of the tokens {@link #token} made, by name. */
    private final Map<String, String> secrets = new HashMap<>();

    @Test
    void expiringSoonestPutsTheNearestExpiryFirstAndNeverExpiringTokensLast() {
        Principal owner = testData.consoleUser(TestData.unique("inv-expiry"), "secret-password-1");
        String late = token(owner, "inv-late", Duration.ofDays(30));
        String never = neverExpiring(owner, "inv-never");
        String soon = token(owner, "inv-soon", Duration.ofDays(2));
        String mid = token(owner, "inv-mid", Duration.ofDays(10));

        String mine = console.get(PAGE + "?owner_id=" + owner.id().value() + "&sort=expiring_soonest")
                .body();
        List<String> everything = walkValues(PAGE + "?sort=expiring_soonest&size=200", EXPIRES);

        assertThat(values(mine, NAME)).containsExactly(soon, mid, late, never);
        assertThat(values(mine, EXPIRES)).last().isEqualTo("never");
        assertThat(mine).contains("<option value=\"expiring_soonest\" selected=\"selected\">Expiring soonest</option>");
        List<String> dated = everything.stream().filter(e -> !e.equals("never")).toList();
        assertThat(everything.subList(0, dated.size()))
                .as("never-expiring tokens come last")
                .isEqualTo(dated);
        assertThat(dated).as("nearest expiry first").isSortedAccordingTo(String::compareTo);
        assertThat(everything).contains("never");
    }

    @Test
    void pagingUnderEachSortWalksEveryTokenOnceInTheSortsOrder() {
        Principal owner = testData.consoleUser(TestData.unique("inv-sorts"), "secret-password-1");
        String first = token(owner, "inv-used-first", Duration.ofDays(3));
        String unusedA = token(owner, "inv-unused-a", Duration.ofDays(20));
        String never = neverExpiring(owner, "inv-unused-never");
        String second = token(owner, "inv-used-second", Duration.ofDays(9));
        String unusedB = token(owner, "inv-unused-b", Duration.ofDays(1));
        use(first);
        clock.advance(Duration.ofMinutes(5));
        use(second);
        String mine = PAGE + "?owner_id=" + owner.id().value();

        for (String sort : SORTS) {
            List<String> onePage =
                    values(console.get(mine + "&sort=" + sort + "&size=200").body(), NAME);
            List<String> walked = walkValues(mine + "&sort=" + sort + "&size=1", NAME);
            assertThat(walked).as(sort).hasSize(5).doesNotHaveDuplicates().containsExactlyElementsOf(onePage);
        }
        List<String> leastRecent = walkValues(mine + "&sort=least_recently_used&size=2", NAME);
        assertThat(leastRecent.subList(0, 3)).as("never used first").containsExactlyInAnyOrder(unusedA, never, unusedB);
        assertThat(leastRecent.subList(3, 5)).containsExactly(first, second);
        List<String> mostRecent = walkValues(mine + "&sort=most_recently_used&size=2", NAME);
        assertThat(mostRecent.subList(0, 2)).containsExactly(second, first);
        assertThat(walkValues(mine + "&sort=expiring_soonest&size=2", NAME))
                .containsExactly(unusedB, first, second, unusedA, never);
        assertThat(walk(PAGE + "?sort=expiring_soonest&size=7"))
                .as("the whole workspace, 7 at a time")
                .containsExactlyElementsOf(walk(PAGE + "?sort=expiring_soonest&size=200"));
        String next = nextHref(console.get(mine + "&sort=oldest&size=2").body());
        assertThat(next).contains("owner_id=" + owner.id().value(), "sort=oldest", "page_token=");
        assertThat(console.get(next.replace("sort=oldest", "sort=newest")).statusCode())
                .as("a page token of one order is refused in another")
                .isEqualTo(400);
    }

    @Test
    void theOwnerFilterShowsOnlyThatOwnersTokensAndNamesTheOwner() {
        Principal alice = testData.consoleUser(TestData.unique("inv-alice"), "secret-password-1");
        Principal bob = testData.consoleUser(TestData.unique("inv-bob"), "secret-password-1");
        String alicesA = token(alice, "inv-alice-a", Duration.ofDays(5));
        String alicesB = token(alice, "inv-alice-b", Duration.ofDays(5));
        String alicesC = token(alice, "inv-alice-c", Duration.ofDays(5));
        String bobs = token(bob, "inv-bob-token", Duration.ofDays(5));
        String byAlice = PAGE + "?owner_id=" + alice.id().value();

        String page = console.get(byAlice).body();

        assertThat(values(page, NAME)).containsExactlyInAnyOrder(alicesA, alicesB, alicesC);
        assertThat(page)
                .contains("data-testid=\"owner-chosen\">" + alice.userName() + "<")
                .contains("<a href=\"/settings/admin/tokens\" hx-get=\"/settings/admin/tokens\"")
                .contains("name=\"owner_id\" form=\"token-filter-form\" value=\""
                        + alice.id().value() + "\"")
                .doesNotContain("data-testid=\"filter-owner\"");
        assertThat(nextHref(console.get(byAlice + "&size=2").body()))
                .contains("owner_id=" + alice.id().value());

        String unfiltered = console.get(PAGE).body();
        assertThat(unfiltered)
                .contains("data-testid=\"filter-owner\"", "hx-get=\"/settings/admin/pickers/assignees\"")
                .doesNotContain("data-testid=\"owner-chosen\"")
                .doesNotContain("hx-swap-oob");
        String options = console.getHtmx("/settings/admin/pickers/assignees?q=" + bob.userName())
                .body();
        assertThat(options)
                .contains("name=\"assignee\" value=\"principal:" + bob.id().value() + "\"");

        HttpResponse<String> picked = console.getHtmx(PAGE + "?status=&q=" + bob.userName() + "&assignee=principal:"
                + bob.id().value());

        assertThat(picked.statusCode()).isEqualTo(200);
        assertThat(values(picked.body(), NAME)).containsExactly(bobs);
        assertThat(picked.body())
                .doesNotContain("<html")
                .contains("id=\"owner-filter\"", "hx-swap-oob=\"true\"")
                .contains("data-testid=\"owner-chosen\">" + bob.userName() + "<");
        assertThat(picked.headers().firstValue("HX-Push-Url"))
                .hasValue(PAGE + "?owner_id=" + bob.id().value());
        assertThat(console.get(PAGE + "?assignee=group:1").statusCode()).isEqualTo(400);
        assertThat(console.get(PAGE + "?owner_id=someone").statusCode()).isEqualTo(400);
    }

    private String token(Principal owner, String prefix, Duration lifetime) {
        testData.grantTokenUsage(owner);
        String name = TestData.unique(prefix);
        secrets.put(
                name,
                tokenService
                        .create(Actor.of(owner, "127.0.0.1"), new CreateTokenCommand(name, lifetime, null))
                        .secret()
                        .reveal());
        return name;
    }

    private String neverExpiring(Principal owner, String prefix) {
        String name = TestData.unique(prefix);
        tokenService.importValue(owner, tokenFormat.generate(new SecureRandom()).reveal(), name);
        return name;
    }

    /** Uses the token of this name once, now, and writes its last use. */
    private void use(String name) {
        ApiClient.Response used = new ApiClient(port).get("/api/2.0/token/list", secrets.get(name));
        assertThat(used.status()).as(used.toString()).isEqualTo(200);
        usage.flushAll();
    }

    private List<String> walkValues(String start, Pattern value) {
        List<String> found = new ArrayList<>();
        String path = start;
        for (int pages = 0; path != null && pages < 10_000; pages++) {
            String body = console.get(path).body();
            found.addAll(values(body, value));
            path = nextHref(body);
        }
        return found;
    }

    private static List<String> values(String html, Pattern value) {
        List<String> found = new ArrayList<>();
        Matcher m = value.matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String nextHref(String html) {
        Matcher next = NEXT.matcher(html);
        return next.find() ? next.group(1).replace("&amp;", "&") : null;
    }

    @Test
    void aTokenWhoseOwnerIsDeactivatedShowsAsSuspendedWithTheReasonAndCanStillBeRevoked() {
        Principal owner = testData.consoleUser(TestData.unique("inv-suspended"), "secret-password-1");
        String name = TestData.unique("inv-suspended");
        testData.usableToken(owner, name);
        context.getBean(DirectoryService.class).setActive(testData.admin(), PrincipalKind.USER, owner.id(), false);

        String row = rowOf(console.get(PAGE + "?size=200").body(), name);

        assertThat(row)
                .contains("data-testid=\"token-status\">Suspended<")
                .contains("status-suspended")
                .contains("data-testid=\"token-status-reason\"")
                .contains("is deactivated, so its tokens are suspended")
                .contains("data-testid=\"revoke-token\"");

        context.getBean(DirectoryService.class).setActive(testData.admin(), PrincipalKind.USER, owner.id(), true);

        assertThat(rowOf(console.get(PAGE + "?size=200").body(), name))
                .contains("data-testid=\"token-status\">Active<")
                .doesNotContain("token-status-reason");
    }
}
