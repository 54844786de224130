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
import dev.warden.e2e.pages.CreatedPrincipalDialog;
import dev.warden.e2e.pages.CredentialsList;
import dev.warden.e2e.pages.CredentialsList.Credential;
import dev.warden.e2e.pages.LoginPage;
import dev.warden.e2e.pages.PrincipalPage;
import java.nio.file.Paths;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 5, journey 3: an admin creates a service principal in the console, gives it token usage and an
 * on-behalf-of token over the API, and finds the token on the service principal's credentials list with its
 * scopes and lineage; deactivating the service principal shows the credential suspended, and why.
 */
@WardenE2ETest
class ServicePrincipalCredentialsJourneyIT {
    private static final String DATE_TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC";

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
    void anOnBehalfOfTokenIsOnTheServicePrincipalsCredentialsAndShowsSuspendedWhenItIsDeactivated() {
        String name = unique("reporting-bot");
        CreatedPrincipalDialog created = LoginPage.open(driver, baseUrl)
                .logInAs(ADMIN_USER, ADMIN_PASSWORD)
                .openAdminConsoleFromNavigation()
                .openServicePrincipalsTab()
                .createServicePrincipal(name);
        String applicationId = created.applicationId();
        PrincipalPage detail = created.openCreated();
        assertThat(detail.title()).isEqualTo(name);
        assertThat(CredentialsList.of(detail).heading()).isEqualTo("Credentials (0)");

        String admin = adminApiToken();
        WardenApi.Response granted = api.send(
                "PATCH",
                "/api/2.0/permissions/authorization/tokens",
                admin,
                json(
                        "{'access_control_list':[{'service_principal_name':'%s','permission_level':'CAN_USE'}]}",
                        applicationId));
        assertThat(granted.status()).as("%s", granted).isEqualTo(200);
        WardenApi.Response issued = api.send(
                "POST",
                "/api/2.0/token-management/on-behalf-of/tokens",
                admin,
                json(
                        "{'application_id':'%s','comment':'nightly report','lifetime_seconds':604800,"
                                + "'scopes':['scim:read','tokens:read']}",
                        applicationId));
        assertThat(issued.status()).as("%s", issued).isEqualTo(200);
        String tokenId = issued.text("token_info", "token_id");
        String secret = issued.text("token_value");

        detail = detail.reload();
        CredentialsList credentials = CredentialsList.of(detail);
        assertThat(credentials.heading()).isEqualTo("Credentials (1)");
        assertThat(credentials.count()).isEqualTo(1);
        assertThat(credentials.credentials()).hasSize(1);
        Credential credential = credentials.credentials().get(0);
        assertThat(credential.id()).isEqualTo(tokenId);
        assertThat(credential.name()).isEqualTo("nightly report");
        assertThat(credential.href()).isEqualTo("/settings/admin/tokens/" + tokenId);
        assertThat(credential.scopes()).containsExactly("scim:read", "tokens:read");
        assertThat(credential.createdBy()).isEqualTo(ADMIN_USER);
        assertThat(credential.created()).matches(DATE_TIME);
        assertThat(credential.expires()).matches(DATE_TIME);
        assertThat(credential.lastActive()).isEqualTo("never");
        assertThat(credential.status()).isEqualTo("Active");
        assertThat(credential.statusReason()).isEmpty();
        assertThat(driver.getPageSource())
                .as("the secret is shown once, in the API response")
                .doesNotContain(secret);
        shoot("issue5-sp-credentials");

        WardenApi.Response working = api.listTokens(secret);
        assertThat(working.status()).as("%s", working).isEqualTo(200);

        detail.deactivate();
        assertThat(detail.lastConfirmation()).contains("Its 1 token stops working at once");
        assertThat(detail.status()).isEqualTo("Inactive");
        credentials = CredentialsList.of(detail);
        assertThat(credentials.heading()).as("suspended, not deleted").isEqualTo("Credentials (1)");
        Credential suspended = credentials.credentials().get(0);
        assertThat(suspended.id()).isEqualTo(tokenId);
        assertThat(suspended.scopes()).containsExactly("scim:read", "tokens:read");
        assertThat(suspended.status()).isEqualTo("Suspended: owner inactive");
        assertThat(suspended.statusReason()).isEqualTo("OWNER_INACTIVE");
        assertThat(suspended.statusHint()).contains("is deactivated", "activates it again");
        WardenApi.Response stopped = api.listTokens(secret);
        assertThat(stopped.status()).as("%s", stopped).isEqualTo(401);
        assertThat(stopped.reason()).isEqualTo("OWNER_INACTIVE");
        WardenApi.Response listed = api.send("GET", "/api/2.0/token-management/tokens/" + tokenId, admin, null);
        assertThat(listed.text("token_info", "status")).isEqualTo("SUSPENDED");
        assertThat(CredentialsList.of(detail.reload()).credentials())
                .extracting(Credential::status)
                .as("stored, not only drawn")
                .containsExactly("Suspended: owner inactive");
        shoot("issue5-sp-credentials-suspended");
    }

    /** The bootstrap admin's own API token, as the admin would create it under User settings → Access tokens. */
    private String adminApiToken() {
        var workspace = workspaces.findByName("main").orElseThrow();
        Principal admin = principals.findByUserName(workspace.id(), ADMIN_USER).orElseThrow();
        return tokens.create(Actor.of(admin, "127.0.0.1"), new CreateTokenCommand(unique("journey-3"), null, null))
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
