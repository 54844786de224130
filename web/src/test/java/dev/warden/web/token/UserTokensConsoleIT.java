package dev.warden.web.token;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenService;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console's token page over real HTTP, without a browser: the htmx fragments, form errors next to their
 * fields, CSRF, and what an expired session does. The browser journeys in e2e-tests cover the same page
 * driven by a person.
 */
@WardenSpringBootTest
class UserTokensConsoleIT {
    private static final Pattern ROW_ID = Pattern.compile("data-token-id=\"([0-9a-f]{32})\"");

    @LocalServerPort
    int port;

    @Autowired
    TokenService tokens;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    WorkspaceRepository workspaces;

    @Autowired
    TokenUsageService tokenUsage;

    @Autowired
    SettingsService settings;

    @Autowired
    org.springframework.context.ApplicationContext context;

    ConsoleSession console;

    @BeforeEach
    void logIn() {
        console = new ConsoleSession(port);
        assertThat(console.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
    }

    /** These tests count Warden's own catalogue: no registered service left by another test may add to it. */
    @BeforeEach
    void noRegisteredServices() {
        TestData.of(context).removeServices();
    }

    @Test
    void generatingShowsTheSecretOnceWithNoStoreAndTheTokenWorks() {
        HttpResponse<String> issued = console.postForm(
                "/settings/user/tokens",
                Map.of("name", "console token " + UUID.randomUUID(), "lifetimeDays", "30", "scopes", "tokens:read"),
                true);

        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(issued.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(issued.headers().firstValue("HX-Trigger").orElse("")).contains("tokens-changed");
        assertThat(issued.body())
                .contains("data-testid=\"issued-dialog\"")
                .contains("will not be able to view the token again");
        Matcher value = Pattern.compile("value=\"(wdn_[0-9A-Za-z]{49})\"").matcher(issued.body());
        assertThat(value.find()).isTrue();
        assertThat(new ApiClient(port)
                        .get("/api/2.0/token/list", value.group(1))
                        .status())
                .isEqualTo(200);
        assertThat(console.get("/settings/user/tokens").body()).doesNotContain(value.group(1));
    }

    @Test
    void invalidFormShowsEachErrorNextToItsFieldAndCreatesNothing() {
        int before = rowCount();

        HttpResponse<String> response =
                console.postForm("/settings/user/tokens", Map.of("name", " ", "lifetimeDays", "9999"), true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("data-testid=\"generate-dialog\"")
                .contains("data-testid=\"error-name\"")
                .contains("Give the token a name")
                .contains("data-testid=\"error-lifetimeDays\"")
                .contains("from 1 to 730 days")
                .contains("data-testid=\"error-scopes\"")
                .contains("at least one scope");
        assertThat(rowCount()).isEqualTo(before);
    }

    @Test
    void aLifetimeThatIsNotANumberIsAFieldError() {
        HttpResponse<String> response = console.postForm(
                "/settings/user/tokens", Map.of("name", "x", "lifetimeDays", "soon", "scopes", "tokens:read"), true);

        assertThat(response.body())
                .contains("data-testid=\"error-lifetimeDays\"")
                .contains("whole number of days");
    }

    @Test
    void aFormPostWithoutCsrfIsRefusedAndCreatesNothing() {
        int before = rowCount();

        HttpResponse<String> response = console.postForm(
                "/settings/user/tokens",
                Map.of("_csrf", "forged", "name", "csrf", "lifetimeDays", "1", "scopes", "tokens:read"),
                true);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(rowCount()).isEqualTo(before);
    }

    @Test
    void rowActionsAnswerWithTheUpdatedRowOrNothing() {
        String id = tokens.create(
                        admin(), new CreateTokenCommand("row actions", null, java.util.List.of("tokens:read")))
                .token()
                .id()
                .value();

        HttpResponse<String> revoked = console.postForm("/settings/user/tokens/" + id + "/revoke", Map.of(), true);
        assertThat(revoked.body())
                .contains("id=\"token-" + id + "\"")
                .contains(">Revoked<")
                .contains("data-testid=\"restore-token\"")
                .doesNotContain("data-testid=\"revoke-token\"");

        HttpResponse<String> restored = console.postForm("/settings/user/tokens/" + id + "/restore", Map.of(), true);
        assertThat(restored.body()).contains(">Active<").contains("data-testid=\"revoke-token\"");

        HttpResponse<String> deleted = console.htmx("DELETE", "/settings/user/tokens/" + id);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEmpty();
        assertThat(console.get("/settings/user/tokens").body()).doesNotContain(id);
    }

    @Test
    void aTokenAnAdminRevokedOffersItsOwnerNoRestoreAndRefusesOne() {
        TestData testData = TestData.of(context);
        Principal owner = testData.consoleUser(TestData.unique("revoked-owner"), "revoked-owner-pass-1");
        testData.usableToken(owner, "taken away");
        String id = tokens.listOwn(Actor.of(owner, null)).get(0).id().value();
        context.getBean(dev.warden.core.token.TokenManagementService.class)
                .revoke(admin(), new dev.warden.core.token.TokenId(id));
        ConsoleSession asOwner = new ConsoleSession(port);
        assertThat(asOwner.logIn(owner.userName(), "revoked-owner-pass-1")).isEqualTo("/");

        String page = asOwner.get("/settings/user/tokens/" + id).body();
        HttpResponse<String> restore = asOwner.postForm("/settings/user/tokens/" + id + "/restore", Map.of(), true);

        assertThat(page).contains(">Revoked<").doesNotContain("data-testid=\"restore-token\"");
        assertThat(restore.body()).contains("data-testid=\"flash-error\"").contains("authority ADMIN");
        assertThat(tokens.listOwn(Actor.of(owner, null)).get(0).isRevoked()).isTrue();
    }

    @Test
    void anotherUsersTokenCannotBeTouchedFromTheConsole() {
        Principal other =
                principals.save(Principal.newUser(admin().workspace(), "other-" + UUID.randomUUID(), "Other", null));
        tokenUsage.patch(admin(), java.util.List.of(TokenUsageEntry.forPrincipal(other.id(), TokenUsageLevel.CAN_USE)));
        String id = tokens.create(Actor.of(other, null), new CreateTokenCommand("theirs", null, null))
                .token()
                .id()
                .value();

        HttpResponse<String> response = console.postForm("/settings/user/tokens/" + id + "/revoke", Map.of(), true);

        assertThat(response.body()).contains("data-testid=\"flash-error\"").contains("does not exist");
        assertThat(tokens.listOwn(Actor.of(other, null)).get(0).isRevoked()).isFalse();
    }

    @Test
    void anExpiredSessionRefreshesHtmxRequestsAndRedirectsPages() {
        ConsoleSession anonymous = new ConsoleSession(port);

        HttpResponse<String> htmx = anonymous.getHtmx("/settings/user/tokens");
        HttpResponse<String> page = anonymous.get("/settings/user/tokens");

        assertThat(htmx.headers().firstValue("HX-Refresh")).contains("true");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void theAuditLogTabHasItsPageAndUnknownPagesAre404Pages() {
        HttpResponse<String> tab = console.get("/settings/admin/audit");
        HttpResponse<String> missing = console.get("/settings/admin/nope");

        assertThat(tab.statusCode()).isEqualTo(200);
        assertThat(tab.body()).contains("Audit log").contains("data-testid=\"audit-events\"");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("There is no page at this address").doesNotContain("Exception");
    }

    @Test
    void aUserWithoutTokenUsageIsToldWhyAndWhomToAskAndItsTokensShowSuspended() {
        TestData testData = TestData.of(context);
        String name = TestData.unique("no-usage");
        Principal user = testData.consoleUser(name, "a long password 1");
        testData.usableToken(user, "kept token");
        tokenUsage.replace(
                admin(),
                tokenUsage.entries(admin()).stream()
                        .filter(e -> !user.id().equals(e.principal()))
                        .toList());
        ConsoleSession theirs = new ConsoleSession(port);
        assertThat(theirs.logIn(name, "a long password 1")).isEqualTo("/");

        String page = theirs.get("/settings/user/tokens").body();

        assertThat(page)
                .contains("data-testid=\"token-refusal\"")
                .contains("data-reason=\"NO_TOKEN_USAGE_PERMISSION\"")
                .contains("You do not have permission to use tokens")
                .contains("Ask a workspace admin: admin")
                .doesNotContain("data-testid=\"generate-token\"")
                .contains("kept token")
                .contains(">Suspended<");
        HttpResponse<String> refused = theirs.postForm(
                "/settings/user/tokens", Map.of("name", "try", "lifetimeDays", "30", "scopes", "tokens:read"), true);
        assertThat(refused.body())
                .contains("data-testid=\"form-error\"")
                .contains("does not have permission to use tokens");
        assertThat(tokens.listOwn(Actor.of(user, null))).hasSize(1);
    }

    @Test
    void withTokensOffTheAdminIsToldTokensAreDisabledAndTheDialogUsesTheWorkspaceCap() {
        try {
            settings.update(admin(), Map.of(SettingsService.ENABLE_TOKENS, "false"));
            String off = console.get("/settings/user/tokens").body();
            assertThat(off)
                    .contains("data-reason=\"TOKENS_DISABLED\"")
                    .contains("turned off")
                    .doesNotContain("data-testid=\"generate-token\"");

            settings.update(
                    admin(),
                    Map.of(
                            SettingsService.ENABLE_TOKENS,
                            "true",
                            SettingsService.MAX_LIFETIME_DAYS,
                            "30",
                            SettingsService.DEFAULT_LIFETIME_DAYS,
                            "7"));
            String dialog = console.getHtmx("/settings/user/tokens/new").body();
            // the one expiry control: the presets that fit within the cap, the default chosen
            assertThat(dialog)
                    .contains("the longest token lifetime here is 30 days")
                    .contains("data-testid=\"expires-in-7\"", "data-testid=\"expires-in-30\"")
                    .doesNotContain("data-testid=\"expires-in-90\"");
            assertThat(dev.warden.web.support.Html.tagsWith(dialog, "expires-in-7")
                            .get(0))
                    .containsEntry("checked", "checked");
            HttpResponse<String> tooLong = console.postForm(
                    "/settings/user/tokens",
                    Map.of("name", "long", "lifetimeDays", "31", "scopes", "tokens:read"),
                    true);
            assertThat(tooLong.body())
                    .contains("data-testid=\"error-lifetimeDays\"")
                    .contains("from 1 to 30 days");
        } finally {
            settings.update(
                    admin(),
                    Map.of(
                            SettingsService.ENABLE_TOKENS,
                            "true",
                            SettingsService.MAX_LIFETIME_DAYS,
                            "",
                            SettingsService.DEFAULT_LIFETIME_DAYS,
                            ""));
        }
    }

    @Test
    void theGenerateDialogGroupsScopesByResourceWithDescriptionsAndOffersPresets() {
        String dialog = console.getHtmx("/settings/user/tokens/new").body();

        assertThat(groupsIn(dialog))
                .containsExactly(
                        "all-apis",
                        "tokens",
                        "token-management",
                        "permissions",
                        "scim",
                        "settings",
                        "audit",
                        "roles",
                        "services",
                        "metrics");
        for (Scope scope :
                dev.warden.core.permission.PermissionCatalogue.with(List.of()).scopes()) {
            String resource = scope.key().contains(":")
                    ? scope.key().substring(0, scope.key().indexOf(':'))
                    : scope.key();
            assertThat(group(dialog, resource))
                    .as(scope.key() + " sits in its resource's fieldset, described")
                    .contains(
                            "data-testid=\"scope-" + scope.key() + "\"",
                            dev.warden.core.permission.PermissionCatalogue.with(List.of())
                                    .describe(scope)
                                    .replace("'", "&#39;"));
            assertThat(checkbox(dialog, scope.key()))
                    .as("the admin may hold " + scope.key())
                    .doesNotContain("disabled");
        }
        assertThat(group(dialog, "tokens")).contains("<legend>tokens</legend>");
        assertThat(dialog)
                .contains(
                        "data-testid=\"scope-search\"",
                        "data-testid=\"preset-read-only\">Read-only<",
                        "data-testid=\"preset-read-write\">Read-write<",
                        "data-testid=\"preset-admin\">Admin<",
                        "aria-describedby=\"token-scopes-error\"");
        assertThat(presetsOf(dialog, "tokens:read")).isEqualTo("read-only read-write admin");
        assertThat(presetsOf(dialog, "scim:write")).isEqualTo("read-write admin");
        assertThat(presetsOf(dialog, "settings:write"))
                .as("administrative writes only in Admin")
                .isEqualTo("admin");
        assertThat(presetsOf(dialog, "all-apis")).as("no preset picks all-apis").isEmpty();
        assertThat(checkbox(dialog, "tokens:read"))
                .as("nothing is chosen for the user")
                .doesNotContain("checked");
    }

    @Test
    void aUserSeesScopesTheirRolesDoNotGrantDisabledAndAForgedOneIsRefusedNamingIt() {
        TestData testData = TestData.of(context);
        String name = TestData.unique("scoped-user");
        Principal user = testData.consoleUser(name, "a long password 1");
        testData.grantTokenUsage(user);
        ConsoleSession theirs = new ConsoleSession(port);
        assertThat(theirs.logIn(name, "a long password 1")).isEqualTo("/");

        String dialog = theirs.getHtmx("/settings/user/tokens/new").body();
        HttpResponse<String> forged = theirs.postForm(
                "/settings/user/tokens",
                List.of(
                        Map.entry("name", "forged"),
                        Map.entry("lifetimeDays", "30"),
                        Map.entry("scopes", "tokens:read"),
                        Map.entry("scopes", "scim:write"),
                        Map.entry("scopes", "audit:read")),
                true);

        for (String denied : List.of("scim:write", "token-management:read", "settings:write", "audit:read")) {
            assertThat(checkbox(dialog, denied)).as(denied).contains("disabled");
            assertThat(note(dialog, denied))
                    .as(denied)
                    .contains("your roles don&#39;t grant this")
                    .doesNotContain("hidden");
        }
        for (String held : List.of("all-apis", "tokens:read", "tokens:write", "scim:read", "roles:read")) {
            assertThat(checkbox(dialog, held)).as(held).doesNotContain("disabled");
            assertThat(note(dialog, held)).as(held).contains("hidden");
        }
        assertThat(forged.body())
                .contains("data-testid=\"generate-dialog\"")
                .doesNotContain("data-testid=\"issued-dialog\"")
                .doesNotContain("wdn_");
        assertThat(errorOf(forged.body(), "scopes")).contains("do not grant audit:read, scim:write, so");
        assertThat(checkbox(forged.body(), "tokens:read"))
                .as("what was chosen is kept")
                .contains("checked");
        assertThat(tokens.listOwn(Actor.of(user, null))).as("nothing created").isEmpty();
    }

    @Test
    void aTokenHoldsEveryScopeItsOwnerHoldsWithNoLimitOnHowMany() {
        String name = "many scopes " + UUID.randomUUID();
        List<Map.Entry<String, String>> fields =
                new java.util.ArrayList<>(List.of(Map.entry("name", name), Map.entry("lifetimeDays", "30")));
        dev.warden.core.permission.PermissionCatalogue.with(List.of())
                .scopes()
                .forEach(scope -> fields.add(Map.entry("scopes", scope.key())));

        HttpResponse<String> issued = console.postForm("/settings/user/tokens", fields, true);

        assertThat(issued.body()).contains("data-testid=\"issued-dialog\"");
        var created = tokens.listOwn(admin()).stream()
                .filter(t -> t.comment().equals(name))
                .findFirst()
                .orElseThrow();
        assertThat(created.scopes())
                .hasSize(dev.warden.core.permission.PermissionCatalogue.with(List.of())
                        .scopes()
                        .size())
                .hasSizeGreaterThanOrEqualTo(8)
                .containsAll(dev.warden.core.permission.PermissionCatalogue.with(List.of())
                        .scopes());
    }

    private static List<String> groupsIn(String html) {
        Matcher groups = Pattern.compile("data-scope-group=\"([^\"]+)\"").matcher(html);
        List<String> found = new java.util.ArrayList<>();
        while (groups.find()) {
            found.add(groups.group(1));
        }
        return found;
    }

    /** The fieldset of one resource's scopes. */
    private static String group(String html, String resource) {
        int at = html.indexOf("data-scope-group=\"" + resource + "\"");
        assertThat(at).as("the group " + resource).isPositive();
        return html.substring(html.lastIndexOf("<fieldset", at), html.indexOf("</fieldset>", at));
    }

    static String checkbox(String html, String key) {
        Matcher box = Pattern.compile("<input[^>]*data-testid=\"scope-" + Pattern.quote(key) + "\"[^>]*>")
                .matcher(html);
        assertThat(box.find()).as("a checkbox for " + key).isTrue();
        return box.group();
    }

    private static String presetsOf(String html, String key) {
        Matcher presets = Pattern.compile("data-scope-presets=\"([^\"]*)\"").matcher(checkbox(html, key));
        return presets.find() ? presets.group(1) : "";
    }

    /** What a scope says when the owner may not hold it (hidden when it may). */
    static String note(String html, String key) {
        Matcher note = Pattern.compile("<small[^>]*data-testid=\"scope-denied-" + Pattern.quote(key) + "\"[^>]*>[^<]*")
                .matcher(html);
        assertThat(note.find()).as("the note of " + key).isTrue();
        return note.group();
    }

    private static String errorOf(String html, String field) {
        Matcher error =
                Pattern.compile("data-testid=\"error-" + field + "\">([^<]*)<").matcher(html);
        assertThat(error.find()).as("an error for " + field).isTrue();
        return error.group(1);
    }

    private int rowCount() {
        Matcher rows = ROW_ID.matcher(console.get("/settings/user/tokens").body());
        int count = 0;
        while (rows.find()) {
            count++;
        }
        return count;
    }

    private Actor admin() {
        var workspace = workspaces.findByName("main").orElseThrow();
        return Actor.of(principals.findByUserName(workspace.id(), "admin").orElseThrow(), "127.0.0.1");
    }
}
