package dev.warden.web.group;

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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Groups in the Admin Console over real HTTP: creating one, its Members tab (search-as-you-type to add, remove)
 * and Roles tab, and what a group admin sees: only the groups they administer.
 */
@WardenSpringBootTest
class GroupPagesConsoleIT {
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
    void aGroupCreatedInTheDialogOpensOnItsMembersTab() {
        String name = unique("ops");

        HttpResponse<String> created = console.postForm("/settings/admin/groups", Map.of("displayName", name), true);
        HttpResponse<String> duplicate = console.postForm("/settings/admin/groups", Map.of("displayName", name), true);
        HttpResponse<String> blank = console.postForm("/settings/admin/groups", Map.of("displayName", " "), true);

        String location = created.headers().firstValue("HX-Redirect").orElse("");
        assertThat(location).matches("/settings/admin/groups/[0-9]+/members");
        assertThat(console.get(location).body())
                .contains(
                        "data-testid=\"group-title\"",
                        name,
                        "data-testid=\"no-members\"",
                        "data-testid=\"member-search\"",
                        "data-testid=\"group-tab-roles\"");
        assertThat(duplicate.body()).contains("data-testid=\"error-displayName\"", "already exists");
        assertThat(blank.body()).contains("data-testid=\"error-displayName\"", "Enter a name for the group");
        assertThat(console.get("/settings/admin/groups?q=" + name).body()).contains(name, "1–1 of 1");
    }

    @Test
    void membersAreFoundByTypingAddedAndRemoved() {
        Group group = testData.group(unique("squad"));
        Principal bot = testData.servicePrincipal(unique("member-bot"));
        String members = "/settings/admin/groups/" + group.id() + "/members";

        HttpResponse<String> found =
                console.getHtmx("/settings/admin/groups/" + group.id() + "/member-candidates?q=" + bot.displayName());
        HttpResponse<String> added = console.postForm(members + "/" + bot.id(), Map.of(), true);
        HttpResponse<String> again =
                console.getHtmx("/settings/admin/groups/" + group.id() + "/member-candidates?q=" + bot.displayName());
        String pageWithMember = console.get(members).body();
        HttpResponse<String> removed = console.htmx("DELETE", members + "/" + bot.id());

        assertThat(found.body())
                .startsWith("<ul id=\"member-candidates\"")
                .contains(
                        bot.displayName(),
                        "data-testid=\"add-member\"",
                        "hx-post=\"" + members + "/" + bot.id() + "\"");
        assertThat(added.body())
                .startsWith("<section id=\"members-panel\"")
                .contains(
                        "data-testid=\"member-row\"",
                        bot.displayName(),
                        "service principal",
                        "Members (1)",
                        "autofocus");
        assertThat(pageWithMember).contains("data-principal-id=\"" + bot.id() + "\"");
        assertThat(again.body())
                .contains("data-testid=\"already-member\"")
                .doesNotContain("data-testid=\"add-member\"");
        assertThat(removed.body()).contains("data-testid=\"no-members\"", "Members (0)");
        assertThat(console.getHtmx(
                                "/settings/admin/groups/" + group.id() + "/member-candidates?q=zz-" + bot.displayName())
                        .body())
                .contains("data-testid=\"no-candidates\"");
    }

    @Test
    void theRolesTabGivesRolesToTheGroupAndForTheGroup() {
        Group group = testData.group(unique("platform"));
        Principal lead = testData.consoleUser(unique("lead"), "lead-pass-1");
        Role deployer = testData.customRole(unique("deployer"), Permission.TOKENS_READ, Permission.SCIM_READ);
        Role groupAdmin = testData.builtIn(BuiltInRole.GROUP_ADMIN);
        String roles = "/settings/admin/groups/" + group.id() + "/roles";

        HttpResponse<String> tab = console.get(roles);
        HttpResponse<String> held =
                console.postForm(roles, Map.of("roleId", deployer.id().toString(), "scope", "workspace"), true);
        HttpResponse<String> unscoped =
                console.postForm(roles, Map.of("roleId", groupAdmin.id().toString(), "scope", "workspace"), true);
        HttpResponse<String> noAssignee = console.postForm(
                roles + "/scoped", Map.of("roleId", groupAdmin.id().toString()), true);
        HttpResponse<String> scoped = console.postForm(
                roles + "/scoped",
                Map.of("roleId", groupAdmin.id().toString(), "assignee", "principal:" + lead.id()),
                true);

        assertThat(tab.body())
                .contains(
                        "data-testid=\"no-held-roles\"",
                        "data-testid=\"no-scoped-roles\"",
                        "<label for=\"held-role\">",
                        "<label for=\"scoped-assignee-search\">");
        assertThat(held.body())
                .startsWith("<div id=\"group-roles\"")
                .contains("data-testid=\"held-role\" data-role=\"" + deployer.name() + "\"");
        assertThat(unscoped.body()).contains("data-testid=\"error-scope\"", "is given for one group");
        assertThat(noAssignee.body()).contains("data-testid=\"error-assignee\"", "choose one");
        assertThat(scoped.body()).contains("data-testid=\"scoped-role\" data-role=\"group-admin\"", lead.userName());
        assertThat(console.get("/settings/admin/users/" + lead.id()).body())
                .contains(
                        "aria-label=\"group-admin — scoped to group " + group.displayName() + " — assigned directly\"");

        Matcher unassign = Pattern.compile("hx-delete=\"(" + Pattern.quote(roles) + "/[0-9]+)\"")
                .matcher(held.body());
        assertThat(unassign.find()).isTrue();
        HttpResponse<String> afterUnassign = console.htmx("DELETE", unassign.group(1));
        assertThat(afterUnassign.body())
                .contains("data-testid=\"no-held-roles\"")
                .contains("data-role=\"group-admin\"");
    }

    @Test
    void deletingAGroupSaysWhatFollowsAndReturnsToTheList() {
        Principal bot = testData.servicePrincipal(unique("kept-bot"));
        Group group = testData.group(unique("short-lived"), bot);
        String page =
                console.get("/settings/admin/groups/" + group.id() + "/members").body();

        HttpResponse<String> deleted = console.htmx("DELETE", "/settings/admin/groups/" + group.id());

        assertThat(page).contains("Its 1 member leaves it and the roles given to it or scoped to it are removed");
        assertThat(deleted.headers().firstValue("HX-Redirect")).contains("/settings/admin/groups");
        assertThat(console.get("/settings/admin/groups/" + group.id() + "/members")
                        .statusCode())
                .isEqualTo(404);
        assertThat(console.get("/settings/admin/service-principals/" + bot.id()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aGroupAdminSeesAndManagesOnlyTheGroupsTheyAdminister() {
        Group theirs = testData.group(unique("theirs"));
        Group other = testData.group(unique("other"));
        Principal admin = testData.consoleUser(unique("group-admin"), "group-admin-pass");
        testData.unassign(BuiltInRole.USER, admin);
        testData.assign(testData.builtIn(BuiltInRole.GROUP_ADMIN), admin, theirs);
        Principal bot = testData.servicePrincipal(unique("recruit-bot"));
        ConsoleSession session = new ConsoleSession(port);
        session.logIn(admin.userName(), "group-admin-pass");

        HttpResponse<String> entry = session.get("/settings/admin");
        HttpResponse<String> list = session.get("/settings/admin/groups");
        HttpResponse<String> search = session.getHtmx("/settings/admin/groups?q=" + other.displayName());
        HttpResponse<String> members = session.get("/settings/admin/groups/" + theirs.id() + "/members");
        HttpResponse<String> candidates =
                session.getHtmx("/settings/admin/groups/" + theirs.id() + "/member-candidates?q=" + bot.displayName());
        HttpResponse<String> added =
                session.postForm("/settings/admin/groups/" + theirs.id() + "/members/" + bot.id(), Map.of(), true);
        HttpResponse<String> otherPage = session.get("/settings/admin/groups/" + other.id() + "/members");
        HttpResponse<String> addToOther =
                session.postForm("/settings/admin/groups/" + other.id() + "/members/" + bot.id(), Map.of(), true);
        HttpResponse<String> users = session.get("/settings/admin/users");
        HttpResponse<String> roles = session.get("/settings/admin/groups/" + theirs.id() + "/roles");

        assertThat(entry.headers().firstValue("Location").orElse("")).endsWith("/settings/admin/groups");
        assertThat(list.body())
                .contains(theirs.displayName(), "data-testid=\"administered-only\"", "data-testid=\"admin-tab-groups\"")
                .doesNotContain(
                        other.displayName(),
                        "data-testid=\"new-group\"",
                        "data-testid=\"admin-tab-users\"",
                        "data-testid=\"admin-tab-roles\"");
        assertThat(search.body()).contains("data-testid=\"no-groups\"");
        assertThat(members.body())
                .contains("data-testid=\"member-search\"")
                .doesNotContain("data-testid=\"delete-group\"", "data-testid=\"group-tab-roles\"");
        assertThat(candidates.body()).contains(bot.displayName(), "data-testid=\"add-member\"");
        assertThat(added.body())
                .contains("data-testid=\"member-row\"", bot.displayName())
                .doesNotContain("href=\"/settings/admin/service-principals/");
        assertThat(otherPage.statusCode()).isEqualTo(403);
        assertThat(otherPage.body()).contains("data-testid=\"forbidden\"", "for group " + other.id());
        assertThat(addToOther.body()).contains("data-testid=\"flash-error\"");
        assertThat(console.get("/settings/admin/groups/" + other.id() + "/members")
                        .body())
                .contains("data-testid=\"no-members\"");
        assertThat(users.statusCode()).isEqualTo(403);
        assertThat(roles.statusCode()).isEqualTo(403);
    }
}
