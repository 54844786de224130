package dev.warden.e2e;

import static dev.warden.e2e.WardenE2ETest.ADMIN_PASSWORD;
import static dev.warden.e2e.WardenE2ETest.ADMIN_USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenService;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.e2e.pages.IssuedTokenDialog;
import dev.warden.e2e.pages.LoginPage;
import dev.warden.e2e.pages.PrincipalPage;
import dev.warden.e2e.pages.PrincipalPage.RoleLine;
import java.nio.file.Paths;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 16, the service principal's page (seed scenario 1 without curl or other pages): the admin creates a service
 * principal, and on its page creates its token in the personal token dialog (the value shown once, then the token
 * listed there and working on the API as the service principal), adds it to a group and assigns it a role, and
 * finds the way to its OAuth secrets.
 */
@WardenE2ETest
class ServicePrincipalPageJourneyIT {
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
    private WardenApi api;

    @BeforeEach
    void setUp() {
        driver = browser.driver();
        baseUrl = LocalApp.baseUrl(port);
        api = new WardenApi(baseUrl);
    }

    @Test
    void theAdminCreatesItsTokenAddsItToAGroupAndAssignsARoleOnItsPage() {
        String admin = adminApiToken();
        String group = unique("deployers");
        String role = unique("report-reader");
        WardenApi.Response groupMade = api.send(
                "POST",
                "/api/2.0/preview/scim/v2/Groups",
                admin,
                json("{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'displayName':'%s'}", group));
        assertThat(groupMade.status()).as("%s", groupMade).isEqualTo(201);
        WardenApi.Response roleMade =
                api.send("POST", "/api/2.0/roles", admin, json("{'name':'%s','permissions':['scim:read']}", role));
        assertThat(roleMade.status()).as("%s", roleMade).isEqualTo(200);

        String name = unique("nightly-bot");
        PrincipalPage page = LoginPage.open(driver, baseUrl)
                .logInAs(ADMIN_USER, ADMIN_PASSWORD)
                .openAdminConsoleFromNavigation()
                .openServicePrincipalsTab()
                .createServicePrincipal(name)
                .openCreated();
        String applicationId = page.applicationId();
        WardenApi.Response granted = api.send(
                "PATCH",
                "/api/2.0/permissions/authorization/tokens",
                admin,
                json(
                        "{'access_control_list':[{'service_principal_name':'%s','permission_level':'CAN_USE'}]}",
                        applicationId));
        assertThat(granted.status()).as("%s", granted).isEqualTo(200);
        page = page.reload();
        assertThat(page.offersCreateToken()).isTrue();
        assertThat(page.secretsLink()).isEqualTo("#client-secrets");

        String tokenName = unique("nightly-report");
        IssuedTokenDialog issued = page.openCreateToken()
                .name(tokenName)
                .lifetimeDays(30)
                .scopes("tokens:read")
                .submit();
        assertThat(issued.isModal()).as("the copy-once dialog").isTrue();
        assertThat(issued.valueLabel()).contains(tokenName);
        String secret = issued.tokenValue();
        assertThat(secret).startsWith("wdn_");
        shoot("issue16-sp-token-issued");
        page = issued.doneReloadingPrincipal();
        assertThat(page.tokens()).singleElement().satisfies(token -> {
            assertThat(token.name()).isEqualTo(tokenName);
            assertThat(token.scopes()).containsExactly("tokens:read");
            assertThat(token.status()).isEqualTo("Active");
        });
        assertThat(driver.getPageSource()).as("shown once").doesNotContain(secret);
        WardenApi.Response asRobot = api.listTokens(secret);
        assertThat(asRobot.status()).as("%s", asRobot).isEqualTo(200);

        page = page.addToGroup(group);
        assertThat(page.groups()).containsExactly(group);

        page = page.assignRole(role);
        assertThat(page.roles()).contains(new RoleLine(role, "Workspace", "Direct"));
        assertThat(page.reload().roles())
                .as("stored, not only drawn")
                .contains(new RoleLine(role, "Workspace", "Direct"));
        assertThat(page.groups()).containsExactly(group);
        shoot("issue16-sp-page-actions");
    }

    /** The bootstrap admin's own API token, as the admin would create it under User settings → Access tokens. */
    private String adminApiToken() {
        var workspace = workspaces.findByName("main").orElseThrow();
        Principal admin = principals.findByUserName(workspace.id(), ADMIN_USER).orElseThrow();
        return tokens.create(Actor.of(admin, "127.0.0.1"), new CreateTokenCommand(unique("issue16-sp"), null, null))
                .secret()
                .reveal();
    }

    private void shoot(String name) {
        browser.screenshot(Paths.get(System.getProperty("warden.e2e.shots", "target/e2e-shots"))
                .resolve(name + ".png"));
    }

    private static String json(String template, Object... args) {
        return String.format(template, args).replace('\'', '"');
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
