package dev.warden.e2e;

import static dev.warden.e2e.WardenE2ETest.ADMIN_PASSWORD;
import static dev.warden.e2e.WardenE2ETest.ADMIN_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.directory.UserDetails;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenService;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.e2e.pages.AccessTokensPage;
import dev.warden.e2e.pages.EditRoleDialog;
import dev.warden.e2e.pages.IssuedTokenDialog;
import dev.warden.e2e.pages.LoginPage;
import dev.warden.e2e.pages.RolePage;
import dev.warden.e2e.pages.TokenDetailPage;
import dev.warden.e2e.pages.TokenDetailPage.CheckResult;
import dev.warden.e2e.pages.TokenDetailPage.ScopeState;
import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Issue 6, journeys 1 and 2, in a real browser: a service principal's {@code scim:read} token is refused an endpoint
 * that needs {@code tokens:write}, and the token page's Check access shows step 8 failing with both scope lists; a
 * user's {@code token-management:read} token stops when an admin takes that permission out of the user's custom role
 * (the token page marks the scope dead, and why) and works again when it is put back.
 */
@WardenE2ETest
class CheckAccessJourneyIT {
    private static final String CREATE_TOKEN = "/api/2.0/token/create";
    private static final String MANAGED_TOKENS = "/api/2.0/token-management/tokens";
    private static final String PASSWORD = "reviewer-password-1";
    private static final List<String> BEFORE_SCOPES = List.of(
            "PRESENTED",
            "FORMAT",
            "KNOWN",
            "NOT_REVOKED",
            "NOT_EXPIRED",
            "TOKENS_ENABLED",
            "OWNER_ACTIVE",
            "TOKEN_USAGE",
            "ROLE_GRANTS_PERMISSION");

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    TokenService tokens;

    @Autowired
    DirectoryService directory;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    WorkspaceRepository workspaces;

    @Autowired
    PasswordEncoder passwords;

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
    void aScimReadTokenIsRefusedTokensWriteAndCheckAccessShowsStepEightFailWithBothScopeLists() {
        String admin = adminApiToken();
        WardenApi.Response sp = api.send(
                "POST",
                "/api/2.0/preview/scim/v2/ServicePrincipals",
                admin,
                json(
                        "{'schemas':['urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal'],'displayName':'%s'}",
                        unique("directory-sync")));
        assertThat(sp.status()).as("%s", sp).isEqualTo(201);
        String applicationId = sp.text("applicationId");
        WardenApi.Response usage = api.send(
                "PATCH",
                "/api/2.0/permissions/authorization/tokens",
                admin,
                json(
                        "{'access_control_list':[{'service_principal_name':'%s','permission_level':'CAN_USE'}]}",
                        applicationId));
        assertThat(usage.status()).as("%s", usage).isEqualTo(200);
        WardenApi.Response issued = api.send(
                "POST",
                "/api/2.0/token-management/on-behalf-of/tokens",
                admin,
                json("{'application_id':'%s','comment':'scim sync','scopes':['scim:read']}", applicationId));
        assertThat(issued.status()).as("%s", issued).isEqualTo(200);
        String tokenId = issued.text("token_info", "token_id");
        String secret = issued.text("token_value");

        // The token reads the directory, but may not create tokens: the 403 names the scope it lacks.
        assertThat(api.send("GET", "/api/2.0/preview/scim/v2/Users", secret, null)
                        .status())
                .isEqualTo(200);
        WardenApi.Response refused = api.send("POST", CREATE_TOKEN, secret, "{\"comment\":\"more\"}");
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("PERMISSION_DENIED");
        assertThat(refused.reason()).isEqualTo("SCOPE_MISSING");
        assertThat(refused.body()).contains("tokens:write");
        assertThat(refused.header("WWW-Authenticate"))
                .as("RFC 6750 challenge")
                .startsWith("Bearer ")
                .contains("error=\"insufficient_scope\"", "scope=\"tokens:write\"");

        // The admin asks the token page why, picking the endpoint from the catalogue.
        LoginPage.open(driver, baseUrl).logInAs(ADMIN_USER, ADMIN_PASSWORD);
        TokenDetailPage page = TokenDetailPage.open(driver, baseUrl, tokenId);
        assertThat(page.title()).isEqualTo("scim sync");
        assertThat(page.scopes()).containsExactly(new ScopeState("scim:read", true, "live", ""));
        assertThat(page.effectivePermissions()).containsExactly("scim:read");
        assertThat(page.endpointChoices()).contains("POST " + CREATE_TOKEN, "GET " + MANAGED_TOKENS);

        CheckResult check = page.checkAccess("POST " + CREATE_TOKEN);

        assertThat(check.hasFocus()).as("focus moves to the answer").isTrue();
        assertThat(check.verdict()).isEqualTo("Denied: SCOPE_MISSING (HTTP 403)");
        assertThat(check.endpoint()).isEqualTo("POST " + CREATE_TOKEN);
        assertThat(check.permission()).isEqualTo("tokens:write");
        assertThat(check.fact("required_scope")).containsExactly("tokens:write");
        assertThat(check.fact("token_scopes")).containsExactly("scim:read");
        List<CheckResult.Line> trace = check.trace();
        assertThat(trace)
                .extracting(CheckResult.Line::step)
                .containsSubsequence(BEFORE_SCOPES)
                .endsWith("SCOPE_GRANTS_PERMISSION");
        assertThat(trace.subList(0, trace.size() - 1))
                .extracting(CheckResult.Line::outcome)
                .containsOnly("passed");
        CheckResult.Line last = trace.get(trace.size() - 1);
        assertThat(last.number()).isEqualTo("Step 8");
        assertThat(last.outcome()).isEqualTo("failed");
        assertThat(last.description()).isEqualTo("the token's scopes include the permission the endpoint needs");
        assertThat(last.detail()).contains("'tokens:write'", "holds only scim:read");
        shoot("issue6-check-access-scope-missing");
    }

    /** Issue 16: the endpoint list narrows as you type, grouped by scope, and works from the keyboard alone. */
    @Test
    void theEndpointPickerNarrowsAsYouTypeAndNeedsNoMouse() {
        String tokenId = tokens.create(
                        adminActor(), new CreateTokenCommand(unique("picker"), null, List.of("tokens:read")))
                .token()
                .id()
                .value();
        LoginPage.open(driver, baseUrl).logInAs(ADMIN_USER, ADMIN_PASSWORD);
        TokenDetailPage page = TokenDetailPage.open(driver, baseUrl, tokenId);
        int all = page.visibleEndpointChoices().size();

        page.filterEndpoints("tokens:write");

        List<String> shown = page.visibleEndpointChoices();
        assertThat(shown).contains("POST " + CREATE_TOKEN).hasSizeLessThan(all);
        assertThat(page.visibleEndpointGroups())
                .allSatisfy(group -> assertThat(group).startsWith("tokens:write ("));
        assertThat(page.endpointFilterCount()).isEqualTo(shown.size() + " of " + all + " endpoints match");

        page.filterEndpoints("post token/create");
        assertThat(page.visibleEndpointChoices()).containsExactly("POST " + CREATE_TOKEN);
        CheckResult check = page.checkFirstMatchByKeyboard();

        assertThat(check.endpoint()).isEqualTo("POST " + CREATE_TOKEN);
        assertThat(check.verdict()).isEqualTo("Denied: SCOPE_MISSING (HTTP 403)");
        assertThat(check.trace())
                .extracting(CheckResult.Line::number)
                .as("each step's number once; further checks of a step unnumbered")
                .containsExactly(
                        "Step 1", "", "Step 2", "Step 3", "", "Step 4", "Step 5", "Step 6", "Step 7", "Step 8");
        shoot("issue16-check-access-picker");
    }

    @Test
    void aRoleThatLosesAPermissionKillsTheScopeUntilItIsPutBack() {
        String admin = adminApiToken();
        String roleName = unique("token-reviewers");
        WardenApi.Response role = api.send(
                "POST",
                "/api/2.0/roles",
                admin,
                json(
                        "{'name':'%s','description':'reviews tokens','permissions':"
                                + "['tokens:read','tokens:write','token-management:read']}",
                        roleName));
        assertThat(role.status()).as("%s", role).isEqualTo(200);
        String user = unique("reviewer");
        Principal reviewer = directory.createUser(
                adminActor(), new UserDetails(user, user, null, null, null, null, true), passwords.encode(PASSWORD));
        WardenApi.Response assigned = api.send(
                "POST",
                "/api/2.0/role-assignments",
                admin,
                json(
                        "{'role_id':%s,'principal_id':%d}",
                        role.text("id"), reviewer.id().value()));
        assertThat(assigned.status()).as("%s", assigned).isEqualTo(200);
        WardenApi.Response usage = api.send(
                "PATCH",
                "/api/2.0/permissions/authorization/tokens",
                admin,
                json("{'access_control_list':[{'user_name':'%s','permission_level':'CAN_USE'}]}", user));
        assertThat(usage.status()).as("%s", usage).isEqualTo(200);

        // The user creates a token that may only read every token, and uses it.
        AccessTokensPage theirTokens = LoginPage.open(driver, baseUrl).logInAs(user, PASSWORD);
        IssuedTokenDialog issued = theirTokens.generateToken("review", 30, "token-management:read");
        String secret = issued.tokenValue();
        theirTokens = issued.done();
        String tokenId = theirTokens.rowFor("review").id();
        WardenApi.Response works = api.send("GET", MANAGED_TOKENS, secret, null);
        assertThat(works.status()).as("%s", works).isEqualTo(200);

        // The admin takes token-management:read out of the role on the Roles page: the token stops at once.
        RolePage rolePage = theirTokens
                .logOut()
                .logInAs(ADMIN_USER, ADMIN_PASSWORD)
                .openAdminConsoleFromNavigation()
                .openRolesTab()
                .openRole(roleName);
        rolePage = EditRoleDialog.openFrom(rolePage)
                .permission("token-management:read", false)
                .save();
        assertThat(rolePage.permissions()).containsExactly("tokens:read", "tokens:write");
        WardenApi.Response stopped = api.send("GET", MANAGED_TOKENS, secret, null);
        assertThat(stopped.status()).as("%s", stopped).isEqualTo(403);
        assertThat(stopped.reason()).isEqualTo("ROLE_LACKS_PERMISSION");
        assertThat(stopped.body()).contains("token-management:read", user);

        // Its page marks the scope dead and says why; Check access agrees with the refusal.
        TokenDetailPage page = TokenDetailPage.open(driver, baseUrl, tokenId);
        assertThat(page.scopes()).hasSize(1);
        ScopeState dead = page.scopes().get(0);
        assertThat(dead.scope()).isEqualTo("token-management:read");
        assertThat(dead.live()).isFalse();
        assertThat(dead.status()).isEqualTo("dead");
        assertThat(dead.why())
                .contains(
                        user + " no longer holds token-management:read since the role change on",
                        roleName,
                        "by " + ADMIN_USER);
        assertThat(page.effectivePermissions()).isEmpty();
        assertThat(page.noEffectivePermissions())
                .hasValueSatisfying(text -> assertThat(text).startsWith("None"));
        CheckResult check = page.checkAccess("GET " + MANAGED_TOKENS);
        assertThat(check.verdict()).isEqualTo("Denied: ROLE_LACKS_PERMISSION (HTTP 403)");
        assertThat(check.trace())
                .filteredOn(line -> line.outcome().equals("failed"))
                .extracting(CheckResult.Line::number, CheckResult.Line::step)
                .containsExactly(tuple("Step 7", "ROLE_GRANTS_PERMISSION"));
        assertThat(check.fact("required_permission")).containsExactly("token-management:read");
        shoot("issue6-dead-scope");

        // Putting the permission back brings the token back, and the panel says so.
        rolePage = EditRoleDialog.openFrom(page.openRolesTab().openRole(roleName))
                .permission("token-management:read", true)
                .save();
        assertThat(rolePage.permissions()).containsExactly("tokens:read", "tokens:write", "token-management:read");
        WardenApi.Response back = api.send("GET", MANAGED_TOKENS, secret, null);
        assertThat(back.status()).as("%s", back).isEqualTo(200);
        page = TokenDetailPage.open(driver, baseUrl, tokenId);
        assertThat(page.scopes()).containsExactly(new ScopeState("token-management:read", true, "live", ""));
        assertThat(page.effectivePermissions()).containsExactly("token-management:read");
        assertThat(page.checkTyped("GET " + MANAGED_TOKENS).verdict()).isEqualTo("Allowed");
    }

    /** The bootstrap admin's own API token, as the admin would create it under User settings → Access tokens. */
    private String adminApiToken() {
        return tokens.create(adminActor(), new CreateTokenCommand(unique("journey-6-setup"), null, null))
                .secret()
                .reveal();
    }

    private Actor adminActor() {
        var workspace = workspaces.findByName("main").orElseThrow();
        return Actor.of(principals.findByUserName(workspace.id(), ADMIN_USER).orElseThrow(), "127.0.0.1");
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
