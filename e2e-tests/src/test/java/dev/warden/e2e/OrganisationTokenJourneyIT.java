package dev.warden.e2e;

import static dev.warden.e2e.WardenE2ETest.ADMIN_PASSWORD;
import static dev.warden.e2e.WardenE2ETest.ADMIN_USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.directory.UserDetails;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenIssuePolicy;
import dev.warden.core.token.TokenService;
import dev.warden.core.workspace.Workspace;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.e2e.pages.AllTokensView;
import dev.warden.e2e.pages.CreateAccessTokenDialog;
import dev.warden.e2e.pages.GroupListPage;
import dev.warden.e2e.pages.GroupMembersPage;
import dev.warden.e2e.pages.LoginPage;
import dev.warden.e2e.pages.RefusedPage;
import dev.warden.e2e.pages.TechnicalIssuedDialog;
import dev.warden.e2e.pages.TechnicalTokenRow;
import dev.warden.e2e.pages.TechnicalTokensPage;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 5, journeys 1 and 2: organisation and group tokens (technical users) in a real browser. A workspace admin
 * creates an organisation token with the admin role, sees its value once, uses it, revokes, restores and deletes
 * it (its technical user goes with it); a group admin creates a group-member token on their group's Access tokens
 * tab and finds no such tab on another group (the address answers 403).
 */
@WardenE2ETest
class OrganisationTokenJourneyIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GROUP_ADMIN_PASSWORD = "group-admin-password-9Kd";

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

    @Autowired
    DirectoryService directory;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    TokenIssuePolicy issuePolicy;

    @Autowired
    SettingsRepository settings;

    @Autowired
    Clock clock;

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
    void anAdminCreatesAnOrganisationTokenSeesItOnceUsesItRevokesRestoresAndDeletesIt() {
        String name = unique("nightly-export");
        TechnicalTokensPage organisation = TechnicalTokensPage.organisationTokensFrom(LoginPage.open(driver, baseUrl)
                .logInAs(ADMIN_USER, ADMIN_PASSWORD)
                .openAdminConsoleFromNavigation());
        assertThat(organisation.currentTabTitle()).isEqualTo("Access tokens");
        assertThat(organisation.views()).containsExactly("All tokens", "Organisation tokens", "Canary tokens");
        assertThat(organisation.currentView()).isEqualTo("Organisation tokens");

        CreateAccessTokenDialog dialog = organisation.openCreateDialog();
        assertThat(dialog.isModal()).isTrue();
        assertThat(dialog.hasFocusInside()).isTrue();
        assertThat(dialog.labelOf("token-name-input")).isEqualTo("Token name");
        assertThat(dialog.labelOf("token-expiry-input")).isEqualTo("Expiration date");
        assertThat(dialog.roleLabels()).containsExactly("Workspace user", "Workspace admin");
        assertThat(dialog.chosenRole()).as("the narrower role first").isEqualTo("Workspace user");
        assertThat(dialog.earliestExpirationDate())
                .isEqualTo(today().plusDays(1).toString());
        assertThat(dialog.latestExpirationDate())
                .as("bounded by the workspace's maximum lifetime")
                .isEqualTo(today().plusDays(maxDays()).toString());
        String expiry = dialog.expirationDate();
        assertThat(LocalDate.parse(expiry)).isBetween(today().plusDays(1), today().plusDays(maxDays()));

        TechnicalIssuedDialog issued =
                dialog.name(name).scopes("all-apis").role("Workspace admin").submit();
        assertThat(issued.isModal()).isTrue();
        assertThat(issued.warning()).contains("you will not be able to view the token again");
        assertThat(issued.summary()).contains("Role: Workspace admin.", "Scopes: all-apis.");
        String secret = issued.tokenValue();
        assertThat(secret).hasSize(53).startsWith("wdn_");
        assertThat(issued.copy().copyButtonText()).isEqualTo("Copied");
        shoot("issue5-organisation-token-copy");

        organisation = issued.done();
        assertThat(issued.isOpen()).isFalse();
        assertThat(organisation.sourceContains(secret))
                .as("gone with its dialog")
                .isFalse();
        TechnicalTokenRow row = organisation.rowFor(name);
        assertThat(row.role()).isEqualTo("Workspace admin");
        assertThat(row.scopes()).containsExactly("all-apis");
        assertThat(row.createdBy()).isEqualTo(ADMIN_USER);
        assertThat(row.expires()).startsWith(expiry + " ");
        assertThat(row.status()).isEqualTo("Active");
        assertThat(row.actions()).containsExactly("Rotate", "Revoke", "Delete");
        Principal technical = principals
                .findById(workspace().id(), new PrincipalId(row.technicalUserId()))
                .orElseThrow();
        assertThat(technical.kind()).isEqualTo(PrincipalKind.TECHNICAL_USER);
        assertThat(organisation.reload().sourceContains(secret))
                .as("not shown again after a reload")
                .isFalse();

        WardenApi.Response managed = api.send("GET", "/api/2.0/token-management/tokens", secret, null);
        assertThat(managed.status()).as("the admin role works: %s", managed).isEqualTo(200);
        assertThat(managed.body()).contains(row.id());
        AllTokensView all = organisation.openAllTokensView();
        assertThat(all.kindOf(name)).hasValue("Organisation");
        organisation = all.openOrganisationTokensView();

        organisation.revoke(name);
        assertThat(organisation.lastConfirmation()).contains(name, "stops working until you restore it");
        assertThat(organisation.rowFor(name).status()).isEqualTo("Revoked");
        assertThat(organisation.rowFor(name).actions()).containsExactly("Restore", "Delete");
        WardenApi.Response revoked = api.send("GET", "/api/2.0/token-management/tokens", secret, null);
        assertThat(revoked.status()).as("%s", revoked).isEqualTo(401);
        assertThat(revoked.reason()).isEqualTo("TOKEN_REVOKED");
        assertThat(organisation.reload().rowFor(name).status())
                .as("stored, not only drawn")
                .isEqualTo("Revoked");

        organisation.restore(name);
        assertThat(organisation.rowFor(name).status()).isEqualTo("Active");
        assertThat(api.send("GET", "/api/2.0/token-management/tokens", secret, null)
                        .status())
                .isEqualTo(200);

        organisation.delete(name);
        assertThat(organisation.lastConfirmation()).contains(name, "cannot be undone", "technical user");
        assertThat(organisation.hasRow(name)).isFalse();
        assertThat(organisation.flashError()).isEmpty();
        assertThat(organisation.reload().hasRow(name))
                .as("still gone after a reload")
                .isFalse();
        WardenApi.Response deleted = api.listTokens(secret);
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(401);
        assertThat(deleted.reason()).isEqualTo("TOKEN_UNKNOWN");
        assertThat(organisation.openAllTokensView().tokenNames()).doesNotContain(name);
        assertThat(principals.findById(workspace().id(), technical.id()))
                .as("the technical user is gone")
                .isEmpty();
    }

    @Test
    void aGroupAdminCreatesAGroupMemberTokenOnTheirGroupAndSeesNoOtherGroupsTokens() {
        String admin = adminApiToken();
        String userName = unique("squad-lead");
        Principal lead = directory.createUser(
                adminActor(),
                new UserDetails(userName, userName, null, null, null, null, true),
                passwords.encode(GROUP_ADMIN_PASSWORD));
        String ownName = unique("squad");
        String otherName = unique("other-squad");
        String own = createGroup(admin, ownName);
        String other = createGroup(admin, otherName);
        WardenApi.Response assigned = api.send(
                "POST",
                "/api/2.0/role-assignments",
                admin,
                json(
                        "{'role_id':%d,'principal_id':%d,'scope_group_id':%s}",
                        roleId(admin, "group-admin"), lead.id().value(), own));
        assertThat(assigned.status()).as("%s", assigned).isEqualTo(200);
        WardenApi.Response usage = api.send(
                "PATCH",
                "/api/2.0/permissions/authorization/tokens",
                admin,
                json("{'access_control_list':[{'user_name':'%s','permission_level':'CAN_USE'}]}", userName));
        assertThat(usage.status()).as("%s", usage).isEqualTo(200);
        String name = unique("squad-bot");

        GroupListPage groups = LoginPage.open(driver, baseUrl)
                .logInAs(userName, GROUP_ADMIN_PASSWORD)
                .openAdminConsoleFromNavigation()
                .openGroupsTab();
        assertThat(groups.tabTitles()).doesNotContain("Access tokens");
        GroupMembersPage ownGroup = groups.search(ownName).openGroup(ownName);
        assertThat(TechnicalTokensPage.groupTabTitles(ownGroup)).containsExactly("Members", "Roles", "Access tokens");
        TechnicalTokensPage groupTokens = TechnicalTokensPage.groupTokensFrom(ownGroup);
        assertThat(groupTokens.views()).isEmpty();

        CreateAccessTokenDialog dialog = groupTokens.openCreateDialog();
        assertThat(dialog.roleLabels()).containsExactly("Group member", "Group admin");
        assertThat(dialog.chosenRole()).isEqualTo("Group member");
        TechnicalIssuedDialog issued = dialog.name(name).scopes("scim:read").submit();
        assertThat(issued.warning()).contains("you will not be able to view the token again");
        assertThat(issued.summary()).contains("Role: Group member.");
        String secret = issued.tokenValue();
        groupTokens = issued.done();
        TechnicalTokenRow row = groupTokens.rowFor(name);
        assertThat(row.role()).isEqualTo("Group member");
        assertThat(row.createdBy()).isEqualTo(userName);
        assertThat(row.scopes()).containsExactly("scim:read");
        assertThat(row.status()).isEqualTo("Active");
        assertThat(groupTokens.sourceContains(secret)).isFalse();
        shoot("issue5-group-token");
        WardenApi.Response readsItsGroup = api.send("GET", "/api/2.0/preview/scim/v2/Groups/" + own, secret, null);
        assertThat(readsItsGroup.status()).as("%s", readsItsGroup).isEqualTo(200);
        assertThat(readsItsGroup.text("displayName")).isEqualTo(ownName);

        GroupMembersPage otherGroup =
                groupTokens.openGroupsTab().search(otherName).openGroup(otherName);
        assertThat(otherGroup.title()).isEqualTo(otherName);
        assertThat(TechnicalTokensPage.groupTabTitles(otherGroup))
                .as("no Access tokens tab on another group")
                .containsExactly("Members", "Roles");
        RefusedPage refused = RefusedPage.open(driver, baseUrl, "/settings/admin/groups/" + other + "/tokens");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isForbidden()).isTrue();
        assertThat(refused.heading()).isEqualTo("You are not allowed to do this");
        assertThat(refused.message()).contains("token-management:read");
        assertThat(RefusedPage.open(driver, baseUrl, "/settings/admin/tokens/organisation")
                        .status())
                .as("nor the organisation's tokens")
                .isEqualTo(403);
    }

    private String createGroup(String admin, String displayName) {
        WardenApi.Response created = api.send(
                "POST",
                "/api/2.0/preview/scim/v2/Groups",
                admin,
                json("{'schemas':['urn:ietf:params:scim:schemas:core:2.0:Group'],'displayName':'%s'}", displayName));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.text("id");
    }

    private long roleId(String admin, String roleName) {
        WardenApi.Response roles = api.send("GET", "/api/2.0/roles", admin, null);
        assertThat(roles.status()).as("%s", roles).isEqualTo(200);
        for (JsonNode role : JSON.readTree(roles.body()).path("roles")) {
            if (role.path("name").asString().equals(roleName)) {
                return role.path("id").asLong();
            }
        }
        throw new AssertionError("no role " + roleName + " in " + roles.body());
    }

    /** The bootstrap admin's own API token, as the admin would create it under User settings → Access tokens. */
    private String adminApiToken() {
        return tokens.create(adminActor(), new CreateTokenCommand(unique("journey-2-setup"), null, null))
                .secret()
                .reveal();
    }

    private Actor adminActor() {
        return Actor.of(principals.findByUserName(workspace().id(), ADMIN_USER).orElseThrow(), "127.0.0.1");
    }

    private Workspace workspace() {
        return workspaces.findByName("main").orElseThrow();
    }

    private long maxDays() {
        return issuePolicy.lifetimes(settings.get(workspace().id())).maxDays();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
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
