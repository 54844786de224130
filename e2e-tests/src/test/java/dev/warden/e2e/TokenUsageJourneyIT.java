package dev.warden.e2e;

import static dev.warden.e2e.WardenE2ETest.ADMIN_PASSWORD;
import static dev.warden.e2e.WardenE2ETest.ADMIN_USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.directory.UserDetails;
import dev.warden.core.group.GroupService;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.e2e.pages.AccessTokensPage;
import dev.warden.e2e.pages.IssuedTokenDialog;
import dev.warden.e2e.pages.LoginPage;
import dev.warden.e2e.pages.TokenUsageDialog;
import dev.warden.e2e.pages.WorkspaceSettingsPage;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The seed scenario in a real browser: a user in group {@code data-eng} cannot create a token and is told
 * why; the admin grants the group token usage in Workspace settings → Permission Settings; the user's token works;
 * taking the group away suspends it (the preview says so) and granting it again brings it back; switching tokens
 * off and on does the same for everyone.
 */
@WardenE2ETest
class TokenUsageJourneyIT {
    private static final String PASSWORD = "analyst-password-1";

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    DirectoryService directory;

    @Autowired
    GroupService groups;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    WorkspaceRepository workspaces;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    SettingsService settingsService;

    private WebDriver driver;
    private String baseUrl;
    private WardenApi api;

    @BeforeEach
    void setUp() {
        driver = browser.driver();
        baseUrl = LocalApp.baseUrl(port);
        api = new WardenApi(baseUrl);
    }

    /** Other journeys share the application: tokens are on whatever happened here. */
    @AfterEach
    void tokensOn() {
        settingsService.update(admin(), Map.of(SettingsService.ENABLE_TOKENS, "true"));
    }

    @Test
    void aGroupGetsTokenUsageLosesItAndGetsItBackAndTokensGoOffAndOn() {
        String group = "data-eng";
        String user = "analyst-" + UUID.randomUUID().toString().substring(0, 8);
        Principal analyst = directory.createUser(
                admin(), new UserDetails(user, user, null, null, null, null, true), passwords.encode(PASSWORD));
        groups.create(admin(), group, null, List.of(analyst.id()));

        // The user cannot create a token and is told why and whom to ask.
        AccessTokensPage theirTokens = LoginPage.open(driver, baseUrl).logInAs(user, PASSWORD);
        assertThat(theirTokens.canGenerate()).isFalse();
        AccessTokensPage.Refusal refusal = theirTokens.refusal().orElseThrow();
        assertThat(refusal.reason()).isEqualTo("NO_TOKEN_USAGE_PERMISSION");
        assertThat(refusal.title()).isEqualTo("You do not have permission to use tokens");
        // addressed to its reader, the user: "you", not the user's own name in the third person
        assertThat(refusal.message())
                .startsWith("You do not have permission to use tokens")
                .contains("Permission Settings")
                .doesNotContain(user);
        assertThat(refusal.askWhom()).contains(ADMIN_USER);
        shoot("issue4-no-token-usage");

        // The admin grants data-eng CAN_USE.
        WorkspaceSettingsPage settings = theirTokens
                .logOut()
                .logInAs(ADMIN_USER, ADMIN_PASSWORD)
                .openAdminConsoleFromNavigation()
                .openWorkspaceSettingsTab();
        assertThat(settings.currentTabTitle()).isEqualTo("Workspace settings");
        assertThat(settings.tokensEnabled()).isTrue();
        TokenUsageDialog usage = settings.openPermissionSettings();
        assertThat(usage.isModal()).isTrue();
        assertThat(usage.implicitAdmins())
                .as("shown by display name, always CAN_MANAGE, no Remove")
                .contains(new TokenUsageDialog.Entry(
                        principals
                                .findByUserName(admin().workspace(), ADMIN_USER)
                                .orElseThrow()
                                .displayName(),
                        "CAN_MANAGE",
                        false));
        usage = usage.add(group, group);
        assertThat(usage.entries()).contains(new TokenUsageDialog.Entry(group, "CAN_USE", true));
        assertThat(usage.impactSummary()).startsWith("Nobody loses token usage");
        shoot("issue4-token-usage-dialog");
        settings = usage.save();
        assertThat(settings.savedMessage()).contains("Token usage saved.");

        // The user creates a token and uses it.
        theirTokens = settings.logOut().logInAs(user, PASSWORD);
        assertThat(theirTokens.refusal()).isEmpty();
        IssuedTokenDialog issued = theirTokens.generateToken("notebooks", 30, "tokens:read");
        String token = issued.tokenValue();
        WardenApi.Response works = api.listTokens(token);
        assertThat(works.status()).as("%s", works).isEqualTo(200);
        assertThat(works.tokenNames()).containsExactly("notebooks");

        // The admin removes the group: the preview names the user and its token; the token stops.
        usage = issued.done()
                .logOut()
                .logInAs(ADMIN_USER, ADMIN_PASSWORD)
                .openAdminConsoleFromNavigation()
                .openWorkspaceSettingsTab()
                .openPermissionSettings();
        usage = usage.remove(group);
        assertThat(usage.entries()).extracting(TokenUsageDialog.Entry::name).doesNotContain(group);
        assertThat(usage.impactSummary()).startsWith("1 principal loses token usage; its 1 token will stop working");
        assertThat(usage.losses()).containsExactly(new TokenUsageDialog.Loss(user, "(user) · 1 working token"));
        shoot("issue4-token-usage-preview");
        settings = usage.save();
        WardenApi.Response suspended = api.listTokens(token);
        assertThat(suspended.status()).as("%s", suspended).isEqualTo(403);
        assertThat(suspended.reason()).isEqualTo("NO_TOKEN_USAGE_PERMISSION");

        // Cancel changes nothing; re-adding the group makes the same token work again.
        settings = settings.openPermissionSettings().add(group, group).cancel();
        assertThat(api.listTokens(token).status()).as("Cancel stored nothing").isEqualTo(403);
        assertThat(settings.openPermissionSettings().entries())
                .extracting(TokenUsageDialog.Entry::name)
                .doesNotContain(group);
        settings = WorkspaceSettingsPage.open(driver, baseUrl)
                .openPermissionSettings()
                .add(group, group)
                .save();
        WardenApi.Response back = api.listTokens(token);
        assertThat(back.status()).as("%s", back).isEqualTo(200);

        // Tokens off: nothing authenticates; on again: the token works.
        settings = settings.saveTokensEnabled(false);
        assertThat(settings.savedMessage()).contains("Settings saved.");
        assertThat(settings.tokensEnabled()).isFalse();
        WardenApi.Response off = api.listTokens(token);
        assertThat(off.status()).as("%s", off).isEqualTo(403);
        assertThat(off.reason()).isEqualTo("TOKENS_DISABLED");
        shoot("issue4-tokens-off");
        settings = settings.saveTokensEnabled(true);
        assertThat(settings.tokensEnabled()).isTrue();
        WardenApi.Response on = api.listTokens(token);
        assertThat(on.status()).as("%s", on).isEqualTo(200);
    }

    private Actor admin() {
        var workspace = workspaces.findByName("main").orElseThrow();
        return Actor.of(principals.findByUserName(workspace.id(), ADMIN_USER).orElseThrow(), "127.0.0.1");
    }

    private void shoot(String name) {
        Path dir = Paths.get(System.getProperty("warden.e2e.shots", "target/e2e-shots"));
        browser.screenshot(dir.resolve(name + ".png"));
    }
}
