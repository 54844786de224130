package dev.warden.e2e;

import static dev.warden.e2e.WardenE2ETest.ADMIN_PASSWORD;
import static dev.warden.e2e.WardenE2ETest.ADMIN_USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.e2e.pages.LoginPage;
import dev.warden.e2e.pages.WorkspaceSettingsPage;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The inactivity policy in a real browser: as the admin types the days, the preview beside the field says what the
 * policy would do today (htmx, nothing saved yet); saving keeps the days.
 */
@WardenE2ETest
class InactivityPolicyJourneyIT {
    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    SettingsService settingsService;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    WorkspaceRepository workspaces;

    /** Other journeys share the application: the policy is off again whatever happened here. */
    @AfterEach
    void policyOff() {
        Map<String, String> off = new HashMap<>();
        off.put(SettingsService.REVOKE_UNUSED_DAYS, "");
        settingsService.update(admin(), off);
    }

    @Test
    void theAdminSeesWhatThePolicyWouldDoAsTheyTypeThenSavesIt() {
        WebDriver driver = browser.driver();
        String baseUrl = LocalApp.baseUrl(port);
        WorkspaceSettingsPage settings = LoginPage.open(driver, baseUrl)
                .logInAs(ADMIN_USER, ADMIN_PASSWORD)
                .openAdminConsoleFromNavigation()
                .openWorkspaceSettingsTab();
        assertThat(settings.inactivityDays()).isEmpty();

        assertThat(settings.typeInactivityDays("90"))
                .startsWith("With 90 days:")
                .containsAnyOf("would be revoked today", "Warden warns first and revokes");
        assertThat(settings.typeInactivityDays("730")).startsWith("With 730 days:");
        browser.screenshot(Paths.get(System.getProperty("warden.e2e.shots", "target/e2e-shots"))
                .resolve("issue18-inactivity-preview.png"));
        assertThat(settingsService.get(admin()).revokeUnusedAfterDays())
                .as("the preview saves nothing")
                .isNull();

        settings = settings.saveInactivityPolicy();

        assertThat(settings.inactivityDays()).isEqualTo("730");
        assertThat(settings.savedMessage()).contains("Inactivity policy saved.");
        assertThat(settingsService.get(admin()).revokeUnusedAfterDays()).isEqualTo(730);
    }

    private Actor admin() {
        var workspace = workspaces.findByName("main").orElseThrow();
        return Actor.of(principals.findByUserName(workspace.id(), ADMIN_USER).orElseThrow(), "127.0.0.1");
    }
}
