package dev.warden.web.directory;

import static dev.warden.web.support.TestData.unique;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.token.TokenUseRecorder;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Settings → Admin Console → Users and Service principals over real HTTP, without a browser: create dialogs,
 * search and paging with the URL saying where you are, detail pages with roles and where they come from,
 * deactivation and deletion with what follows, and what a principal without the permissions gets.
 */
@WardenSpringBootTest
class DirectoryPagesConsoleIT {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    TestData testData;
    ConsoleSession console;
    ApiClient api;

    @BeforeEach
    void logIn() {
        testData = TestData.of(context);
        api = new ApiClient(port);
        console = new ConsoleSession(port);
        assertThat(console.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
    }

    @Test
    void theAdminConsoleOpensOnUsersWithTheDirectoryTabs() {
        HttpResponse<String> entry = console.get("/settings/admin");
        HttpResponse<String> users = console.get("/settings/admin/users");

        assertThat(entry.statusCode()).isEqualTo(302);
        assertThat(entry.headers().firstValue("Location").orElse("")).endsWith("/settings/admin/users");
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.body())
                .contains(
                        "data-testid=\"admin-tab-users\"",
                        "data-testid=\"admin-tab-groups\"",
                        "data-testid=\"admin-tab-service-principals\"",
                        "data-testid=\"admin-tab-roles\"",
                        "data-testid=\"admin-tab-workspace\"",
                        "data-testid=\"new-principal\"")
                .containsPattern("aria-current=\"page\"[^>]*data-testid=\"admin-tab-users\"");
    }

    @Test
    void aUserCreatedInTheDialogCanLogIn() {
        String name = unique("alice");

        HttpResponse<String> dialog = console.getHtmx("/settings/admin/users/new");
        HttpResponse<String> created = console.postForm(
                "/settings/admin/users",
                Map.of(
                        "userName",
                        name,
                        "displayName",
                        "Alice Example",
                        "email",
                        name + "@example.org",
                        "password",
                        "initial-pass-1"),
                true);

        assertThat(dialog.body())
                .contains(
                        "data-testid=\"create-principal-dialog\"",
                        "<label for=\"user-name-input\">",
                        "data-testid=\"password-input\"")
                .doesNotContain("<html");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("HX-Trigger").orElse("")).contains("principals-changed");
        assertThat(created.body())
                .contains("data-testid=\"created-principal-dialog\"", name)
                .doesNotContain("initial-pass-1");
        assertThat(console.get("/settings/admin/users?q=" + name).body())
                .contains("Alice Example", name + "@example.org", "1–1 of 1");
        assertThat(new ConsoleSession(port).logIn(name, "initial-pass-1")).isEqualTo("/");
    }

    @Test
    void theUserDialogShowsEachErrorNextToItsFieldAndCreatesNothing() {
        String taken = testData.consoleUser(unique("taken"), "whatever-123").userName();

        HttpResponse<String> empty = console.postForm(
                "/settings/admin/users", Map.of("userName", " ", "email", "not-an-address", "password", "short"), true);
        HttpResponse<String> duplicate =
                console.postForm("/settings/admin/users", Map.of("userName", taken, "password", "long-enough-1"), true);
        HttpResponse<String> badEmail = console.postForm(
                "/settings/admin/users",
                Map.of("userName", unique("bob"), "email", "not-an-address", "password", "long-enough-1"),
                true);

        assertThat(empty.body())
                .contains("data-testid=\"create-principal-dialog\"")
                .contains("data-testid=\"error-userName\"")
                .contains("Enter a user name")
                .contains("data-testid=\"error-password\"")
                .contains("at least 8 characters")
                .contains("value=\"not-an-address\"")
                .doesNotContain("value=\"short\"");
        assertThat(duplicate.body()).contains("data-testid=\"error-userName\"").contains("already exists");
        assertThat(badEmail.body()).contains("data-testid=\"error-email\"").contains("is not an e-mail address");
        assertThat(console.get("/settings/admin/users?q=bob-").body()).doesNotContain("value=\"not-an-address\"");
    }

    @Test
    void aServicePrincipalCreatedInTheDialogShowsItsGeneratedApplicationId() {
        String name = unique("deploy-bot");

        HttpResponse<String> created =
                console.postForm("/settings/admin/service-principals", Map.of("displayName", name), true);
        HttpResponse<String> blank =
                console.postForm("/settings/admin/service-principals", Map.of("displayName", ""), true);

        assertThat(created.body()).contains("data-testid=\"created-application-id\"", name);
        Matcher applicationId = UUID.matcher(created.body());
        assertThat(applicationId.find()).isTrue();
        assertThat(console.get("/settings/admin/service-principals?q=" + applicationId.group())
                        .body())
                .contains(name, "1–1 of 1");
        assertThat(blank.body()).contains("data-testid=\"error-displayName\"", "Enter a display name");
    }

    @Test
    void searchIsPagedAndTheUrlOfAnHtmxSearchRendersTheSamePage() {
        String prefix = unique("fleet");
        for (int i = 0; i < 25; i++) {
            testData.servicePrincipal(prefix + "-" + (char) ('a' + i));
        }

        HttpResponse<String> typed = console.getHtmx("/settings/admin/service-principals?q=" + prefix);
        HttpResponse<String> second = console.get("/settings/admin/service-principals?q=" + prefix + "&page=2");
        HttpResponse<String> secondByHtmx =
                console.getHtmx("/settings/admin/service-principals?q=" + prefix + "&page=2");
        HttpResponse<String> beyond = console.get("/settings/admin/service-principals?q=" + prefix + "&page=99");

        assertThat(typed.body())
                .doesNotContain("<html")
                .startsWith("<div id=\"principal-table\"")
                .contains(
                        "1–20 of 25",
                        "Page 1 of 2",
                        "href=\"/settings/admin/service-principals?q=" + prefix + "&amp;page=2\"",
                        "hx-push-url=\"true\"");
        assertThat(rows(typed.body())).isEqualTo(20);
        assertThat(typed.headers().firstValue("Vary").orElse("")).contains("HX-Request");
        assertThat(second.body())
                .contains("<html", "21–25 of 25", "data-testid=\"previous-page\"", prefix + "-y")
                .contains("value=\"" + prefix + "\"");
        assertThat(rows(second.body())).isEqualTo(5);
        assertThat(rows(secondByHtmx.body())).isEqualTo(5);
        assertThat(beyond.body()).contains("21–25 of 25");
        assertThat(console.getHtmx("/settings/admin/service-principals?q=nothing-" + prefix)
                        .body())
                .contains("data-testid=\"no-principals\"", "No matches");
    }

    @Test
    void aDetailPageShowsGroupsRolesWithWhereTheyComeFromAndTokens() {
        Principal bot = testData.servicePrincipal(unique("etl-bot"));
        Group ops = testData.group(unique("ops"), bot);
        Group dataEng = testData.group(unique("data-eng"));
        Role deployer = testData.customRole(unique("deployer"), Permission.TOKENS_READ, Permission.SCIM_READ);
        testData.assign(deployer, ops, null);
        testData.assign(testData.builtIn(BuiltInRole.GROUP_ADMIN), ops, dataEng);
        testData.usableToken(bot, "nightly load");

        String page =
                console.get("/settings/admin/service-principals/" + bot.id()).body();

        assertThat(page)
                .contains("data-testid=\"principal-title\"", bot.displayName(), bot.applicationId())
                .contains("data-testid=\"principal-group\"", ops.displayName())
                .contains("aria-label=\"user — workspace — assigned directly\"")
                .contains("aria-label=\"" + deployer.name() + " — workspace — via group " + ops.displayName() + "\"")
                .contains("aria-label=\"group-admin — scoped to group " + dataEng.displayName() + " — via group "
                        + ops.displayName() + "\"")
                .contains("Inherited via group")
                .contains("data-testid=\"principal-token\"", "nightly load", "all-apis")
                .contains("Deleting this service principal deletes its 1 token.");
    }

    @Test
    void deactivatingSwapsTheDetailAndSuspendsTheTokensUntilActivatedAgain() {
        Principal bot = testData.servicePrincipal(unique("suspend-bot"));
        String token = testData.usableToken(bot, "ci");
        String path = "/settings/admin/service-principals/" + bot.id();
        assertThat(console.get(path).body()).contains("Its 1 token stops working at once");

        HttpResponse<String> deactivated = console.postForm(path + "/deactivate", Map.of(), true);
        ApiClient.Response refused = api.get("/api/2.0/token/list", token);
        HttpResponse<String> activated = console.postForm(path + "/activate", Map.of(), true);

        assertThat(deactivated.body())
                .startsWith("<div id=\"principal-detail\"")
                .contains(
                        ">Inactive<",
                        "data-testid=\"activate-principal\"",
                        "Suspended: owner inactive",
                        "data-testid=\"inactive-notice\"");
        assertThat(refused.status()).as("%s", refused).isEqualTo(401);
        assertThat(refused.reason()).isEqualTo("OWNER_INACTIVE");
        assertThat(activated.body()).contains(">Active<", "data-testid=\"deactivate-principal\"");
        assertThat(api.get("/api/2.0/token/list", token).status()).isEqualTo(200);
    }

    @Test
    void deletingSaysHowManyTokensGoWithItAndLeavesForTheList() {
        Principal bot = testData.servicePrincipal(unique("doomed-bot"));
        String token = testData.usableToken(bot, "one");
        testData.usableToken(bot, "two");
        testData.usableToken(bot, "three");
        String path = "/settings/admin/service-principals/" + bot.id();
        assertThat(console.get(path).body()).contains("Deleting this service principal deletes its 3 tokens.");

        HttpResponse<String> deleted = console.htmx("DELETE", path);

        assertThat(deleted.headers().firstValue("HX-Redirect")).contains("/settings/admin/service-principals");
        HttpResponse<String> gone = console.get(path);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body())
                .contains("data-testid=\"not-found\"", "does not exist")
                .doesNotContain("Exception");
        assertThat(api.get("/api/2.0/token/list", token).reason()).isEqualTo("TOKEN_UNKNOWN");
    }

    @Test
    void aUserIsDeactivatedAndCannotLogInThen() {
        Principal carol = testData.consoleUser(unique("carol"), "carol-pass-1");

        console.postForm("/settings/admin/users/" + carol.id() + "/deactivate", Map.of(), true);

        assertThat(new ConsoleSession(port).logIn(carol.userName(), "carol-pass-1"))
                .isEqualTo("/login?error");
        assertThat(console.get("/settings/admin/users?q=" + carol.userName()).body())
                .contains(">Inactive<");
    }

    @Test
    void aUserWhoMayOnlyReadTheDirectoryGetsA403PageForChanges() {
        Principal reader = testData.consoleUser(unique("reader"), "reader-pass-1");
        Principal bot = testData.servicePrincipal(unique("untouched-bot"));
        ConsoleSession session = new ConsoleSession(port);
        session.logIn(reader.userName(), "reader-pass-1");

        HttpResponse<String> list = session.get("/settings/admin/users");
        HttpResponse<String> dialog = session.get("/settings/admin/users/new");
        HttpResponse<String> create =
                session.postForm("/settings/admin/service-principals", Map.of("displayName", unique("sneaky")), false);
        HttpResponse<String> deactivate =
                session.postForm("/settings/admin/service-principals/" + bot.id() + "/deactivate", Map.of(), true);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain("data-testid=\"new-principal\"", "data-testid=\"admin-tab-workspace\"");
        assertThat(dialog.statusCode()).isEqualTo(403);
        assertThat(dialog.body())
                .contains("data-testid=\"forbidden\"", "scim:write", "<html")
                .doesNotContain("Exception", "at dev.warden");
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(create.body()).contains("lacks the permission &#39;scim:write&#39;");
        assertThat(deactivate.statusCode()).isEqualTo(200);
        assertThat(deactivate.headers().firstValue("HX-Reswap")).contains("none");
        assertThat(deactivate.body()).contains("data-testid=\"flash-error\"", "hx-swap-oob");
        assertThat(session.get("/settings/admin/service-principals/" + bot.id()).body())
                .contains(">Active<")
                .doesNotContain("data-testid=\"deactivate-principal\"");
    }

    @Test
    void aPrincipalWithoutRolesGetsA403PageForTheAdminConsole() {
        Principal nobody = testData.consoleUser(unique("nobody"), "nobody-pass-1");
        testData.unassign(BuiltInRole.USER, nobody);
        ConsoleSession session = new ConsoleSession(port);
        session.logIn(nobody.userName(), "nobody-pass-1");

        HttpResponse<String> entry = session.get("/settings/admin");
        HttpResponse<String> users = session.get("/settings/admin/users");

        assertThat(entry.statusCode()).isEqualTo(403);
        assertThat(entry.body()).contains("data-testid=\"forbidden\"", "lacks the permission &#39;scim:read&#39;");
        assertThat(users.statusCode()).isEqualTo(403);
        assertThat(users.body())
                .contains("lacks the permission &#39;scim:read&#39;")
                .doesNotContain("Exception");
    }

    private static int rows(String html) {
        Matcher rows = Pattern.compile("data-testid=\"principal-row\"").matcher(html);
        int count = 0;
        while (rows.find()) {
            count++;
        }
        return count;
    }

    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @Test
    void aServicePrincipalsCredentialsListShowsEverythingAboutATokenButItsSecret() {
        Principal bot = testData.servicePrincipal(unique("creds-bot"));
        testData.grantTokenUsage(bot);
        ApiClient.Response created = api.post(
                "/api/2.0/token-management/on-behalf-of/tokens",
                ADMIN_TOKEN,
                ApiClient.json(
                        "{'application_id':'%s','comment':'etl nightly','lifetime_seconds':86400,"
                                + "'scopes':['scim:read','tokens:read']}",
                        bot.applicationId()));
        assertThat(created.status()).as("%s", created).isEqualTo(200);
        String secret = created.json().path("token_value").asString();
        String id = created.json().path("token_info").path("token_id").asString();
        assertThat(api.get("/api/2.0/token/list", secret).status()).isEqualTo(200);
        context.getBean(TokenUseRecorder.class).flushAll();
        JsonNode info = api.get("/api/2.0/token-management/tokens/" + id, ADMIN_TOKEN)
                .json()
                .path("token_info");
        Principal admin = principals().findByUserName(bot.workspace(), "admin").orElseThrow();

        String page =
                console.get("/settings/admin/service-principals/" + bot.id()).body();

        assertThat(page)
                .containsPattern("data-testid=\"tokens-heading\">Credentials\\s*\\(<span[^>]*"
                        + "data-testid=\"credential-count\">1</span>\\)");
        String row = credentialRow(page, id);
        assertThat(row)
                .contains(
                        "href=\"/settings/admin/tokens/" + id + "\"",
                        ">etl nightly<",
                        "data-testid=\"token-scope\">scim:read<",
                        "data-testid=\"token-scope\">tokens:read<",
                        "data-testid=\"token-created\">"
                                + SHOWN.format(Instant.ofEpochMilli(
                                        info.path("creation_time").asLong())) + "<",
                        "href=\"/settings/admin/users/" + admin.id().value() + "\">admin<",
                        "data-testid=\"token-expires\">"
                                + SHOWN.format(Instant.ofEpochMilli(
                                        info.path("expiry_time").asLong())) + "<",
                        "data-testid=\"token-last-used\">"
                                + SHOWN.format(Instant.ofEpochMilli(
                                        info.path("last_used_time").asLong())) + "<",
                        "data-testid=\"token-last-used-address\">127.0.0.1<",
                        "data-testid=\"token-status\">Active<");
        assertThat(row).doesNotContain("data-reason", "data-testid=\"token-status-message\"");
        assertThat(page).doesNotContain(secret);
    }

    @Test
    void aCredentialWhoseOwnerLostTokenUsageShowsSuspendedWithTheReasonWhileARevokedOneStaysRevoked() {
        Principal bot = testData.servicePrincipal(unique("unlisted-bot"));
        testData.usableToken(bot, "kept");
        testData.usableToken(bot, "revoked");
        String path = "/settings/admin/service-principals/" + bot.id();
        String keptId = tokenIdNamed(console.get(path).body(), "kept");
        String revokedId = tokenIdNamed(console.get(path).body(), "revoked");
        assertThat(api.post("/api/2.0/token-management/tokens/" + revokedId + "/revoke", ADMIN_TOKEN, "{}")
                        .status())
                .isEqualTo(200);

        testData.revokeTokenUsage(bot);
        String page = console.get(path).body();

        assertThat(page).contains("data-testid=\"credential-count\">2<");
        assertThat(credentialRow(page, keptId))
                .contains(
                        "data-reason=\"NO_TOKEN_USAGE_PERMISSION\"",
                        ">Suspended: no token usage permission<",
                        "data-testid=\"token-status-message\"")
                // named as people know it, the application id only after the name
                .containsPattern("title=\"" + Pattern.quote(bot.displayName() + " (" + bot.applicationId() + ")")
                        + " does not have permission to use tokens[^\"]*Permission Settings");
        assertThat(credentialRow(page, revokedId))
                .contains("data-testid=\"token-status\">Revoked<")
                .doesNotContain("data-reason", "Suspended");

        testData.grantTokenUsage(bot);

        assertThat(credentialRow(console.get(path).body(), keptId))
                .contains("data-testid=\"token-status\">Active<")
                .doesNotContain("Suspended");
    }

    @Test
    void aUsersPageCountsItsAccessTokens() {
        Principal dana = testData.consoleUser(unique("dana"), "dana-pass-12");
        testData.usableToken(dana, "first");
        testData.usableToken(dana, "second");

        String page = console.get("/settings/admin/users/" + dana.id()).body();

        assertThat(page)
                .containsPattern("data-testid=\"tokens-heading\">Access tokens\\s*\\(<span[^>]*"
                        + "data-testid=\"credential-count\">2</span>\\)");
        assertThat(page)
                .containsPattern("data-testid=\"token-created-by\">\\s*<a href=\"/settings/admin/users/"
                        + dana.id().value() + "\">" + Pattern.quote(dana.userName()) + "<");
    }

    private PrincipalRepository principals() {
        return context.getBean(PrincipalRepository.class);
    }

    /** The table row of one credential, from its opening tag to its closing one. */
    private static String credentialRow(String page, String tokenId) {
        Matcher row = Pattern.compile(
                        "<tr[^>]*data-token-id=\"" + Pattern.quote(tokenId) + "\"[^>]*>.*?</tr>", Pattern.DOTALL)
                .matcher(page);
        assertThat(row.find()).as("a row for token %s", tokenId).isTrue();
        return row.group();
    }

    private static String tokenIdNamed(String page, String name) {
        Matcher row = Pattern.compile("data-token-id=\"([^\"]+)\"[^>]*>\\s*<td><a[^>]*data-testid=\"token-name\">"
                        + Pattern.quote(name) + "<")
                .matcher(page);
        assertThat(row.find()).as("a row named %s", name).isTrue();
        return row.group(1);
    }
}
