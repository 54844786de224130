package dev.warden.web.directory;

import static dev.warden.web.support.Html.all;
import static dev.warden.web.support.Html.tagsWith;
import static dev.warden.web.support.Html.testid;
import static dev.warden.web.support.TestData.unique;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.Group;
import dev.warden.core.group.GroupService;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleService;
import dev.warden.core.token.AccessToken;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A service principal's page, its actions over real HTTP: "Create token" (the personal token dialog, a token on
 * behalf of it, shown once), "Add to group" and Remove, "Assign role" and Unassign, the OAuth secrets link; each
 * error next to its field with nothing changed; and a viewer without the permissions sees none of them.
 */
@WardenSpringBootTest
class ServicePrincipalActionsConsoleIT {
    private static final String SPS = "/settings/admin/service-principals/";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    GroupService groups;

    @Autowired
    RoleService roles;

    TestData testData;
    ConsoleSession console;
    ApiClient api;

    @BeforeEach
    void logIn() {
        testData = TestData.of(context);
        testData.removeServices();
        api = new ApiClient(port);
        console = new ConsoleSession(port);
        assertThat(console.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
    }

    private Principal robot(String name) {
        Principal sp = testData.servicePrincipal(unique(name));
        testData.grantTokenUsage(sp);
        return sp;
    }

    private List<AccessToken> tokensOf(Principal sp) {
        return context.getBean(dev.warden.core.directory.DirectoryService.class).tokensOf(admin(), sp.id());
    }

    private Actor admin() {
        return testData.admin();
    }

    @Test
    void theAdminSeesEveryActionOnTheServicePrincipalsPage() {
        Principal sp = robot("actions-bot");
        Group ops = testData.group(unique("actions-ops"));

        String page = console.get(SPS + sp.id().value()).body();

        assertThat(page)
                .contains(
                        "data-testid=\"create-sp-token\"",
                        "data-testid=\"add-to-group-form\"",
                        "data-testid=\"assign-role-form\"",
                        "data-testid=\"manage-secrets\"",
                        "href=\"#client-secrets\"");
        assertThat(all(page, "add-group-select")).singleElement().asString().contains(ops.displayName());
    }

    @Test
    void aViewerWhoMayOnlyReadSeesNoActionsAndCannotUseThem() {
        Principal sp = robot("readonly-bot");
        Group ops = testData.group(unique("readonly-ops"));
        Principal reader = testData.consoleUser(unique("sp-reader"), "reader-pass-1");
        ConsoleSession session = new ConsoleSession(port);
        session.logIn(reader.userName(), "reader-pass-1");

        String page = session.get(SPS + sp.id().value()).body();
        HttpResponse<String> add = session.postForm(
                SPS + sp.id().value() + "/groups",
                Map.of("groupId", String.valueOf(ops.id().value())),
                true);
        HttpResponse<String> dialog = session.getHtmx(SPS + sp.id().value() + "/tokens/new");

        assertThat(page)
                .contains("data-testid=\"principal-detail\"")
                .doesNotContain(
                        "data-testid=\"create-sp-token\"",
                        "data-testid=\"add-to-group-form\"",
                        "data-testid=\"assign-role-form\"",
                        "data-testid=\"remove-from-group\"",
                        "data-testid=\"unassign-role\"");
        assertThat(add.body()).contains("data-testid=\"flash-error\"", "scim:write");
        assertThat(groups.members(admin(), ops.id())).isEmpty();
        assertThat(dialog.body()).contains("data-testid=\"flash-error\"", "token-management:write");
    }

    @Test
    void createTokenShowsThePersonalDialogThenTheSecretOnceAndThePageListsIt() {
        Principal sp = robot("token-bot");
        String name = unique("sp-token");

        HttpResponse<String> dialog = console.getHtmx(SPS + sp.id().value() + "/tokens/new");
        HttpResponse<String> issued = console.postForm(
                SPS + sp.id().value() + "/tokens",
                Map.of("name", name, "lifetimeDays", "30", "scopes", "all-apis"),
                true);

        assertThat(dialog.body())
                .contains(
                        "data-testid=\"generate-dialog\"",
                        "Create a token for " + sp.displayName(),
                        "action=\"" + SPS + sp.id().value() + "/tokens\"",
                        "data-testid=\"token-name-input\"",
                        "data-testid=\"expiry-control\"",
                        "data-scope-picker")
                .doesNotContain("<html");
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(issued.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        String value = tagsWith(issued.body(), "issued-token-value").get(0).get("value");
        assertThat(value).startsWith("wdn_");
        assertThat(tagsWith(issued.body(), "close-issued").get(0))
                .as("Done reloads the page, which lists the token")
                .containsEntry("href", SPS + sp.id().value())
                .doesNotContainKey("data-close-dialog");
        assertThat(tokensOf(sp))
                .singleElement()
                .satisfies(token -> assertThat(token.comment()).isEqualTo(name));
        assertThat(all(console.get(SPS + sp.id().value()).body(), "token-name")).contains(name);
        assertThat(api.get("/api/2.0/token/list", value).status())
                .as("the token works as the SP")
                .isEqualTo(200);
    }

    @Test
    void withoutHtmxCreateTokenOpensOverThePage() {
        Principal sp = robot("plain-bot");

        HttpResponse<String> page = console.get(SPS + sp.id().value() + "/tokens/new");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<html", "data-testid=\"principal-detail\"", "data-testid=\"generate-dialog\"")
                .contains("the roles of " + sp.displayName());
    }

    @Test
    void createTokenWithoutNameOrScopeShowsEachErrorByItsFieldAndCreatesNothing() {
        Principal sp = robot("token-errors-bot");

        HttpResponse<String> refused =
                console.postForm(SPS + sp.id().value() + "/tokens", Map.of("name", " ", "lifetimeDays", "30"), true);

        assertThat(refused.body())
                .contains(
                        "data-testid=\"generate-dialog\"", "data-testid=\"error-name\"", "data-testid=\"error-scopes\"")
                .doesNotContain("data-testid=\"issued-dialog\"");
        assertThat(tokensOf(sp)).isEmpty();
    }

    @Test
    void aServicePrincipalWithoutTokenUsageGetsNoTokenAndTheDialogSaysWhy() {
        Principal sp = testData.servicePrincipal(unique("no-usage-bot"));

        HttpResponse<String> dialog = console.getHtmx(SPS + sp.id().value() + "/tokens/new");
        HttpResponse<String> refused = console.postForm(
                SPS + sp.id().value() + "/tokens",
                Map.of("name", "nope", "lifetimeDays", "30", "scopes", "all-apis"),
                true);

        assertThat(testid(dialog.body(), "form-error")).contains(sp.displayName());
        assertThat(refused.body()).contains("data-testid=\"form-error\"").doesNotContain("issued-token-value");
        assertThat(tokensOf(sp)).isEmpty();
    }

    @Test
    void addToGroupListsItWithRemoveAndRemoveTakesItOut() {
        Principal sp = robot("group-bot");
        Group ops = testData.group(unique("sp-ops"));
        String path = SPS + sp.id().value();

        HttpResponse<String> added = console.postForm(
                path + "/groups", Map.of("groupId", String.valueOf(ops.id().value())), true);

        assertThat(all(added.body(), "principal-group"))
                .singleElement()
                .asString()
                .contains(ops.displayName());
        assertThat(added.body()).contains("data-testid=\"remove-from-group\"").doesNotContain("<html");
        assertThat(groups.members(admin(), ops.id())).extracting(Principal::id).containsExactly(sp.id());

        HttpResponse<String> removed =
                console.htmx("DELETE", path + "/groups/" + ops.id().value());

        assertThat(removed.body()).contains("data-testid=\"no-groups\"");
        assertThat(groups.members(admin(), ops.id())).isEmpty();
    }

    @Test
    void addToGroupWithoutAGroupSaysSoByTheField() {
        Principal sp = robot("group-error-bot");

        HttpResponse<String> refused = console.postForm(SPS + sp.id().value() + "/groups", Map.of("groupId", ""), true);

        assertThat(testid(refused.body(), "error-groupId")).isEqualTo("Choose a group.");
        assertThat(refused.body()).contains("data-testid=\"no-groups\"");
    }

    @Test
    void assignRoleListsItWithUnassignAndUnassignRemovesIt() {
        Principal sp = robot("role-bot");
        Role deployer = testData.customRole(unique("sp-deployer"), testData.permission("scim:read"));
        String path = SPS + sp.id().value();

        HttpResponse<String> assigned = console.postForm(
                path + "/roles", Map.of("roleId", String.valueOf(deployer.id().value())), true);

        assertThat(tagsWith(assigned.body(), "role-row"))
                .extracting(attributes -> attributes.get("data-role"))
                .contains(deployer.name());
        assertThat(assigned.body()).contains("data-testid=\"unassign-role\"");
        long assignment = roles.holders(admin(), deployer.id()).get(0).id().value();

        HttpResponse<String> again = console.postForm(
                path + "/roles", Map.of("roleId", String.valueOf(deployer.id().value())), true);
        HttpResponse<String> unassigned = console.htmx("DELETE", path + "/roles/" + assignment);

        assertThat(testid(again.body(), "error-roleId")).contains("already holds");
        assertThat(roles.holders(admin(), deployer.id())).isEmpty();
        assertThat(tagsWith(unassigned.body(), "role-row"))
                .extracting(attributes -> attributes.get("data-role"))
                .doesNotContain(deployer.name());
    }

    @Test
    void aGroupScopedRoleWithoutAGroupIsRefusedByTheScopeField() {
        Principal sp = robot("scope-bot");
        Role groupAdmin = testData.roleNamed("group-admin");

        HttpResponse<String> refused = console.postForm(
                SPS + sp.id().value() + "/roles",
                Map.of("roleId", String.valueOf(groupAdmin.id().value())),
                true);

        assertThat(testid(refused.body(), "error-scopeGroupId")).contains("scope_group_id");
        assertThat(roles.holders(admin(), groupAdmin.id()))
                .noneMatch(a -> sp.id().equals(a.principal()));
    }
}
