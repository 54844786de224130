package dev.warden.web.token;

import static dev.warden.web.support.Html.all;
import static dev.warden.web.support.Html.tagsWith;
import static dev.warden.web.support.Html.testid;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleService;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenService;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Token lists over real HTTP (issue 16, items 8–11): suspended tokens and dead scopes shown in every list, the
 * inventory's Suspended filter, paging with a total and Previous, the table reloading itself after a delete, the
 * workspace-admin removal that says which tokens stop and offers to keep them working, and the owner's own refusal
 * in the second person.
 */
@WardenSpringBootTest
class TokenListsConsoleIT {
    private static final String INVENTORY = "/settings/admin/tokens";
    private static final String OWN = "/settings/user/tokens";
    private static final Pattern HREF = Pattern.compile("<a href=\"([^\"]+)\"[^>]*data-testid=\"%s\"");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    RoleService roles;

    @Autowired
    TokenService tokens;

    @Autowired
    TokenUsageService tokenUsage;

    TestData testData;
    ConsoleSession console;
    ApiClient api;

    @BeforeEach
    void logIn() {
        testData = TestData.of(context);
        console = new ConsoleSession(port);
        api = new ApiClient(port);
        assertThat(console.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
    }

    @Test
    void theInventoryFiltersSuspendedTokensAndSaysWhyInTheRow() {
        Principal lost = testData.user(TestData.unique("inv-lost"));
        String suspended = TestData.unique("inv-suspended");
        testData.usableToken(lost, suspended);
        testData.revokeTokenUsage(lost);
        Principal kept = testData.user(TestData.unique("inv-working"));
        String working = TestData.unique("inv-working-token");
        testData.usableToken(kept, working);

        String page = console.get(INVENTORY + "?status=SUSPENDED&size=200").body();

        assertThat(page).contains("<option value=\"SUSPENDED\" selected=\"selected\">Suspended</option>");
        assertThat(page).contains(suspended).doesNotContain(working);
        String row = rowOf(page, suspended);
        assertThat(testid(row, "token-status")).isEqualTo("Suspended");
        assertThat(testid(row, "token-status-why")).isEqualTo("no token usage permission");
        assertThat(all(page, "token-status")).containsOnly("Suspended");
        assertThat(testid(page, "page-total")).startsWith("Tokens 1–");

        String active = console.get(INVENTORY + "?status=ACTIVE&size=200").body();
        assertThat(testid(rowOf(active, working), "token-status")).isEqualTo("Active");
    }

    @Test
    void inventoryPagesSayTheTotalAndGoBack() {
        Principal owner = testData.user(TestData.unique("inv-paged"));
        for (int i = 0; i < 3; i++) {
            testData.usableToken(owner, TestData.unique("inv-paged-" + i));
        }
        String first = console.get(INVENTORY + "?owner_id=" + owner.id().value() + "&size=2")
                .body();
        assertThat(testid(first, "page-total")).isEqualTo("1–2 of 3 tokens");
        assertThat(first).doesNotContain("data-testid=\"previous-page\"");
        List<String> firstIds = ids(first);

        String second = console.get(link(first, "next-page")).body();
        assertThat(testid(second, "page-total")).isEqualTo("3–3 of 3 tokens");
        assertThat(second).doesNotContain("data-testid=\"next-page\"");

        String back = console.get(link(second, "previous-page")).body();
        assertThat(ids(back)).isEqualTo(firstIds);
        assertThat(testid(back, "page-total")).isEqualTo("1–2 of 3 tokens");
    }

    @Test
    void theOwnListPagesWithATotalAndPrevious() {
        String password = "secret-password-1";
        Principal owner = testData.consoleUser(TestData.unique("own-paged"), password);
        testData.grantTokenUsage(owner);
        for (int i = 0; i < UserTokensController.PAGE_SIZE + 2; i++) {
            tokens.create(Actor.of(owner, "127.0.0.1"), new CreateTokenCommand("paged " + i, null, null));
        }
        ConsoleSession session = new ConsoleSession(port);
        session.logIn(owner.userName(), password);

        String first = session.get(OWN).body();
        assertThat(testid(first, "page-total")).isEqualTo("1–25 of 27 tokens");
        assertThat(all(first, "token-name")).hasSize(UserTokensController.PAGE_SIZE);
        assertThat(first).doesNotContain("data-testid=\"previous-page\"");

        String second = session.get(link(first, "next-page")).body();
        assertThat(testid(second, "page-total")).isEqualTo("26–27 of 27 tokens");
        assertThat(all(second, "token-name")).hasSize(2);
        assertThat(link(second, "previous-page")).isEqualTo(OWN + "?page=1");
        assertThat(session.get(OWN + "?page=99").body()).contains("26–27 of 27 tokens");
    }

    @Test
    void deletingARowReloadsTheTableSoTheLastDeletionShowsTheEmptyState() {
        String password = "secret-password-1";
        Principal owner = testData.consoleUser(TestData.unique("own-last"), password);
        testData.grantTokenUsage(owner);
        String id = tokens.create(Actor.of(owner, "127.0.0.1"), new CreateTokenCommand("only one", null, null))
                .token()
                .id()
                .value();
        ConsoleSession session = new ConsoleSession(port);
        session.logIn(owner.userName(), password);

        HttpResponse<String> deleted = session.htmx("DELETE", OWN + "/" + id);

        assertThat(deleted.headers().firstValue("HX-Trigger")).hasValue("tokens-changed");
        String table = session.getHtmx(OWN + "?page=1").body();
        assertThat(table).contains("data-testid=\"no-tokens\"").doesNotContain("data-testid=\"token-row\"");

        Principal other = testData.user(TestData.unique("inv-last"));
        testData.usableToken(other, "to delete");
        String row = console.get(INVENTORY + "?owner_id=" + other.id().value()).body();
        HttpResponse<String> gone = console.htmx("DELETE", INVENTORY + "/" + ids(row).get(0));
        assertThat(gone.headers().firstValue("HX-Trigger")).hasValue("inventory-changed");
        assertThat(row).contains("hx-trigger=\"inventory-changed from:body\"");
    }

    @Test
    void aDeadScopeIsStruckInTheListsAndTheOwnersPageAndSaysSinceWhen() {
        String password = "secret-password-1";
        Principal owner = testData.consoleUser(TestData.unique("own-dead-list"), password);
        testData.grantTokenUsage(owner);
        Role role = testData.customRole(
                TestData.unique("dead-list-role"), Permission.SETTINGS_READ, Permission.TOKENS_READ);
        testData.assign(role, owner, null);
        String name = TestData.unique("dead-list");
        tokens.create(
                Actor.of(owner, "127.0.0.1"),
                new CreateTokenCommand(name, null, List.of("settings:read", "tokens:read")));
        roles.update(testData.admin(), role.id(), null, null, Set.of(Permission.TOKENS_READ));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        ConsoleSession session = new ConsoleSession(port);
        session.logIn(owner.userName(), password);

        for (String page : List.of(
                session.get(OWN).body(),
                console.get(INVENTORY + "?owner_id=" + owner.id().value()).body(),
                console.get("/settings/admin/users/" + owner.id().value()).body())) {
            String row = rowOf(page, name);
            assertThat(tagsWith(row, "scope-chip"))
                    .extracting(chip -> chip.get("data-dead"))
                    .containsExactly("true", null);
            assertThat(all(row, "dead-scope-note")).containsExactly("(removed on " + today + ")");
        }
    }

    @Test
    void removingTheWorkspaceAdminRoleSaysWhichTokensStopAndCanKeepThemWorking() {
        Principal carol = testData.user(TestData.unique("admin-carol"), BuiltInRole.USER);
        RoleAssignment admin = testData.assign(testData.builtIn(BuiltInRole.WORKSPACE_ADMIN), carol, null);
        String first = testData.token(carol);
        testData.token(carol);
        testData.revokeTokenUsage(carol);
        assertThat(api.get("/api/2.0/token/list", first).status()).isEqualTo(200);
        long roleId = testData.builtIn(BuiltInRole.WORKSPACE_ADMIN).id().value();
        String holders = "/settings/admin/roles/" + roleId;

        String page = console.get(holders).body();
        assertThat(page)
                .contains("hx-get=\"" + holders + "/assignments/" + admin.id().value() + "/removal\"");
        String dialog = console.getHtmx(holders + "/assignments/" + admin.id().value() + "/removal")
                .body();

        assertThat(dialog).contains("data-testid=\"role-removal-dialog\"").contains("data-tokens=\"2\"");
        assertThat(testid(dialog, "removal-impact"))
                .contains(
                        carol.userName() + " is not on the token usage list: 2 tokens (2 personal) will stop working");
        assertThat(testid(dialog, "keep-token-usage-label"))
                .isEqualTo("Also add " + carol.userName() + " to the token usage list, so these tokens keep working");

        HttpResponse<String> removed =
                console.htmx("DELETE", holders + "/assignments/" + admin.id().value() + "?keepTokenUsage=true");

        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(removed.body()).doesNotContain(carol.userName());
        assertThat(roles.holders(
                        testData.admin(),
                        testData.builtIn(BuiltInRole.WORKSPACE_ADMIN).id()))
                .noneMatch(a -> carol.id().equals(a.principal()));
        assertThat(tokenUsage.entries(testData.admin()))
                .anyMatch(e -> carol.id().equals(e.principal()));
        assertThat(api.get("/api/2.0/token/list", first).status()).isEqualTo(200);
    }

    @Test
    void removingTheWorkspaceAdminRoleWithoutTheWayOutSuspendsTheTokens() {
        Principal dan = testData.user(TestData.unique("admin-dan"), BuiltInRole.USER);
        RoleAssignment admin = testData.assign(testData.builtIn(BuiltInRole.WORKSPACE_ADMIN), dan, null);
        String token = testData.token(dan);
        testData.revokeTokenUsage(dan);
        long roleId = testData.builtIn(BuiltInRole.WORKSPACE_ADMIN).id().value();

        console.htmx(
                "DELETE",
                "/settings/admin/roles/" + roleId + "/assignments/" + admin.id().value());

        assertThat(api.get("/api/2.0/token/list", token).reason()).isEqualTo("NO_TOKEN_USAGE_PERMISSION");
        String page = console.get(
                        INVENTORY + "?status=SUSPENDED&owner_id=" + dan.id().value())
                .body();
        assertThat(all(page, "token-status")).containsExactly("Suspended");
    }

    @Test
    void theOwnListSaysYouWhenTokensAreRefused() {
        String password = "secret-password-1";
        Principal owner = testData.consoleUser(TestData.unique("own-refused"), password);
        testData.grantTokenUsage(owner);
        tokens.create(Actor.of(owner, "127.0.0.1"), new CreateTokenCommand("kept but stopped", null, null));
        testData.revokeTokenUsage(owner);
        ConsoleSession session = new ConsoleSession(port);
        session.logIn(owner.userName(), password);

        String page = session.get(OWN).body();

        assertThat(testid(page, "refusal-message"))
                .startsWith("You do not have permission to use tokens: no entry in the token usage list names you or"
                        + " one of your groups")
                .doesNotContain(owner.userName());
        String row = rowOf(page, "kept but stopped");
        assertThat(testid(row, "token-status")).isEqualTo("Suspended");
        assertThat(testid(row, "token-status-why")).isEqualTo("no token usage permission");
    }

    @Test
    void theExpiryControlTakesAPresetOrADateInThePersonalAndTheOrganisationDialog() {
        String password = "secret-password-1";
        Principal owner = testData.consoleUser(TestData.unique("own-expiry"), password);
        testData.grantTokenUsage(owner);
        ConsoleSession session = new ConsoleSession(port);
        session.logIn(owner.userName(), password);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        String dialog = session.getHtmx(OWN + "/new").body();
        assertThat(tagsWith(dialog, "expiry-control")).hasSize(1);
        assertThat(tagsWith(dialog, "expires-in-90").get(0)).containsEntry("checked", "checked");

        session.postForm(OWN, Map.of("name", "in a week", "expiresIn", "7", "scopes", "tokens:read"), true);
        session.postForm(
                OWN,
                Map.of(
                        "name",
                        "on a date",
                        "expiresIn",
                        "date",
                        "expirationDate",
                        today.plusDays(12).toString(),
                        "scopes",
                        "tokens:read"),
                true);
        String list = session.get(OWN).body();
        assertThat(testid(rowOf(list, "in a week"), "token-expires"))
                .startsWith(today.plusDays(7).toString());
        assertThat(testid(rowOf(list, "on a date"), "token-expires"))
                .startsWith(today.plusDays(12).toString());

        String refused = session.postForm(
                        OWN, Map.of("name", "never", "expiresIn", "never", "scopes", "tokens:read"), true)
                .body();
        assertThat(testid(refused, "error-lifetimeDays"))
                .isEqualTo("Choose 7, 30 or 90 days, or a date, for the token to expire.");

        String organisation =
                console.getHtmx("/settings/admin/tokens/organisation/new").body();
        assertThat(tagsWith(organisation, "expiry-control")).hasSize(1);
        assertThat(tagsWith(organisation, "expires-in-7")).hasSize(1);
        String created = console.postForm(
                        "/settings/admin/tokens/organisation",
                        Map.of(
                                "name",
                                TestData.unique("org-expiry"),
                                "expiresIn",
                                "30",
                                "scopes",
                                "tokens:read",
                                "role",
                                "user"),
                        true)
                .body();
        assertThat(created).contains("Expires " + today.plusDays(30));
    }

    private static List<String> ids(String html) {
        return tagsWith(html, "inventory-row").stream()
                .map(a -> a.get("data-token-id"))
                .toList();
    }

    private static String link(String html, String testid) {
        Matcher m = Pattern.compile(String.format(HREF.pattern(), testid)).matcher(html);
        assertThat(m.find()).as(testid).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    /** The row ({@code <tr>…</tr>}) that names this token (in the table: the Expiring soon banner may name it too). */
    private static String rowOf(String html, String name) {
        int at = html.indexOf(">" + name + "<", Math.max(0, html.indexOf("<tbody")));
        assertThat(at).as(name + " in the list").isNotNegative();
        int start = html.lastIndexOf("<tr", at);
        return html.substring(start, html.indexOf("</tr>", at) + 5);
    }
}
