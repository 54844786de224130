package dev.warden.web.token;

import static dev.warden.web.support.Html.all;
import static dev.warden.web.support.Html.scopeStates;
import static dev.warden.web.support.Html.section;
import static dev.warden.web.support.Html.tagsWith;
import static dev.warden.web.support.Html.testid;
import static dev.warden.web.support.Html.traceSteps;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleService;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenService;
import dev.warden.core.token.TokenUseRecorder;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * User settings → Access tokens → one token, for its owner, over real HTTP: what the token is and whether it works
 * now, its Scopes panel and "Check access" (the same panels as the admin's token page, answering as the real
 * request does), and that nobody else's token shows, not even that it exists.
 */
@WardenSpringBootTest
class OwnTokenPageConsoleIT {
    private static final String LIST = "/settings/user/tokens";
    private static final String PASSWORD = "secret-password-1";
    private static final String[] FROM_PAGE = {"HX-Target", "own-token"};
    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final List<String> CHAIN = List.of(
            "PRESENTED",
            "FORMAT",
            "KNOWN",
            "NOT_REVOKED",
            "NOT_EXPIRED",
            "TOKENS_ENABLED",
            "OWNER_ACTIVE",
            "TOKEN_USAGE",
            "ROLE_GRANTS_PERMISSION",
            "SCOPE_GRANTS_PERMISSION");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    TokenService tokens;

    @Autowired
    RoleService roles;

    @Autowired
    TokenUsageService tokenUsage;

    @Autowired
    TokenUseRecorder usage;

    @Autowired
    MutableClock clock;

    TestData testData;
    ApiClient api;

    @BeforeEach
    void setUp() {
        testData = TestData.of(context);
        api = new ApiClient(port);
    }

    @Test
    void theOwnerSeesWhatTheTokenIsItsLastUseAndItsScopes() {
        Owner owner = owner("own-facts");
        Owned token = owner.token("own-facts", "tokens:read", "scim:read");
        Instant usedAt = clock.instant();
        assertThat(api.get("/api/2.0/token/list", token.secret()).status()).isEqualTo(200);
        usage.flushAll();

        HttpResponse<String> page = owner.console().get(page(token));

        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        AccessToken stored = token.issued().token();
        assertThat(testid(body, "token-title")).isEqualTo(stored.comment());
        assertThat(testid(body, "token-id")).isEqualTo(token.id());
        assertThat(testid(body, "token-hint")).isEqualTo(stored.displayHint());
        assertThat(testid(body, "token-created")).isEqualTo(SHOWN.format(stored.createdAt()));
        assertThat(testid(body, "token-expires")).isEqualTo(SHOWN.format(stored.expiresAt()));
        assertThat(testid(body, "token-last-used-at")).isEqualTo(SHOWN.format(usedAt));
        assertThat(testid(body, "token-last-used-address")).isEqualTo("127.0.0.1");
        assertThat(testid(body, "token-status")).isEqualTo("Active");
        assertThat(body).doesNotContain("data-testid=\"token-status-message\"").doesNotContain(token.secret());
        assertThat(scopeStates(body)).containsExactlyInAnyOrder("tokens:read=true", "scim:read=true");
        assertThat(all(body, "effective-permission")).containsExactly("tokens:read", "scim:read");
        assertThat(body)
                .as("the owner's page posts Check access to itself, not to the Admin Console")
                .contains("action=\"" + page(token) + "/check-access\"")
                .doesNotContain("/settings/admin/tokens/" + token.id());
        assertThat(tagsWith(body, "back-to-tokens"))
                .extracting(a -> a.get("href"))
                .containsExactly(LIST);
        assertThat(tagsWith(body, "nav-user-settings"))
                .extracting(a -> a.get("aria-current"))
                .containsExactly("page");
    }

    @Test
    void theOwnerChecksAnAllowedEndpointAndEveryStepPassesAsTheRealRequestDoes() {
        Owner owner = owner("own-allowed");
        Owned token = owner.token("own-allowed", "tokens:read");

        HttpResponse<String> checked = check(owner, token, "GET /api/2.0/token/list", "");

        assertThat(checked.statusCode()).isEqualTo(200);
        String body = checked.body();
        assertThat(body)
                .as("only the Check access region")
                .doesNotContain("<html")
                .contains("id=\"check-access\"");
        assertThat(testid(body, "check-verdict")).isEqualTo("Allowed");
        assertThat(testid(body, "checked-permission")).isEqualTo("tokens:read");
        assertThat(traceSteps(body))
                .containsExactlyElementsOf(
                        CHAIN.stream().map(s -> s + "=passed").toList());
        assertThat(api.get("/api/2.0/token/list", token.secret()).status()).isEqualTo(200);
    }

    @Test
    void aScopeMissingCheckNamesTheScopeNeededAndTheScopesHeldAsTheRealRequestDoes() {
        Owner owner = owner("own-scope");
        Owned token = owner.token("own-scope", "scim:read");

        String body = check(owner, token, "POST /api/2.0/token/create", "").body();
        ApiClient.Response real = api.post("/api/2.0/token/create", token.secret(), "{\"comment\":\"more\"}");

        assertThat(testid(body, "check-verdict")).isEqualTo("Denied: SCOPE_MISSING (HTTP 403)");
        assertThat(traceSteps(body)).endsWith("ROLE_GRANTS_PERMISSION=passed", "SCOPE_GRANTS_PERMISSION=failed");
        assertThat(testid(body, "fact-required_scope")).isEqualTo("tokens:write");
        assertThat(testid(body, "fact-token_scopes")).isEqualTo("scim:read");
        assertThat(all(body, "fact-value")).as("needed first, then held").containsExactly("tokens:write", "scim:read");
        assertThat(real.status()).isEqualTo(403);
        assertThat(real.reason()).isEqualTo("SCOPE_MISSING");

        HttpResponse<String> plain = owner.console()
                .postForm(page(token) + "/check-access", Map.of("endpoint", "POST /api/2.0/token/create"), false);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body())
                .as("without JavaScript, the whole page with the answer")
                .contains("<html", "data-testid=\"token-facts\"", "data-testid=\"scopes-panel\"");
        assertThat(testid(plain.body(), "check-verdict")).isEqualTo("Denied: SCOPE_MISSING (HTTP 403)");
    }

    @Test
    void theScopesPanelMarksAScopeDeadWithWhyAfterTheOwnersCustomRoleLosesThePermission() {
        Owner owner = owner("own-dead");
        String roleName = TestData.unique("own-settings-readers");
        Role role = testData.customRole(roleName, Permission.SETTINGS_READ, Permission.AUDIT_READ);
        testData.assign(role, owner.principal(), null);
        Owned token = owner.token("own-dead", "settings:read", "tokens:read");

        String before = owner.console().get(page(token)).body();
        assertThat(scopeStates(before)).containsExactlyInAnyOrder("settings:read=true", "tokens:read=true");
        assertThat(all(before, "effective-permission")).containsExactly("tokens:read", "settings:read");
        assertThat(api.get("/api/2.0/workspace-conf", token.secret()).status()).isEqualTo(200);

        roles.update(testData.admin(), role.id(), null, null, Set.of(Permission.AUDIT_READ));
        String changedAt = SHOWN.format(clock.instant());
        String dead = owner.console().get(page(token)).body();

        assertThat(scopeStates(dead)).containsExactlyInAnyOrder("settings:read=false", "tokens:read=true");
        // the owner reads their own page: "you", not their own name in the third person
        assertThat(testid(dead, "scope-why"))
                .contains("You no longer hold settings:read since the role change on " + changedAt, roleName)
                .doesNotContain(owner.principal().name() + " no longer holds");
        assertThat(all(dead, "effective-permission")).containsExactly("tokens:read");
        String checked = check(owner, token, "GET /api/2.0/workspace-conf", "").body();
        assertThat(testid(checked, "check-verdict")).isEqualTo("Denied: ROLE_LACKS_PERMISSION (HTTP 403)");
        assertThat(testid(checked, "check-message"))
                .startsWith("You, the owner of this token, lack the permission 'settings:read'")
                .contains("A workspace admin can give you a role with 'settings:read'");
        assertThat(traceSteps(checked)).endsWith("ROLE_GRANTS_PERMISSION=failed", "SCOPE_GRANTS_PERMISSION=skipped");
        assertThat(api.get("/api/2.0/workspace-conf", token.secret()).reason()).isEqualTo("ROLE_LACKS_PERMISSION");
    }

    @Test
    void anotherUsersTokenIsTheSame404PageAsAnUnknownIdEvenForAnAdmin() {
        Owner me = owner("own-me");
        Owner them = owner("own-them");
        Owned theirs = them.token("own-theirs", "tokens:read");
        String unknown = "0".repeat(32);

        HttpResponse<String> other = me.console().get(page(theirs));
        HttpResponse<String> missing = me.console().get(LIST + "/" + unknown);

        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(testid(other.body(), "problem-message")).isEqualTo("Token " + theirs.id() + " does not exist.");
        assertThat(testid(missing.body(), "problem-message")).isEqualTo("Token " + unknown + " does not exist.");
        assertThat(main(other.body()).replace(theirs.id(), unknown))
                .as("nothing tells the two apart")
                .isEqualTo(main(missing.body()));
        assertThat(other.body())
                .contains("data-testid=\"not-found\"")
                .doesNotContain(theirs.issued().token().comment(), "data-testid=\"scopes-panel\"");

        HttpResponse<String> plainCheck = me.console()
                .postForm(page(theirs) + "/check-access", Map.of("endpoint", "GET /api/2.0/token/list"), false);
        HttpResponse<String> htmxCheck = me.console()
                .postForm(page(theirs) + "/check-access", Map.of("endpoint", "GET /api/2.0/token/list"), true);
        assertThat(plainCheck.statusCode()).isEqualTo(404);
        assertThat(plainCheck.body()).doesNotContain("data-testid=\"check-result\"");
        assertThat(htmxCheck.body())
                .contains("data-testid=\"flash-error\"", "does not exist")
                .doesNotContain("data-testid=\"check-result\"");

        ConsoleSession admin = new ConsoleSession(port);
        assertThat(admin.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
        assertThat(admin.get(page(theirs)).statusCode())
                .as("admins have the Admin Console's page")
                .isEqualTo(404);
        HttpResponse<String> revoke = admin.htmx("POST", page(theirs) + "/revoke", FROM_PAGE);
        assertThat(revoke.body()).contains("data-testid=\"flash-error\"");
        assertThat(tokens.getOwn(them.actor(), theirs.issued().token().id()).isRevoked())
                .isFalse();
    }

    @Test
    void theCheckAccessFormCarriesACsrfTokenAndAForgedOneIsRefused() {
        Owner owner = owner("own-csrf");
        Owned token = owner.token("own-csrf", "tokens:read");

        String form = section(owner.console().get(page(token)).body(), "check-access-form");
        HttpResponse<String> forged = owner.console()
                .postForm(
                        page(token) + "/check-access",
                        Map.of("endpoint", "GET /api/2.0/token/list", "_csrf", "not-the-token"),
                        true);

        assertThat(form)
                .contains(
                        "name=\"_csrf\"",
                        "<label for=\"check-endpoint\">Endpoint</label>",
                        "<option value=\"POST /api/2.0/token/create\"");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).doesNotContain("data-testid=\"check-result\"");
    }

    @Test
    void theListLinksEachTokenNameToItsPage() {
        Owner owner = owner("own-list");
        Owned token = owner.token("own-listed", "tokens:read");
        String name = token.issued().token().comment();

        String list = owner.console().get(LIST).body();

        Matcher link = Pattern.compile("<a class=\"token-name\" href=\"([^\"]+)\" data-testid=\"token-name\">"
                        + Pattern.quote(name) + "</a>")
                .matcher(list);
        assertThat(link.find()).as("a link named " + name + " in " + list).isTrue();
        assertThat(link.group(1)).isEqualTo(page(token));
        HttpResponse<String> followed = owner.console().get(link.group(1));
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(testid(followed.body(), "token-title")).isEqualTo(name);
    }

    @Test
    void aSuspendedTokenSaysWhyAndCheckAccessStopsAtTokenUsageAsTheRealRequestDoes() {
        Owner owner = owner("own-suspended");
        Owned token = owner.token("own-suspended", "tokens:read");
        tokenUsage.replace(
                testData.admin(),
                tokenUsage.entries(testData.admin()).stream()
                        .filter(e -> !owner.principal().id().equals(e.principal()))
                        .toList());

        String body = owner.console().get(page(token)).body();
        String checked = check(owner, token, "GET /api/2.0/token/list", "").body();

        assertThat(testid(body, "token-status")).isEqualTo("Suspended");
        assertThat(testid(body, "token-status-message"))
                .startsWith("You do not have permission to use tokens: no entry in the token usage list names you or"
                        + " one of your groups, so your tokens are suspended");
        assertThat(testid(checked, "check-verdict")).isEqualTo("Denied: NO_TOKEN_USAGE_PERMISSION (HTTP 403)");
        assertThat(traceSteps(checked))
                .contains("OWNER_ACTIVE=passed", "TOKEN_USAGE=failed", "ROLE_GRANTS_PERMISSION=skipped");
        assertThat(api.get("/api/2.0/token/list", token.secret()).reason()).isEqualTo("NO_TOKEN_USAGE_PERMISSION");
    }

    @Test
    void revokeRestoreAndDeleteOnThePageAnswerWithThePageAndTheListKeepsItsRows() {
        Owner owner = owner("own-actions");
        Owned token = owner.token("own-actions", "tokens:read");

        String revoked =
                owner.console().htmx("POST", page(token) + "/revoke", FROM_PAGE).body();
        assertThat(revoked).doesNotContain("<html", "data-testid=\"token-row\"").contains("id=\"own-token\"");
        assertThat(testid(revoked, "token-status")).isEqualTo("Revoked");
        assertThat(revoked).contains("data-testid=\"restore-token\"").doesNotContain("data-testid=\"revoke-token\"");
        assertThat(testid(revoked, "scope-status"))
                .as("the panels come with the region")
                .isEqualTo("live");
        assertThat(testid(check(owner, token, "GET /api/2.0/token/list", "").body(), "check-verdict"))
                .isEqualTo("Denied: TOKEN_REVOKED (HTTP 401)");
        assertThat(api.get("/api/2.0/token/list", token.secret()).reason()).isEqualTo("TOKEN_REVOKED");

        String restored = owner.console()
                .htmx("POST", page(token) + "/restore", FROM_PAGE)
                .body();
        assertThat(testid(restored, "token-status")).isEqualTo("Active");
        String row = owner.console().htmx("POST", page(token) + "/revoke").body();
        assertThat(row)
                .as("the list's row action is untouched")
                .contains("id=\"token-" + token.id() + "\"", "data-testid=\"token-row\"");

        HttpResponse<String> deleted = owner.console().htmx("DELETE", page(token), FROM_PAGE);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.headers().firstValue("HX-Redirect")).contains(LIST);
        assertThat(owner.console().get(page(token)).statusCode()).isEqualTo(404);
        assertThat(tokens.listOwn(owner.actor())).isEmpty();
    }

    private record Owner(Principal principal, ConsoleSession console, TokenService tokens) {
        Actor actor() {
            return Actor.of(principal, "127.0.0.1");
        }

        Owned token(String prefix, String... scopes) {
            IssuedToken issued = tokens.create(
                    actor(), new CreateTokenCommand(TestData.unique(prefix), Duration.ofDays(30), List.of(scopes)));
            return new Owned(issued.token().id().value(), issued.secret().reveal(), issued);
        }
    }

    private record Owned(String id, String secret, IssuedToken issued) {}

    /** A plain user (built-in {@code user} role) who may use tokens, logged in to the console. */
    private Owner owner(String prefix) {
        String userName = TestData.unique(prefix);
        Principal principal = testData.consoleUser(userName, PASSWORD);
        testData.grantTokenUsage(principal);
        ConsoleSession console = new ConsoleSession(port);
        assertThat(console.logIn(userName, PASSWORD)).isEqualTo("/");
        return new Owner(principal, console, tokens);
    }

    private static String page(Owned token) {
        return LIST + "/" + token.id();
    }

    /** Submits "Check access" as htmx does. */
    private static HttpResponse<String> check(Owner owner, Owned token, String endpoint, String request) {
        return owner.console()
                .postForm(page(token) + "/check-access", Map.of("endpoint", endpoint, "request", request), true);
    }

    private static String main(String html) {
        int start = html.indexOf("<main");
        assertThat(start).as("a <main> in " + html).isNotNegative();
        return html.substring(start, html.indexOf("</main>", start));
    }
}
