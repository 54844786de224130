package dev.warden.web.access;

import static dev.warden.web.support.Html.all;
import static dev.warden.web.support.Html.section;
import static dev.warden.web.support.Html.tagsWith;
import static dev.warden.web.support.Html.testid;
import static dev.warden.web.support.Html.traceSteps;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenRefusalRecorder;
import dev.warden.core.token.TokenService;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The "Recent refusals" panel on the owner's and the admin's token page (issue 16), over real HTTP: a refused API call
 * appears, newest first, with the reason in words; its link opens the page with Check access pre-filled and answered.
 */
@WardenSpringBootTest
class TokenRefusalsConsoleIT {
    private static final String PASSWORD = "secret-password-1";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    TokenService tokens;

    @Autowired
    TokenRefusalRecorder recorder;

    TestData testData;
    ApiClient api;

    @BeforeEach
    void setUp() {
        testData = TestData.of(context);
        api = new ApiClient(port);
    }

    private record Owner(Principal principal, ConsoleSession console) {}

    private Owner owner(String prefix) {
        String userName = TestData.unique(prefix);
        Principal principal = testData.consoleUser(userName, PASSWORD);
        testData.grantTokenUsage(principal);
        ConsoleSession console = new ConsoleSession(port);
        assertThat(console.logIn(userName, PASSWORD)).isEqualTo("/");
        return new Owner(principal, console);
    }

    private IssuedToken token(Owner owner, String... scopes) {
        return tokens.create(
                Actor.of(owner.principal(), "127.0.0.1"),
                new CreateTokenCommand(TestData.unique("refused"), Duration.ofDays(30), List.of(scopes)));
    }

    @Test
    void theOwnersPageListsTheRefusalsNewestFirstAndLinksToCheckAccess() {
        Owner owner = owner("refusals-owner");
        IssuedToken token = token(owner, "tokens:read");
        String secret = token.secret().reveal();
        String page = "/settings/user/tokens/" + token.token().id().value();

        String empty = owner.console().get(page).body();
        assertThat(testid(empty, "no-refusals")).contains("No request with this token has been refused");

        assertThat(api.post("/api/2.0/token/create?note=private", secret, "{\"comment\":\"x\"}")
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/2.0/preview/scim/v2/Groups", secret).status()).isEqualTo(403);
        recorder.flush();

        String body = owner.console().get(page).body();

        assertThat(all(body, "refusal-request"))
                .containsExactly("GET /api/2.0/preview/scim/v2/Groups", "POST /api/2.0/token/create");
        assertThat(all(body, "refusal-reason")).containsOnly("This endpoint needs a scope the token does not hold");
        assertThat(all(body, "refusal-code")).containsOnly("SCOPE_MISSING");
        assertThat(all(body, "refusal-address")).containsOnly("127.0.0.1");
        assertThat(all(body, "refusal-agent")).containsOnly("warden-api-test/1.0");
        assertThat(section(body, "refusals-panel"))
                .doesNotContain("note=private")
                .doesNotContain(secret);
        List<String> links =
                tagsWith(body, "refusal-check").stream().map(a -> a.get("href")).toList();
        assertThat(links.get(1)).isEqualTo(page + "?method=POST&amp;path=/api/2.0/token/create#check-access");

        HttpResponse<String> opened = owner.console().get(page + "?method=POST&path=/api/2.0/token/create");

        assertThat(opened.statusCode()).isEqualTo(200);
        String checked = opened.body();
        assertThat(tagsWith(checked, "check-request").get(0).get("value")).isEqualTo("POST /api/2.0/token/create");
        assertThat(testid(checked, "check-verdict")).isEqualTo("Denied: SCOPE_MISSING (HTTP 403)");
        assertThat(testid(checked, "checked-endpoint")).isEqualTo("POST /api/2.0/token/create");
        assertThat(traceSteps(checked)).endsWith("SCOPE_GRANTS_PERMISSION=failed");
    }

    @Test
    void theAdminsPageListsThemTooAndARevokedTokensRefusalSaysSoInWords() {
        Owner owner = owner("refusals-admin-view");
        IssuedToken token = token(owner, "tokens:read");
        tokens.revoke(Actor.of(owner.principal(), "127.0.0.1"), token.token().id());
        assertThat(api.get("/api/2.0/token/list", token.secret().reveal()).status())
                .isEqualTo(401);
        recorder.flush();
        ConsoleSession admin = new ConsoleSession(port);
        assertThat(admin.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
        String page = "/settings/admin/tokens/" + token.token().id().value();

        String body = admin.get(page).body();

        assertThat(all(body, "refusal-request")).containsExactly("GET /api/2.0/token/list");
        assertThat(all(body, "refusal-reason")).containsExactly("The access token was revoked");
        assertThat(tagsWith(body, "refusal").get(0).get("data-reason")).isEqualTo("TOKEN_REVOKED");
        assertThat(tagsWith(body, "refusal-check").get(0).get("href"))
                .isEqualTo(page + "?method=GET&amp;path=/api/2.0/token/list#check-access");

        String checked =
                admin.get(page + "?method=GET&path=/api/2.0/token/list").body();
        assertThat(testid(checked, "check-verdict")).isEqualTo("Denied: TOKEN_REVOKED (HTTP 401)");
    }

    @Test
    void aPrefilledPathThatIsNoEndpointIsAFieldErrorNotAFailure() {
        Owner owner = owner("refusals-bad-link");
        IssuedToken token = token(owner, "tokens:read");
        String page = "/settings/user/tokens/" + token.token().id().value();

        HttpResponse<String> opened = owner.console().get(page + "?method=GET&path=/api/2.0/nothing/here");

        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(testid(opened.body(), "error-request"))
                .contains("No API endpoint matches GET /api/2.0/nothing/here");
    }
}
