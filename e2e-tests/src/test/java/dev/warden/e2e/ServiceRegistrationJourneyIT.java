package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.directory.ServicePrincipalDetails;
import dev.warden.core.directory.UserDetails;
import dev.warden.core.oauth.ServicePrincipalSecretService;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.e2e.pages.AccessTokensPage;
import dev.warden.e2e.pages.GenerateTokenDialog;
import dev.warden.e2e.pages.IssuedTokenDialog;
import dev.warden.e2e.pages.LoginPage;
import dev.warden.e2e.pages.OwnTokenPage;
import dev.warden.e2e.pages.RegisterServiceDialog;
import dev.warden.e2e.pages.RolePage;
import dev.warden.e2e.pages.ServicePage;
import dev.warden.e2e.pages.ServicesPage;
import dev.warden.e2e.pages.TokenDetailPage.ScopeState;
import java.net.http.HttpResponse;
import java.util.List;
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
 * An intranet service joins Warden through the console, in a real browser: the admin registers it with two scopes
 * (Admin Console → Services), gives a custom role one of them and assigns the role to a user; the user signs in,
 * finds the scope in the Generate new token dialog under the service's display name, and creates a token carrying
 * it, whose page shows the scope live; a Spring Security resource server introspecting at Warden accepts it. The
 * service's pages do not scroll sideways on a 390 px wide phone.
 */
@WardenE2ETest
class ServiceRegistrationJourneyIT {
    private static final String PASSWORD = "service-journey-password-1";
    private static final String SERVICE_PREFIX = "journey-wiki-";

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

    @Autowired
    ServiceRegistry services;

    @Autowired
    ServicePrincipalSecretService secrets;

    private WebDriver driver;
    private String baseUrl;

    @BeforeEach
    void setUp() {
        driver = browser.driver();
        baseUrl = LocalApp.baseUrl(port);
        Viewport.resize(driver, 1280, 900);
    }

    /**
     * The journeys share one application: the service's scopes would otherwise stay in the catalogue, and other
     * journeys count the catalogue's scopes.
     */
    @AfterEach
    void removeTheServiceAndGoBackToDesktop() {
        Viewport.resize(driver, 1280, 900);
        services.list(admin()).stream()
                .filter(s -> s.name().startsWith(SERVICE_PREFIX))
                .forEach(s -> services.delete(admin(), s.id()));
    }

    @Test
    void anAdminRegistersAServiceAndAUserWhoseRoleGrantsItsScopeCreatesATokenCarryingIt() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String service = SERVICE_PREFIX + suffix;
        String read = service + ":read";
        String write = service + ":write";
        String robot = "wiki robot " + suffix;
        String role = "wiki-readers-" + suffix;
        String userName = "reader-" + suffix;
        String tokenName = "wiki-token-" + suffix;
        Principal robotPrincipal =
                directory.createServicePrincipal(admin(), new ServicePrincipalDetails(null, robot, null, true));
        Principal reader = directory.createUser(
                admin(), new UserDetails(userName, userName, null, null, null, null, true), passwords.encode(PASSWORD));
        tokenUsage.patch(admin(), List.of(TokenUsageEntry.forPrincipal(reader.id(), TokenUsageLevel.CAN_USE)));

        // The admin registers the service with two scopes; a mistake first, shown next to its field.
        ServicesPage servicesPage = LoginPage.open(driver, baseUrl)
                .logInAs(WardenE2ETest.ADMIN_USER, WardenE2ETest.ADMIN_PASSWORD)
                .openAdminConsoleFromNavigation()
                .openServicesTab();
        RegisterServiceDialog dialog = servicesPage
                .openRegisterDialog()
                .name(service)
                .displayName("Team wiki " + suffix)
                .servicePrincipal(robot)
                .scope(0, "elsewhere:read", "Read pages")
                .registerExpectingErrors();
        assertThat(dialog.errorFor("scopes"))
                .hasValueSatisfying(error -> assertThat(error).contains("starts with '" + service + ":'"));
        assertNoSidewaysScrollingOnAPhone("the register dialog");
        ServicePage page = dialog.scope(0, read, "Read pages")
                .scope(1, write, "Edit pages")
                .register();
        assertThat(page.title()).isEqualTo("Team wiki " + suffix);
        assertThat(page.scopes()).containsExactly(read, write);
        assertThat(page.servicePrincipal()).isEqualTo(robot);
        assertNoSidewaysScrollingOnAPhone("the service's page");

        // A custom role grants one of its scopes, and the user gets the role.
        RolePage rolePage = page.openRolesTab().createRole(role, "Reads the team wiki", read);
        assertThat(rolePage.permissions()).containsExactly(read);
        rolePage.assign(userName, userName, "Workspace");
        assertThat(rolePage.holders()).extracting(RolePage.Holder::name).containsExactly(userName);
        servicesPage = rolePage.openServicesTab();
        assertThat(servicesPage.serviceNames()).contains(service);
        assertNoSidewaysScrollingOnAPhone("the services list");
        page = servicesPage.openService(service);
        assertThat(page.rolesGranting(read)).contains(role);
        assertThat(page.rolesGranting(write)).doesNotContain(role);

        // The user creates a token carrying the scope; the picker shows it under the service's display name.
        AccessTokensPage tokens = page.logOut().logInAs(userName, PASSWORD);
        GenerateTokenDialog generate = tokens.openGenerateDialog();
        assertThat(generate.scopeGroupLegend(service)).isEqualTo("Team wiki " + suffix);
        assertThat(generate.deniedScopes()).containsKey(write).doesNotContainKey(read);
        IssuedTokenDialog issued =
                generate.name(tokenName).lifetimeDays(7).scopes(read).submit();
        String tokenValue = issued.tokenValue();
        tokens = issued.done();
        assertThat(tokens.rowFor(tokenName).scopes()).containsExactly(read);

        OwnTokenPage token = OwnTokenPage.openFrom(tokens, tokenName);
        assertThat(token.scopes())
                .extracting(ScopeState::scope, ScopeState::live)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(read, true));

        theResourceServerAcceptsIt(robotPrincipal, tokenValue, read);
    }

    /**
     * The journey's last step, "and the resource server accepts it": a Spring Security resource server (the
     * {@link ResourceServerApp} fixture) introspecting at Warden with the service principal's client id and a new OAuth
     * secret answers 200 to the token on its endpoint guarded by {@code hasAuthority("SCOPE_" + scope)}.
     */
    private void theResourceServerAcceptsIt(Principal robot, String token, String scope) {
        String secret = secrets.create(admin(), robot.id(), null).value().reveal();
        try (ResourceServerApp wiki = ResourceServerApp.start(baseUrl, robot.applicationId(), secret, scope)) {
            HttpResponse<String> page = wiki.get("/pages", token);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(wiki.get("/pages", null).statusCode()).isEqualTo(401);
        }
    }

    /** The current page at a phone's width: nothing may stick out to the right. */
    private void assertNoSidewaysScrollingOnAPhone(String what) {
        Viewport.resize(driver, Viewport.PHONE_WIDTH, 844);
        try {
            assertThat(Viewport.innerWidth(driver)).as("the window's width").isLessThanOrEqualTo(Viewport.PHONE_WIDTH);
            assertThat(Viewport.sidewaysOverflow(driver))
                    .as(what + " at " + Viewport.PHONE_WIDTH + " px scrolls sideways by; sticking out: "
                            + Viewport.sticking(driver))
                    .isZero();
        } finally {
            Viewport.resize(driver, 1280, 900);
        }
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
