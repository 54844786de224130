package dev.warden.e2e;

import static dev.warden.e2e.WardenE2ETest.ADMIN_PASSWORD;
import static dev.warden.e2e.WardenE2ETest.ADMIN_USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.directory.UserDetails;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleRepository;
import dev.warden.core.role.RoleService;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenService;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.e2e.pages.AccessTokensPage;
import dev.warden.e2e.pages.ConfirmDialog;
import dev.warden.e2e.pages.CreateAccessTokenDialog;
import dev.warden.e2e.pages.GenerateTokenDialog;
import dev.warden.e2e.pages.LoginPage;
import dev.warden.e2e.pages.RolePage;
import dev.warden.e2e.pages.TechnicalTokensPage;
import dev.warden.e2e.pages.WorkspaceSettingsPage;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Token lists in a real browser (issue 16): revoke and delete ask in the console's own dialog, not the browser's
 * confirm(), and deleting the last token shows the empty table at once; removing someone's workspace-admin role
 * says which of their tokens stop and can keep them working; switching tokens off says what stops before it does.
 */
@WardenE2ETest
class TokenListsJourneyIT {
    private static final String PASSWORD = "lists-password-1";

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    DirectoryService directory;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    WorkspaceRepository workspaces;

    @Autowired
    RoleRepository roleRepository;

    @Autowired
    RoleService roles;

    @Autowired
    TokenService tokens;

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

    @AfterEach
    void tokensOn() {
        settingsService.update(admin(), Map.of(SettingsService.ENABLE_TOKENS, "true"));
    }

    @Test
    void revokeAndDeleteAskInTheConsolesDialogAndTheLastDeletionEmptiesTheTable() {
        String user = "lists-" + UUID.randomUUID().toString().substring(0, 8);
        Principal owner = directory.createUser(
                admin(), new UserDetails(user, user, null, null, null, null, true), passwords.encode(PASSWORD));
        roles.assign(admin(), adminRole().id(), owner.id(), null, null);
        tokens.create(Actor.of(owner, "127.0.0.1"), new CreateTokenCommand("the only one", null, null));

        AccessTokensPage page = LoginPage.open(driver, baseUrl).logInAs(user, PASSWORD);
        assertThat(page.tokenNames()).containsExactly("the only one");

        ConfirmDialog revoke = page.clickAndAwaitConfirmation("the only one", "revoke-token");
        assertThat(revoke.isModal()).isTrue();
        assertThat(revoke.question()).isEqualTo("Revoke 'the only one'? It stops working until you restore it.");
        assertThat(revoke.confirmLabel()).isEqualTo("Revoke");
        assertThat(browserAlert()).as("no browser confirm()").isFalse();
        shoot("issue16-confirm-dialog");
        revoke.cancel();
        assertThat(page.rowFor("the only one").status()).isEqualTo("Active");

        ConfirmDialog delete = page.clickAndAwaitConfirmation("the only one", "delete-token");
        assertThat(delete.confirmLabel()).isEqualTo("Delete");
        delete.confirm();
        Waits.on(driver)
                .withMessage("the empty table")
                .until(d -> page.emptyState().isPresent());
        assertThat(page.emptyState()).contains("You have no access tokens yet.");
        assertThat(page.tokenNames()).isEmpty();
    }

    @Test
    void removingAWorkspaceAdminSaysWhichTokensStopAndCanKeepThemWorking() {
        String user = "carol-" + UUID.randomUUID().toString().substring(0, 8);
        Principal carol = directory.createUser(
                admin(), new UserDetails(user, user, null, null, null, null, true), passwords.encode(PASSWORD));
        roles.assign(admin(), adminRole().id(), carol.id(), null, null);
        String kept = tokens.create(Actor.of(carol, "127.0.0.1"), new CreateTokenCommand("kept", null, null))
                .secret()
                .reveal();
        tokens.create(Actor.of(carol, "127.0.0.1"), new CreateTokenCommand("also kept", null, null));

        LoginPage.open(driver, baseUrl).logInAs(ADMIN_USER, ADMIN_PASSWORD);
        RolePage role = RolePage.open(driver, baseUrl, adminRole().id().value());
        RolePage.RemovalDialog removal = role.unassignWithImpact(user);

        assertThat(removal.isModal()).isTrue();
        assertThat(removal.impact())
                .contains(user + " is not on the token usage list: 2 tokens (2 personal) will stop working");
        assertThat(removal.keepLabel())
                .isEqualTo("Also add " + user + " to the token usage list, so these tokens keep working");
        shoot("issue16-admin-removal-impact");
        role = removal.keepTokenUsage().remove();

        assertThat(role.holders()).noneMatch(holder -> holder.name().equals(user));
        WardenApi.Response works = api.listTokens(kept);
        assertThat(works.status()).as("%s", works).isEqualTo(200);
    }

    @Test
    void personalAndOrganisationTokensExpireThroughTheSameControl() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        AccessTokensPage mine = LoginPage.open(driver, baseUrl).logInAs(ADMIN_USER, ADMIN_PASSWORD);
        GenerateTokenDialog generate = mine.openGenerateDialog();
        assertThat(generate.expiryPresets()).containsExactly("7", "30", "90");
        generate.lifetimeDays(7);
        assertThat(generate.expirationDate())
                .as("a preset shows its date")
                .isEqualTo(today.plusDays(7).toString());
        generate.expiresOn(today.plusDays(12));
        assertThat(generate.lifetimeValue())
                .as("typing a date chooses it")
                .isEqualTo(today.plusDays(12).toString());
        shoot("issue16-expiry-control");
        String name = "expiry-" + UUID.randomUUID().toString().substring(0, 8);
        mine = generate.name(name).scopes("tokens:read").submit().done();
        assertThat(mine.rowFor(name).expires()).startsWith(today.plusDays(12).toString());

        TechnicalTokensPage organisation =
                TechnicalTokensPage.organisationTokensFrom(mine.openAdminConsoleFromNavigation());
        CreateAccessTokenDialog create = organisation.openCreateDialog();
        assertThat(create.expiryPresets()).containsExactly("7", "30", "90");
        create.expiresIn(30);
        assertThat(create.expirationDate()).isEqualTo(today.plusDays(30).toString());
    }

    @Test
    void theTokensSwitchNamesEveryKindAndSaysWhatStopsBeforeItDoes() {
        WorkspaceSettingsPage settings = LoginPage.open(driver, baseUrl)
                .logInAs(ADMIN_USER, ADMIN_PASSWORD)
                .openAdminConsoleFromNavigation()
                .openWorkspaceSettingsTab();
        assertThat(settings.switchLabel()).isEqualTo("API tokens (all kinds) are on");

        String impact = settings.askToSwitchTokensOff();

        assertThat(impact)
                .startsWith("Switching tokens off stops every token of every kind: ")
                .contains("personal");
        shoot("issue16-tokens-switch-confirm");
        assertThat(WorkspaceSettingsPage.open(driver, baseUrl).tokensEnabled())
                .as("nothing saved before confirming")
                .isTrue();
    }

    private boolean browserAlert() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    private Role adminRole() {
        return roleRepository
                .findByName(admin().workspace(), BuiltInRole.WORKSPACE_ADMIN.roleName())
                .orElseThrow();
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
