package dev.warden.web.role;

import static dev.warden.web.support.TestData.unique;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The Roles page over real HTTP: custom roles defined by ticking permissions, edited and deleted; a role's page
 * listing who holds it and assigning it to principals and groups through the search-as-you-type picker.
 */
@WardenSpringBootTest
class RolePagesConsoleIT {
    private static final String TICKED_TOKENS_READ =
            "value=\"tokens:read\"\\s+data-testid=\"permission-tokens:read\" checked";
    private static final Pattern ROLE_PAGE = Pattern.compile("/settings/admin/roles/([0-9]+)");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    TestData testData;
    ConsoleSession console;

    @BeforeEach
    void logIn() {
        testData = TestData.of(context);
        console = new ConsoleSession(port);
        assertThat(console.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
    }

    @Test
    void theRolesPageListsBuiltInAndCustomRolesWithPermissionsAndHolders() {
        Group group = testData.group(unique("holders"));
        Role auditor = testData.customRole(unique("reader"), Permission.AUDIT_READ);
        testData.assign(auditor, group, null);

        String page = console.get("/settings/admin/roles").body();

        assertThat(page)
                .contains(
                        "data-testid=\"admin-tab-roles\"",
                        "data-testid=\"new-role\"",
                        "data-role=\"workspace-admin\"",
                        "data-role=\"group-admin\"",
                        "data-testid=\"built-in\"")
                .contains("data-role=\"" + auditor.name() + "\"", "audit:read", group.displayName());
    }

    @Test
    void aCustomRoleIsDefinedByTickingPermissions() {
        String name = unique("deployer");

        HttpResponse<String> dialog = console.getHtmx("/settings/admin/roles/new");
        HttpResponse<String> created = console.postForm(
                "/settings/admin/roles",
                List.of(
                        Map.entry("name", name), Map.entry("description", "Deploys things"),
                        Map.entry("permissions", "tokens:read"), Map.entry("permissions", "scim:read")),
                true);

        assertThat(dialog.body())
                .contains(
                        "data-testid=\"role-dialog\"",
                        "data-testid=\"permission-scim:write\"",
                        "Create and change users, service principals and groups",
                        "<legend>Permissions</legend>");
        String location = created.headers().firstValue("HX-Redirect").orElse("");
        assertThat(location).matches(ROLE_PAGE.pattern());
        assertThat(console.get(location).body())
                .contains(
                        "data-testid=\"role-title\"",
                        name,
                        "Deploys things",
                        "tokens:read",
                        "scim:read",
                        "data-testid=\"no-holders\"",
                        "data-testid=\"edit-role\"");
    }

    @Test
    void theRoleDialogShowsEachErrorNextToItsField() {
        HttpResponse<String> empty = console.postForm("/settings/admin/roles", List.of(Map.entry("name", " ")), true);
        HttpResponse<String> builtInName = console.postForm(
                "/settings/admin/roles",
                List.of(Map.entry("name", "user"), Map.entry("permissions", "tokens:read")),
                true);
        HttpResponse<String> unknown = console.postForm(
                "/settings/admin/roles",
                List.of(Map.entry("name", unique("x")), Map.entry("permissions", "tokens:fly")),
                true);

        assertThat(empty.body())
                .contains(
                        "data-testid=\"error-name\"",
                        "Enter a name for the role",
                        "data-testid=\"error-permissions\"",
                        "Tick at least one permission");
        assertThat(builtInName.body())
                .contains("data-testid=\"error-name\"", "built-in role name")
                .containsPattern(TICKED_TOKENS_READ);
        assertThat(unknown.body()).contains("data-testid=\"error-permissions\"", "tokens:fly");
    }

    @Test
    void aRoleIsAssignedFromItsPageToAGroupAndToAPrincipalForOneGroup() {
        Role role = testData.customRole(unique("operator"), Permission.TOKENS_READ, Permission.SETTINGS_READ);
        Group group = testData.group(unique("night-shift"));
        Principal bot = testData.servicePrincipal(unique("night-bot"));
        String page = "/settings/admin/roles/" + role.id();

        HttpResponse<String> picker =
                console.getHtmx("/settings/admin/pickers/assignees?withGroups=true&q=" + group.displayName());
        HttpResponse<String> toGroup = console.postForm(
                page + "/assignments", Map.of("assignee", "group:" + group.id(), "scopeGroupId", ""), true);
        HttpResponse<String> toBot = console.postForm(
                page + "/assignments",
                Map.of(
                        "assignee",
                        "principal:" + bot.id(),
                        "scopeGroupId",
                        group.id().toString()),
                true);
        HttpResponse<String> again = console.postForm(
                page + "/assignments", Map.of("assignee", "group:" + group.id(), "scopeGroupId", ""), true);
        HttpResponse<String> nobody = console.postForm(page + "/assignments", Map.of("scopeGroupId", ""), true);

        assertThat(picker.body())
                .contains("data-testid=\"assignee-group:" + group.id() + "\"", "type=\"radio\"", "name=\"assignee\"");
        assertThat(toGroup.body())
                .startsWith("<section id=\"role-holders\"")
                .contains("data-holder=\"" + group.displayName() + "\"", "Held by (1)");
        assertThat(toBot.body())
                .contains("data-holder=\"" + bot.displayName() + "\"", "Group " + group.displayName(), "Held by (2)");
        assertThat(again.body()).contains("data-testid=\"error-assignee\"", "already hold this role");
        assertThat(nobody.body()).contains("data-testid=\"error-assignee\"", "choose one");
        assertThat(console.get("/settings/admin/roles").body()).contains(group.displayName(), bot.displayName());
        assertThat(console.get("/settings/admin/service-principals/" + bot.id()).body())
                .contains("aria-label=\"" + role.name() + " — scoped to group " + group.displayName()
                        + " — assigned directly\"");

        Matcher unassign = Pattern.compile("hx-delete=\"(" + Pattern.quote(page) + "/assignments/[0-9]+)\"")
                .matcher(toBot.body());
        assertThat(unassign.find()).isTrue();
        assertThat(console.htmx("DELETE", unassign.group(1)).body()).contains("Held by (1)");
    }

    @Test
    void aGroupScopedRoleNeedsAGroupAsScope() {
        Role groupAdmin = testData.builtIn(BuiltInRole.GROUP_ADMIN);
        Principal user = testData.consoleUser(unique("would-be-admin"), "would-be-pass");

        String page = console.get("/settings/admin/roles/" + groupAdmin.id()).body();
        HttpResponse<String> workspace = console.postForm(
                "/settings/admin/roles/" + groupAdmin.id() + "/assignments",
                Map.of("assignee", "principal:" + user.id(), "scopeGroupId", ""),
                true);

        assertThat(page)
                .contains("<option value=\"\" disabled=\"disabled\">Workspace</option>")
                .doesNotContain("data-testid=\"edit-role\"", "data-testid=\"delete-role\"");
        assertThat(workspace.body()).contains("data-testid=\"error-scopeGroupId\"", "is given for one group");
    }

    @Test
    void aCustomRoleIsEditedAndDeletedAndItsHoldersLoseIt() {
        Role role = testData.customRole(unique("temporary"), Permission.TOKENS_READ);
        Principal bot = testData.servicePrincipal(unique("temp-bot"));
        testData.assign(role, bot, null);
        String page = "/settings/admin/roles/" + role.id();

        HttpResponse<String> dialog = console.getHtmx(page + "/edit");
        HttpResponse<String> saved = console.postForm(
                page,
                List.of(
                        Map.entry("name", role.name()),
                        Map.entry("description", "now wider"),
                        Map.entry("permissions", "tokens:read"),
                        Map.entry("permissions", "audit:read")),
                true);
        String edited = console.get(page).body();
        HttpResponse<String> deleted = console.htmx("DELETE", page);

        assertThat(dialog.body())
                .contains("Edit role " + role.name(), "value=\"" + role.name() + "\"")
                .containsPattern(TICKED_TOKENS_READ);
        assertThat(saved.headers().firstValue("HX-Redirect")).contains(page);
        assertThat(edited).contains("now wider", "audit:read", "Its 1 holder loses its permissions at once.");
        assertThat(deleted.headers().firstValue("HX-Redirect")).contains("/settings/admin/roles");
        assertThat(console.get("/settings/admin/roles").body()).doesNotContain(role.name());
        assertThat(console.get("/settings/admin/service-principals/" + bot.id()).body())
                .doesNotContain(role.name());
        assertThat(console.get(page).statusCode()).isEqualTo(404);
    }

    @Test
    void aUserWhoMayOnlyReadRolesSeesThemWithoutChanges() {
        Principal reader = testData.consoleUser(unique("role-reader"), "role-reader-pass");
        Role role = testData.customRole(unique("visible"), Permission.TOKENS_READ);
        ConsoleSession session = new ConsoleSession(port);
        session.logIn(reader.userName(), "role-reader-pass");

        HttpResponse<String> list = session.get("/settings/admin/roles");
        HttpResponse<String> page = session.get("/settings/admin/roles/" + role.id());
        HttpResponse<String> dialog = session.get("/settings/admin/roles/new");
        HttpResponse<String> delete = session.htmx("DELETE", "/settings/admin/roles/" + role.id());

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(role.name()).doesNotContain("data-testid=\"new-role\"");
        assertThat(page.body()).doesNotContain("data-testid=\"assign-role-form\"", "data-testid=\"edit-role\"");
        assertThat(dialog.statusCode()).isEqualTo(403);
        assertThat(delete.body()).contains("data-testid=\"flash-error\"", "roles:write");
        assertThat(console.get("/settings/admin/roles/" + role.id()).statusCode())
                .isEqualTo(200);
    }
}
