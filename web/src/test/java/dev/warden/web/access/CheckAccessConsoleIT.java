package dev.warden.web.access;

import static dev.warden.web.support.ApiClient.json;
import static dev.warden.web.support.Html.all;
import static dev.warden.web.support.Html.scopeStates;
import static dev.warden.web.support.Html.section;
import static dev.warden.web.support.Html.testid;
import static dev.warden.web.support.Html.text;
import static dev.warden.web.support.Html.traceSteps;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.Group;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenService;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * The token page's "Check access" form and Scopes panel over real HTTP: the verdict and the whole decision chain
 * for a picked or typed endpoint agree with what the real request gets; a request that names no endpoint is a field
 * error; a dead scope is marked with why after its owner's custom role loses the permission, and live again after.
 */
@WardenSpringBootTest
class CheckAccessConsoleIT {
    private static final String INVENTORY = "/settings/admin/tokens";
    private static final String[] FROM_PAGE = {"HX-Target", "token-detail"};
    private static final DateTimeFormatter DAY =
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
    MutableClock clock;

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
    void thePageOffersEveryDeclaredEndpointGroupedByPermissionInACsrfProtectedForm() {
        Owned token = token("check-form", "tokens:read");

        String body = console.get(page(token)).body();

        String form = section(body, "check-access-form");
        assertThat(form)
                .contains(
                        "name=\"_csrf\"",
                        "<label for=\"check-endpoint\">Endpoint</label>",
                        "<label for=\"check-request\">Or type a request</label>");
        assertThat(body).contains("action=\"/settings/admin/tokens/" + token.id() + "/check-access\"");
        assertThat(form)
                .contains(
                        "<optgroup label=\"tokens:write (",
                        "<option value=\"POST /api/2.0/token/create\"",
                        "<option value=\"GET /api/2.0/groups/{group_id}/tokens\"");
        assertThat(body).doesNotContain("data-testid=\"check-result\"");

        HttpResponse<String> forged = console.postForm(
                page(token) + "/check-access",
                Map.of("endpoint", "GET /api/2.0/token/list", "_csrf", "not-the-token"),
                true);
        assertThat(forged.statusCode()).as("no CSRF token, no answer").isEqualTo(403);
        assertThat(forged.body()).doesNotContain("data-testid=\"check-result\"");
    }

    @Test
    void anAllowedEndpointPassesEveryStepAsTheRealRequestDoes() {
        Owned token = token("check-allowed", "tokens:read");

        HttpResponse<String> checked = check(token, "GET /api/2.0/token/list", "");

        assertThat(checked.statusCode()).isEqualTo(200);
        String body = checked.body();
        assertThat(body)
                .as("only the Check access region")
                .doesNotContain("<html")
                .contains("id=\"check-access\"");
        assertThat(testid(body, "check-verdict")).isEqualTo("Allowed");
        assertThat(testid(body, "checked-endpoint")).isEqualTo("GET /api/2.0/token/list");
        assertThat(testid(body, "checked-permission")).isEqualTo("tokens:read");
        assertThat(traceSteps(body))
                .containsExactlyElementsOf(
                        CHAIN.stream().map(s -> s + "=passed").toList());
        assertThat(all(body, "trace-number"))
                .as("each step of the chain once, its further checks unnumbered under it")
                .containsExactly("Step 1", "Step 2", "Step 3", "Step 4", "Step 5", "Step 6", "Step 7", "Step 8");
        assertThat(body).contains("class=\"trace-passed trace-sub\" data-testid=\"trace-step\" data-step=\"FORMAT\"");
        assertThat(all(body, "trace-description"))
                .contains("the token's scopes include the permission the endpoint needs");
        assertThat(body).contains("<option value=\"GET /api/2.0/token/list\" selected=\"selected\"");
        assertThat(api.get("/api/2.0/token/list", token.secret()).status()).isEqualTo(200);
    }

    @Test
    void aScopeMissingEndpointFailsStepEightWithBothScopeListsAsTheRealRequestDoes() {
        Owned token = token("check-scope", "scim:read");

        String body = check(token, "POST /api/2.0/token/create", "").body();
        ApiClient.Response real = api.post("/api/2.0/token/create", token.secret(), "{\"comment\":\"more\"}");

        assertThat(testid(body, "check-verdict")).isEqualTo("Denied: SCOPE_MISSING (HTTP 403)");
        assertThat(testid(body, "checked-permission")).isEqualTo("tokens:write");
        assertThat(traceSteps(body))
                .containsExactly(
                        "PRESENTED=passed",
                        "FORMAT=passed",
                        "KNOWN=passed",
                        "NOT_REVOKED=passed",
                        "NOT_EXPIRED=passed",
                        "TOKENS_ENABLED=passed",
                        "OWNER_ACTIVE=passed",
                        "TOKEN_USAGE=passed",
                        "ROLE_GRANTS_PERMISSION=passed",
                        "SCOPE_GRANTS_PERMISSION=failed");
        assertThat(all(body, "trace-number")).hasSize(8).endsWith("Step 8");
        assertThat(testid(body, "fact-required_scope")).isEqualTo("tokens:write");
        assertThat(testid(body, "fact-token_scopes")).isEqualTo("scim:read");
        assertThat(all(body, "fact-value")).as("needed first, then held").containsExactly("tokens:write", "scim:read");
        assertThat(testid(body, "check-message")).contains("'tokens:write'", "holds only scim:read");
        assertThat(real.status()).isEqualTo(403);
        assertThat(real.reason()).isEqualTo("SCOPE_MISSING");
    }

    @Test
    void aRevokedTokenFailsStepThreeAndTheLaterStepsAreNotChecked() {
        Owned token = token("check-revoked", "tokens:read");
        assertThat(console.htmx("POST", page(token) + "/revoke", FROM_PAGE).statusCode())
                .isEqualTo(200);

        String body = check(token, "GET /api/2.0/token/list", "").body();

        assertThat(testid(body, "check-verdict")).isEqualTo("Denied: TOKEN_REVOKED (HTTP 401)");
        assertThat(traceSteps(body))
                .containsExactly(
                        "PRESENTED=passed",
                        "FORMAT=passed",
                        "KNOWN=passed",
                        "NOT_REVOKED=failed",
                        "NOT_EXPIRED=skipped",
                        "TOKENS_ENABLED=skipped",
                        "OWNER_ACTIVE=skipped",
                        "TOKEN_USAGE=skipped",
                        "ROLE_GRANTS_PERMISSION=skipped",
                        "SCOPE_GRANTS_PERMISSION=skipped");
        assertThat(api.get("/api/2.0/token/list", token.secret()).reason()).isEqualTo("TOKEN_REVOKED");
    }

    @Test
    void aTypedPathUsesTheGroupItNamesAsTheRealRequestDoes() {
        Principal lead = testData.consoleUser(TestData.unique("check-lead"), "secret-password-1");
        Group own = testData.group(TestData.unique("check-own"));
        Group other = testData.group(TestData.unique("check-other"));
        testData.assign(testData.builtIn(BuiltInRole.GROUP_ADMIN), lead, own);
        Owned token = token(lead, "check-group", "token-management:read");
        String ownPath = "/api/2.0/groups/" + own.id().value() + "/tokens";
        String otherPath = "/api/2.0/groups/" + other.id().value() + "/tokens";

        String allowed = check(token, "", "get " + ownPath).body();
        String refused = check(token, "", "GET " + otherPath).body();

        assertThat(testid(allowed, "check-verdict")).isEqualTo("Allowed");
        assertThat(testid(allowed, "checked-endpoint")).isEqualTo("GET /api/2.0/groups/{group_id}/tokens");
        assertThat(testid(allowed, "checked-group"))
                .isEqualTo(String.valueOf(own.id().value()));
        assertThat(detailOf(allowed, "ROLE_GRANTS_PERMISSION")).contains("group-admin");
        assertThat(api.get(ownPath, token.secret()).status()).isEqualTo(200);
        assertThat(testid(refused, "check-verdict")).isEqualTo("Denied: ROLE_LACKS_PERMISSION (HTTP 403)");
        assertThat(testid(refused, "checked-group"))
                .isEqualTo(String.valueOf(other.id().value()));
        assertThat(testid(refused, "fact-required_permission")).isEqualTo("token-management:read");
        assertThat(api.get(otherPath, token.secret()).reason()).isEqualTo("ROLE_LACKS_PERMISSION");
        assertThat(refused).as("the typed request stays in its field").contains("value=\"GET " + otherPath + "\"");
    }

    @Test
    void aRequestThatNamesNoEndpointIsAnErrorNextToItsField() {
        Owned token = token("check-unknown", "tokens:read");

        String unknown = check(token, "", "GET /api/2.0/nowhere").body();
        String wrongMethod = check(token, "", "GET /api/2.0/token/create").body();
        String noMethod = check(token, "", "/api/2.0/token/list").body();
        String nothing = check(token, "", "").body();

        assertThat(testid(unknown, "error-request")).startsWith("No API endpoint matches GET /api/2.0/nowhere.");
        assertThat(unknown)
                .contains("aria-invalid=\"true\"")
                .doesNotContain("data-testid=\"check-result\"")
                .contains("value=\"GET /api/2.0/nowhere\"");
        assertThat(testid(wrongMethod, "error-request"))
                .as("PATCH /api/2.0/token/{token_id} matches too")
                .contains("That path answers POST, PATCH.");
        assertThat(testid(noMethod, "error-request")).contains("Type the method and the path");
        assertThat(testid(nothing, "error-endpoint")).startsWith("Pick an endpoint");
        assertThat(nothing).doesNotContain("data-testid=\"error-request\"");
    }

    @Test
    void withoutJavaScriptTheFormPostAnswersTheWholePageWithTheResult() {
        Owned token = token("check-plain", "scim:read");

        HttpResponse<String> page = console.postForm(
                page(token) + "/check-access", Map.of("endpoint", "POST /api/2.0/token/create"), false);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html", "data-testid=\"token-lineage\"", "data-testid=\"scopes-panel\"");
        assertThat(testid(page.body(), "check-verdict")).isEqualTo("Denied: SCOPE_MISSING (HTTP 403)");
    }

    @Test
    void aUserWithoutTokenManagementReadGetsForbiddenEvenForTheirOwnToken() {
        String userName = TestData.unique("check-plain-user");
        Principal plain = testData.consoleUser(userName, "secret-password-1");
        Owned token = token(plain, "check-own", "tokens:read");
        ConsoleSession asPlain = new ConsoleSession(port);
        assertThat(asPlain.logIn(userName, "secret-password-1")).isEqualTo("/");

        HttpResponse<String> page =
                asPlain.postForm(page(token) + "/check-access", Map.of("endpoint", "GET /api/2.0/token/list"), false);
        HttpResponse<String> htmx =
                asPlain.postForm(page(token) + "/check-access", Map.of("endpoint", "GET /api/2.0/token/list"), true);

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("data-testid=\"forbidden\"").doesNotContain("data-testid=\"check-result\"");
        assertThat(htmx.body()).contains("data-testid=\"flash-error\"").doesNotContain("data-testid=\"check-result\"");
    }

    @Test
    void theScopesPanelMarksAScopeDeadWhenTheOwnersCustomRoleLosesItAndLiveWhenItIsBack() {
        String roleName = TestData.unique("check-reviewers");
        ApiClient.Response role = api.post(
                "/api/2.0/roles",
                ADMIN_TOKEN,
                json("{'name':'%s','permissions':['tokens:read','tokens:write','token-management:read']}", roleName));
        assertThat(role.status()).as(role.toString()).isEqualTo(200);
        String roleId = role.json().path("id").asString();
        Principal reviewer = testData.consoleUser(TestData.unique("check-reviewer"), "secret-password-1");
        ApiClient.Response assigned = api.post(
                "/api/2.0/role-assignments",
                ADMIN_TOKEN,
                json("{'role_id':%s,'principal_id':%d}", roleId, reviewer.id().value()));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        Owned token = token(reviewer, "check-dead", "token-management:read", "tokens:read");

        String before = console.get(page(token)).body();
        assertThat(scopeStates(before)).containsExactly("token-management:read=true", "tokens:read=true");
        assertThat(all(before, "effective-permission")).containsExactly("tokens:read", "token-management:read");
        assertThat(before).doesNotContain("data-testid=\"scope-why\"");

        ApiClient.Response narrowed = api.send(
                "PATCH",
                "/api/2.0/roles/" + roleId,
                ADMIN_TOKEN,
                "application/json",
                "{\"permissions\":[\"tokens:read\",\"tokens:write\"]}");
        assertThat(narrowed.status()).as(narrowed.toString()).isEqualTo(200);
        String changedAt = DAY.format(clock.instant());
        String dead = console.get(page(token)).body();

        assertThat(scopeStates(dead)).containsExactly("token-management:read=false", "tokens:read=true");
        assertThat(all(dead, "scope-status")).containsExactly("dead", "live");
        assertThat(testid(dead, "scope-why"))
                .contains(
                        reviewer.userName() + " no longer holds token-management:read" + " since the role change on "
                                + changedAt,
                        roleName);
        assertThat(all(dead, "effective-permission")).containsExactly("tokens:read");
        assertThat(api.get("/api/2.0/token-management/tokens", token.secret()).reason())
                .isEqualTo("ROLE_LACKS_PERMISSION");
        String checked =
                check(token, "GET /api/2.0/token-management/tokens", "").body();
        assertThat(testid(checked, "check-verdict")).isEqualTo("Denied: ROLE_LACKS_PERMISSION (HTTP 403)");
        assertThat(traceSteps(checked)).contains("ROLE_GRANTS_PERMISSION=failed", "SCOPE_GRANTS_PERMISSION=skipped");

        assertThat(api.send(
                                "PATCH",
                                "/api/2.0/roles/" + roleId,
                                ADMIN_TOKEN,
                                "application/json",
                                "{\"permissions\":[\"tokens:read\",\"tokens:write\",\"token-management:read\"]}")
                        .status())
                .isEqualTo(200);
        String back = console.get(page(token)).body();

        assertThat(scopeStates(back)).containsExactly("token-management:read=true", "tokens:read=true");
        assertThat(back).doesNotContain("data-testid=\"scope-why\"");
        assertThat(all(back, "effective-permission")).containsExactly("tokens:read", "token-management:read");
        assertThat(api.get("/api/2.0/token-management/tokens", token.secret()).status())
                .isEqualTo(200);
    }

    @Test
    void aTokenWhoseOnlyScopeIsDeadSaysItCanDoNothing() {
        Owned token = token("check-nothing", "scim:read");
        testData.unassign(BuiltInRole.USER, token.owner());

        String body = console.get(page(token)).body();

        assertThat(scopeStates(body)).containsExactly("scim:read=false");
        assertThat(testid(body, "scope-why")).contains("does not hold scim:read");
        assertThat(body)
                .contains("data-testid=\"no-effective-permissions\"")
                .doesNotContain("data-testid=\"effective-permission\"");
    }

    private record Owned(Principal owner, String id, String secret) {}

    private Owned token(String prefix, String... scopes) {
        return token(testData.consoleUser(TestData.unique(prefix + "-owner"), "secret-password-1"), prefix, scopes);
    }

    private Owned token(Principal owner, String prefix, String... scopes) {
        testData.grantTokenUsage(owner);
        IssuedToken issued = tokens.create(
                Actor.of(owner, "127.0.0.1"),
                new CreateTokenCommand(TestData.unique(prefix), Duration.ofDays(30), List.of(scopes)));
        return new Owned(owner, issued.token().id().value(), issued.secret().reveal());
    }

    private static String page(Owned token) {
        return INVENTORY + "/" + token.id();
    }

    /** Submits "Check access" as htmx does. */
    private HttpResponse<String> check(Owned token, String endpoint, String request) {
        return console.postForm(page(token) + "/check-access", Map.of("endpoint", endpoint, "request", request), true);
    }

    private static String detailOf(String html, String step) {
        Matcher m = Pattern.compile("data-step=\"" + step + "\"[^>]*>(.*?)</li>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).as("step " + step).isTrue();
        return text(m.group(1));
    }
}
