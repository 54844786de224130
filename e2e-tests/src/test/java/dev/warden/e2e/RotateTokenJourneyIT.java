package dev.warden.e2e;

import static dev.warden.e2e.WardenE2ETest.ADMIN_PASSWORD;
import static dev.warden.e2e.WardenE2ETest.ADMIN_USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.e2e.pages.AccessTokensPage;
import dev.warden.e2e.pages.IssuedTokenDialog;
import dev.warden.e2e.pages.LoginPage;
import dev.warden.e2e.pages.RotateTokenDialog;
import java.nio.file.Paths;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 16, item 12: an owner rotates their own token from User settings → Access tokens. With a grace the old
 * secret keeps working beside the new one; rotating again with "Immediately" stops every secret but the newest at
 * once. Each new secret is shown once, and the list then shows the token's new hint under the same id.
 */
@WardenE2ETest
class RotateTokenJourneyIT {
    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

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
    void anOwnerRotatesTheirTokenTheOldValueStopsAfterTheGraceAndTheNewOneWorks() {
        String name = unique("rotating-ci");
        AccessTokensPage tokens = LoginPage.open(driver, baseUrl)
                .logInAs(ADMIN_USER, ADMIN_PASSWORD)
                .openUserSettingsFromNavigation();
        IssuedTokenDialog created = tokens.generateToken(name, 30, "tokens:read");
        String original = created.tokenValue();
        tokens = created.done();
        String id = tokens.rowFor(name).id();
        String originalHint = tokens.rowFor(name).hint();
        assertThat(tokens.rowFor(name).actions()).contains("Rotate");

        RotateTokenDialog dialog = tokens.openRotate(name);
        assertThat(dialog.title()).contains(name);
        IssuedTokenDialog rotated = dialog.oldSecretStops("After 1 hour").rotate();
        assertThat(rotated.isModal()).as("the copy-once dialog").isTrue();
        String second = rotated.tokenValue();
        assertThat(second).startsWith("wdn_").isNotEqualTo(original);
        shoot("issue16-rotate-issued");
        tokens = rotated.doneReloadingTokens();
        assertThat(tokens.rowFor(name).id()).as("same token").isEqualTo(id);
        assertThat(tokens.rowFor(name).hint())
                .isNotEqualTo(originalHint)
                .isEqualTo("wdn_…" + second.substring(second.length() - 4));
        assertThat(driver.getPageSource()).as("shown once").doesNotContain(second);
        assertThat(api.listTokens(original).status())
                .as("old value, within its grace")
                .isEqualTo(200);
        assertThat(api.listTokens(second).status()).as("new value").isEqualTo(200);

        String third =
                tokens.openRotate(name).oldSecretStops("Immediately").rotate().tokenValue();

        WardenApi.Response stopped = api.listTokens(second);
        assertThat(stopped.status()).as("the previous value, with no grace").isEqualTo(401);
        assertThat(stopped.reason()).isEqualTo("TOKEN_UNKNOWN");
        assertThat(api.listTokens(original).status())
                .as("the first value, its grace ended")
                .isEqualTo(401);
        WardenApi.Response working = api.listTokens(third);
        assertThat(working.status()).as("%s", working).isEqualTo(200);
        assertThat(working.body()).contains(id);
    }

    private void shoot(String name) {
        browser.screenshot(Paths.get(System.getProperty("warden.e2e.shots", "target/e2e-shots"))
                .resolve(name + ".png"));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
