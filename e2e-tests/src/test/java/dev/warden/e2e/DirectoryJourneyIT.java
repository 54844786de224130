package dev.warden.e2e;

import static dev.warden.e2e.WardenE2ETest.ADMIN_PASSWORD;
import static dev.warden.e2e.WardenE2ETest.ADMIN_USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenService;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.e2e.pages.CreatedPrincipalDialog;
import dev.warden.e2e.pages.GroupListPage;
import dev.warden.e2e.pages.GroupMembersPage;
import dev.warden.e2e.pages.GroupRolesPage;
import dev.warden.e2e.pages.LoginPage;
import dev.warden.e2e.pages.PrincipalListPage;
import dev.warden.e2e.pages.PrincipalPage;
import dev.warden.e2e.pages.RolePage;
import dev.warden.e2e.pages.RolesPage;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The directory in a real browser: an admin builds a group, a service principal and a custom role in the Admin
 * Console, and what the service principal may do follows from the group; its token stops when it is deactivated.
 * Screenshots of the pages go to {@code target/e2e-shots} (or the directory {@code -Dwarden.e2e.shots} names).
 */
@WardenE2ETest
class DirectoryJourneyIT {
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

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
    TokenUsageService tokenUsage;

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
    void aServicePrincipalGetsARoleThroughItsGroupAndDeactivatingItStopsItsToken() {
        String group = unique("ops");
        String servicePrincipal = unique("deploy-bot");
        String role = unique("deployer");

        PrincipalListPage users = LoginPage.open(driver, baseUrl)
                .logInAs(ADMIN_USER, ADMIN_PASSWORD)
                .openAdminConsoleFromNavigation();
        assertThat(users.tabTitles()).startsWith("Users", "Groups", "Service principals", "Roles");
        assertThat(users.currentTabTitle()).isEqualTo("Users");
        assertThat(users.names()).contains(ADMIN_USER);
        shoot("issue3-users-list");

        GroupMembersPage members = users.openGroupsTab().newGroup(group);
        assertThat(members.title()).isEqualTo(group);
        assertThat(members.memberNames()).isEmpty();

        CreatedPrincipalDialog created = members.openServicePrincipalsTab().createServicePrincipal(servicePrincipal);
        assertThat(created.isModal()).isTrue();
        assertThat(created.name()).isEqualTo(servicePrincipal);
        String applicationId = created.applicationId();
        assertThat(applicationId).matches(UUID_PATTERN);
        PrincipalListPage servicePrincipals = created.done();
        assertThat(servicePrincipals.names())
                .as("the list refreshed behind the dialog")
                .contains(servicePrincipal);

        GroupListPage groups = servicePrincipals.openGroupsTab().search(group);
        assertThat(groups.currentUrl())
                .as("the address says what was searched")
                .endsWith("/settings/admin/groups?q=" + group);
        assertThat(groups.names()).containsExactly(group);
        members = groups.openGroup(group).addMember(servicePrincipal);
        assertThat(members.memberNames()).containsExactly(servicePrincipal);
        shoot("issue3-group-members");

        RolePage rolePage =
                members.openRolesTab().createRole(role, "Deploys and reads the directory", "tokens:read", "scim:read");
        assertThat(rolePage.title()).isEqualTo(role);
        assertThat(rolePage.permissions()).containsExactlyInAnyOrder("tokens:read", "scim:read");
        shoot("issue3-role-page");

        GroupRolesPage groupRoles = rolePage.openGroupsTab()
                .search(group)
                .openGroup(group)
                .openRolesTabOfGroup()
                .assignToGroup(role, "Workspace");
        assertThat(groupRoles.heldRoles()).containsExactly(new GroupRolesPage.HeldRole(role, "Workspace"));
        shoot("issue3-group-roles");

        RolesPage roles = groupRoles.openRolesTab();
        assertThat(roles.permissionsOf(role)).containsExactlyInAnyOrder("tokens:read", "scim:read");
        assertThat(roles.holdersOf(role)).containsExactly(group);
        shoot("issue3-roles");

        PrincipalPage detail =
                roles.openServicePrincipalsTab().search(servicePrincipal).open(servicePrincipal);
        assertThat(detail.title()).isEqualTo(servicePrincipal);
        assertThat(detail.applicationId()).isEqualTo(applicationId);
        assertThat(detail.groups()).containsExactly(group);
        assertThat(detail.roles())
                .contains(
                        new PrincipalPage.RoleLine(role, "Workspace", "Inherited via group " + group),
                        new PrincipalPage.RoleLine("user", "Workspace", "Direct"));

        String token = tokenOf(applicationId, "deploys");
        WardenApi.Response working = api.listTokens(token);
        assertThat(working.status()).as("%s", working).isEqualTo(200);
        assertThat(working.tokenNames()).containsExactly("deploys");

        detail = detail.reload();
        assertThat(detail.tokens())
                .containsExactly(new PrincipalPage.TokenLine("deploys", List.of("tokens:read"), "Active"));
        shoot("issue3-sp-detail");

        detail.deactivate();
        assertThat(detail.lastConfirmation()).contains(servicePrincipal).contains("Its 1 token stops working at once");
        assertThat(detail.status()).isEqualTo("Inactive");
        assertThat(detail.tokens())
                .extracting(PrincipalPage.TokenLine::status)
                .containsExactly("Suspended: owner inactive");
        assertThat(detail.flashError()).isEmpty();
        WardenApi.Response stopped = api.listTokens(token);
        assertThat(stopped.status()).as("%s", stopped).isEqualTo(401);
        assertThat(stopped.reason()).isEqualTo("OWNER_INACTIVE");
        assertThat(detail.reload().status()).as("stored, not only drawn").isEqualTo("Inactive");
        shoot("issue3-sp-deactivated");
    }

    @Test
    void aMemberIsAddedWithTheKeyboardAloneAndRemovedAfterConfirming() {
        String group = unique("kb");
        String servicePrincipal = unique("kb-bot");
        GroupMembersPage members = LoginPage.open(driver, baseUrl)
                .logInAs(ADMIN_USER, ADMIN_PASSWORD)
                .openAdminConsoleFromNavigation()
                .openServicePrincipalsTab()
                .createServicePrincipal(servicePrincipal)
                .done()
                .openGroupsTab()
                .newGroup(group);

        members.addMemberWithKeyboard(servicePrincipal);
        assertThat(members.memberNames()).containsExactly(servicePrincipal);
        assertThat(members.searchHasFocus())
                .as("focus returns to the search for the next member")
                .isTrue();

        members.removeMember(servicePrincipal);
        assertThat(members.lastConfirmation()).contains(servicePrincipal, group);
        assertThat(members.memberNames()).isEmpty();
        assertThat(GroupListPage.open(driver, baseUrl)
                        .search(group)
                        .openGroup(group)
                        .memberNames())
                .isEmpty();
    }

    @Test
    void aUserMadeGroupAdminOnTheRolePageManagesTheMembersOfThatGroupOnly() {
        String lead = unique("lead");
        String team = unique("team");
        String otherTeam = unique("other-team");
        String bot = unique("team-bot");
        PrincipalListPage users = LoginPage.open(driver, baseUrl)
                .logInAs(ADMIN_USER, ADMIN_PASSWORD)
                .openAdminConsoleFromNavigation();
        users = users.createUser(lead, "Team Lead", lead + "@example.org", "lead-password-1")
                .done();
        assertThat(users.names()).contains(lead);
        GroupMembersPage otherMembers =
                users.openGroupsTab().newGroup(otherTeam).addMember("Team Lead");
        otherMembers
                .openGroupsTab()
                .newGroup(team)
                .openServicePrincipalsTab()
                .createServicePrincipal(bot)
                .done();

        RolePage groupAdmin =
                RolesPage.open(driver, baseUrl).openRole("group-admin").assign(lead, "Team Lead", "Group " + team);
        assertThat(groupAdmin.holders()).contains(new RolePage.Holder(lead, "user", "Group " + team));

        GroupListPage groups = groupAdmin
                .logOut()
                .logInAs(lead, "lead-password-1")
                .openAdminConsoleFromNavigation()
                .openGroupsTab();
        GroupMembersPage other = groups.search(otherTeam).openGroup(otherTeam);
        assertThat(other.memberNames()).as("a member may look").containsExactly("Team Lead");
        assertThat(other.canAddMembers()).isFalse();
        assertThat(other.canRemoveMembers()).isFalse();

        GroupMembersPage theirs =
                GroupListPage.open(driver, baseUrl).search(team).openGroup(team);
        assertThat(theirs.canAddMembers()).isTrue();
        assertThat(theirs.addMember(bot).memberNames()).containsExactly(bot);
        assertThat(theirs.flashError()).isEmpty();
    }

    /**
     * Creates a token for the service principal the way it would itself (the API cannot create one for others yet),
     * after an admin gave it CAN_USE in the token usage list (needed to create and to use a token).
     */
    private String tokenOf(String applicationId, String name) {
        var workspace = workspaces.findByName("main").orElseThrow();
        Principal owner =
                principals.findByApplicationId(workspace.id(), applicationId).orElseThrow();
        Principal admin = principals.findByUserName(workspace.id(), ADMIN_USER).orElseThrow();
        tokenUsage.patch(
                Actor.of(admin, "127.0.0.1"),
                List.of(TokenUsageEntry.forPrincipal(owner.id(), TokenUsageLevel.CAN_USE)));
        return tokens.create(Actor.of(owner, "127.0.0.1"), new CreateTokenCommand(name, null, List.of("tokens:read")))
                .secret()
                .reveal();
    }

    private void shoot(String name) {
        Path dir = Paths.get(System.getProperty("warden.e2e.shots", "target/e2e-shots"));
        browser.screenshot(dir.resolve(name + ".png"));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
