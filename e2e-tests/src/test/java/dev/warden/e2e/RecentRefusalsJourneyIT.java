package dev.warden.e2e;

import static dev.warden.e2e.WardenE2ETest.ADMIN_PASSWORD;
import static dev.warden.e2e.WardenE2ETest.ADMIN_USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TokenRefusalRecorder;
import dev.warden.core.token.TokenService;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.e2e.pages.LoginPage;
import dev.warden.e2e.pages.TokenDetailPage;
import dev.warden.e2e.pages.TokenDetailPage.CheckResult;
import dev.warden.e2e.pages.TokenDetailPage.Refusal;
import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 16, "Why was my token refused?", in a real browser: a token's refused API calls appear on its page under
 * Recent refusals, newest first and in words, and a refusal's link opens Check access pre-filled with that request,
 * already answered with the same reason.
 */
@WardenE2ETest
class RecentRefusalsJourneyIT {
    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    TokenService tokens;

    @Autowired
    TokenRefusalRecorder refusals;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    WorkspaceRepository workspaces;

    private WebDriver driver;
    private String baseUrl;
    private WardenApi api;

    @BeforeEach
    void setUp() {
        driver = browser.driver();
        baseUrl = LocalApp.baseUrl(port);
        api = new WardenApi(baseUrl);
    }

    @Test
    void aRefusedCallAppearsOnTheTokenPageAndItsLinkOpensCheckAccessPrefilled() {
        IssuedToken token =
                tokens.create(adminActor(), new CreateTokenCommand(unique("read-only"), null, List.of("tokens:read")));
        String secret = token.secret().reveal();
        assertThat(api.send("GET", "/api/2.0/token/list", secret, null).status())
                .isEqualTo(200);
        WardenApi.Response refused =
                api.send("POST", "/api/2.0/token/create?comment=from-the-query", secret, "{\"comment\":\"x\"}");
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.reason()).isEqualTo("SCOPE_MISSING");
        refusals.flush(); // what the background flusher does within a second

        LoginPage.open(driver, baseUrl).logInAs(ADMIN_USER, ADMIN_PASSWORD);
        TokenDetailPage page =
                TokenDetailPage.open(driver, baseUrl, token.token().id().value());

        assertThat(page.refusals())
                .containsExactly(new Refusal(
                        "POST /api/2.0/token/create",
                        "This endpoint needs a scope the token does not hold",
                        "SCOPE_MISSING",
                        "127.0.0.1"));
        ((JavascriptExecutor) driver)
                .executeScript("document.querySelector('[data-testid=refusals-panel]').scrollIntoView()");
        shoot("issue16-recent-refusals");

        CheckResult check = page.openRefusalCheck(0);

        assertThat(driver.getCurrentUrl()).endsWith("#check-access");
        assertThat(page.typedRequest()).isEqualTo("POST /api/2.0/token/create");
        assertThat(check.verdict()).isEqualTo("Denied: SCOPE_MISSING (HTTP 403)");
        assertThat(check.endpoint()).isEqualTo("POST /api/2.0/token/create");
        assertThat(check.fact("required_scope")).containsExactly("tokens:write");
        assertThat(check.fact("token_scopes")).containsExactly("tokens:read");
        shoot("issue16-refusal-check-access");
    }

    private Actor adminActor() {
        var workspace = workspaces.findByName("main").orElseThrow();
        return Actor.of(principals.findByUserName(workspace.id(), ADMIN_USER).orElseThrow(), "127.0.0.1");
    }

    private void shoot(String name) {
        browser.screenshot(Paths.get(System.getProperty("warden.e2e.shots", "target/e2e-shots"))
                .resolve(name + ".png"));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
