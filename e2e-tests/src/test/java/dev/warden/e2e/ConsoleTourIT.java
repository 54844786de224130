package dev.warden.e2e;

import static dev.warden.e2e.WardenE2ETest.ADMIN_PASSWORD;
import static dev.warden.e2e.WardenE2ETest.ADMIN_USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenService;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.e2e.pages.AccessTokensPage;
import dev.warden.e2e.pages.LoginPage;
import dev.warden.e2e.pages.OwnTokenPage;
import dev.warden.e2e.pages.TokenDetailPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Takes the README's console tour screenshots ({@code docs/screenshots/*.png}, committed), so they show the console
 * as it is: every run overwrites them. Five at 1440x900, one on a 390 px wide phone. The directory can be moved with
 * {@code -Dwarden.e2e.tour=...}; by default it is the repository's {@code docs/screenshots}, seen from this module.
 */
@WardenE2ETest
class ConsoleTourIT {
    /** A blank or broken capture of a 1440x900 console page is far smaller than this. */
    private static final long NON_TRIVIAL_BYTES = 20_000;

    private static final Path TOUR = Paths.get(System.getProperty("warden.e2e.tour", "../docs/screenshots"));

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    TokenService tokens;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    WorkspaceRepository workspaces;

    private WebDriver driver;
    private String baseUrl;

    @AfterEach
    void backToTheDefaultSize() {
        Viewport.resize(driver, 1280, 900);
    }

    @Test
    void theTourScreenshotsAreTakenAndNonTrivial() throws IOException {
        driver = browser.driver();
        baseUrl = LocalApp.baseUrl(port);
        showing(1440, 900);
        tokens.create(admin(), new CreateTokenCommand("nightly-export", Duration.ofDays(90), List.of("scim:read")));
        String checked = tokens.create(
                        admin(),
                        new CreateTokenCommand("ci-deploys", Duration.ofDays(30), List.of("tokens:read", "scim:read")))
                .token()
                .id()
                .value();

        AccessTokensPage page = LoginPage.open(driver, baseUrl).logInAs(ADMIN_USER, ADMIN_PASSWORD);
        shoot("01-my-tokens");

        page.openGenerateDialog().name("release-bot").lifetimeDays(30).scopes("tokens:read", "tokens:write");
        shoot("02-generate-token");

        page = AccessTokensPage.open(driver, baseUrl);
        OwnTokenPage.openFrom(page, "ci-deploys");
        shoot("03-token-page");

        driver.get(baseUrl + "/settings/admin/tokens");
        Htmx.awaitSettled(driver);
        assertThat(driver.findElements(By.cssSelector("[data-testid=inventory-row]")))
                .isNotEmpty();
        shoot("04-token-inventory");

        TokenDetailPage.open(driver, baseUrl, checked).checkAccess("POST /api/2.0/token/create");
        shoot("05-check-access");

        showing(Viewport.PHONE_WIDTH, 844);
        AccessTokensPage.open(driver, baseUrl);
        shoot("06-phone-my-tokens");

        for (String name : List.of(
                "01-my-tokens",
                "02-generate-token",
                "03-token-page",
                "04-token-inventory",
                "05-check-access",
                "06-phone-my-tokens")) {
            Path png = TOUR.resolve(name + ".png");
            assertThat(png).exists();
            assertThat(Files.size(png)).as("%s's size", png).isGreaterThan(NON_TRIVIAL_BYTES);
        }
    }

    /** Sizes the window so that the page itself (what the screenshot holds) is width x height. */
    private void showing(int width, int height) {
        Viewport.resize(driver, width, height);
        long chrome = height
                - ((Number) ((org.openqa.selenium.JavascriptExecutor) driver)
                                .executeScript("return window.innerHeight;"))
                        .longValue();
        Viewport.resize(driver, width, height + (int) chrome);
    }

    /** Overwrites the named screenshot; the bytes must be a PNG. */
    private void shoot(String name) throws IOException {
        Htmx.awaitSettled(driver);
        Path png = browser.screenshot(TOUR.resolve(name + ".png"));
        byte[] head = new byte[8];
        try (var in = Files.newInputStream(png)) {
            assertThat(in.read(head)).isEqualTo(8);
        }
        assertThat(new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("PNG");
    }

    private Actor admin() {
        var workspace = workspaces.findByName("main").orElseThrow();
        return Actor.of(principals.findByUserName(workspace.id(), ADMIN_USER).orElseThrow(), "127.0.0.1");
    }
}
