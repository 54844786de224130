package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.directory.UserDetails;
import dev.warden.core.permission.PermissionCatalogue;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.e2e.pages.AccessTokensPage;
import dev.warden.e2e.pages.CreateAccessTokenDialog;
import dev.warden.e2e.pages.GenerateTokenDialog;
import dev.warden.e2e.pages.IssuedTokenDialog;
import dev.warden.e2e.pages.LoginPage;
import dev.warden.e2e.pages.TechnicalIssuedDialog;
import dev.warden.e2e.pages.TechnicalTokensPage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The scope picker of the Generate new token dialog, in a real browser, for a user whose only role is
 * {@code user}: the search narrows the list as they type, scopes their roles do not grant are disabled and say so,
 * and the Read-only preset ticks exactly the read scopes they hold, which the created token then shows. For an
 * organisation token, the scopes follow the role chosen in the dialog.
 */
@WardenE2ETest
class ScopePickerJourneyIT {
    private static final String PASSWORD = "picker-password-1";

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    DirectoryService directory;

    @Autowired
    TokenUsageService tokenUsage;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    WorkspaceRepository workspaces;

    @Autowired
    PasswordEncoder passwords;

    private WebDriver driver;
    private String baseUrl;

    @BeforeEach
    void setUp() {
        driver = browser.driver();
        baseUrl = LocalApp.baseUrl(port);
    }

    @Test
    void searchNarrowsTheScopesAsYouTypeAndReadOnlyTicksTheReadScopesTheUserHolds() {
        String user = "picker-" + UUID.randomUUID().toString().substring(0, 8);
        Principal person = directory.createUser(
                admin(), new UserDetails(user, user, null, null, null, null, true), passwords.encode(PASSWORD));
        tokenUsage.patch(admin(), List.of(TokenUsageEntry.forPrincipal(person.id(), TokenUsageLevel.CAN_USE)));
        String name = "read-only-" + UUID.randomUUID().toString().substring(0, 8);

        AccessTokensPage tokens = LoginPage.open(driver, baseUrl).logInAs(user, PASSWORD);
        GenerateTokenDialog dialog = tokens.openGenerateDialog();
        int everyScope = PermissionCatalogue.with(List.of()).scopes().size();

        // Disabled, and saying why: what the user role does not grant.
        Map<String, String> denied = dialog.deniedScopes();
        assertThat(denied.keySet())
                .containsExactlyInAnyOrder(
                        "token-management:read",
                        "token-management:write",
                        "permissions:read",
                        "permissions:write",
                        "scim:write",
                        "settings:read",
                        "settings:write",
                        "audit:read",
                        "roles:write",
                        "services:read",
                        "services:write",
                        "metrics:read");
        assertThat(denied.values()).containsOnly("your roles don't grant this");

        // The list narrows with each key: "s" still matches many, "sc" and on only the scim scopes.
        dialog.searchScopes("s");
        assertThat(dialog.visibleScopes()).hasSizeGreaterThan(2).hasSizeLessThanOrEqualTo(everyScope);
        dialog.searchScopes("scim");
        assertThat(dialog.visibleScopes()).containsExactly("scim:read", "scim:write");
        assertThat(dialog.visibleScopeGroups()).containsExactly("scim");
        assertThat(dialog.scopeStatus()).isEqualTo("2 of " + everyScope + " scopes shown");
        dialog.searchScopes("audit log");
        assertThat(dialog.visibleScopes()).as("descriptions are searched too").containsExactly("audit:read");
        dialog.searchScopes("nothing like this");
        assertThat(dialog.visibleScopes()).isEmpty();
        dialog.clearScopeSearch();
        assertThat(dialog.visibleScopes()).hasSize(everyScope);

        dialog.preset("Read-write");
        assertThat(dialog.checkedScopes()).containsExactly("tokens:read", "tokens:write", "scim:read", "roles:read");
        dialog.searchScopes("roles");
        dialog.preset("Read-only");
        assertThat(dialog.checkedScopes())
                .as("replaces the choice: every read scope the user holds, nothing else")
                .containsExactly("tokens:read", "scim:read", "roles:read");
        assertThat(dialog.visibleScopes())
                .as("the preset shows the whole list again")
                .hasSize(everyScope);
        assertThat(dialog.scopeStatus()).isEqualTo("Read-only: 3 scopes chosen");

        IssuedTokenDialog issued = dialog.name(name).lifetimeDays(7).submit();
        assertThat(issued.tokenValue()).startsWith("wdn_");
        tokens = issued.done();
        assertThat(tokens.rowFor(name).scopes()).containsExactlyInAnyOrder("tokens:read", "scim:read", "roles:read");
    }

    @Test
    void anOrganisationTokensScopesFollowTheRoleChosenInTheDialog() {
        String name = "role-bound-" + UUID.randomUUID().toString().substring(0, 8);
        CreateAccessTokenDialog dialog = TechnicalTokensPage.organisationTokensFrom(LoginPage.open(driver, baseUrl)
                        .logInAs(WardenE2ETest.ADMIN_USER, WardenE2ETest.ADMIN_PASSWORD)
                        .openAdminConsoleFromNavigation())
                .openCreateDialog();
        assertThat(dialog.chosenRole()).isEqualTo("Workspace user");
        assertThat(dialog.enabledScopes())
                .as("what the user role grants, and all-apis")
                .containsExactly("all-apis", "tokens:read", "tokens:write", "scim:read", "roles:read");
        dialog.preset("Admin");
        assertThat(dialog.checkedScopes())
                .as("every scope the role grants, by name")
                .containsExactly("tokens:read", "tokens:write", "scim:read", "roles:read");

        dialog.role("Workspace admin");
        assertThat(dialog.enabledScopes())
                .hasSize(PermissionCatalogue.with(List.of()).scopes().size());
        dialog.scopes("tokens:read", "token-management:read");
        dialog.role("Workspace user");
        assertThat(dialog.checkedScopes())
                .as("a scope the narrower role does not grant is let go")
                .containsExactly("tokens:read");
        assertThat(dialog.enabledScopes()).doesNotContain("token-management:read");
        dialog.role("Workspace admin");
        assertThat(dialog.checkedScopes())
                .as("and taken back with the wider role")
                .containsExactly("tokens:read", "token-management:read");

        TechnicalIssuedDialog issued = dialog.name(name).submit();
        assertThat(issued.summary()).contains("Role: Workspace admin.", "Scopes: token-management:read, tokens:read.");
    }

    private Actor admin() {
        var workspace = workspaces.findByName("main").orElseThrow();
        return Actor.of(
                principals
                        .findByUserName(workspace.id(), WardenE2ETest.ADMIN_USER)
                        .orElseThrow(),
                "127.0.0.1");
    }
}
