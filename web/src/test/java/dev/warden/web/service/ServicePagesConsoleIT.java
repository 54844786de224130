package dev.warden.web.service;

import static dev.warden.web.support.TestData.unique;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.service.RegisteredService;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.DatabaseSnapshot;
import dev.warden.web.support.Html;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Admin Console → Services over real HTTP: the list, the register dialog (errors next to their field, nothing stored
 * on a refusal), a service's page (scopes added and removed with the roles that grant them, rename, remove), CSRF on
 * every form, read-only for an auditor; and service scopes grouped under their service in the role dialog, on a
 * role's page, in the create-token scope picker and on the Scopes page.
 */
@WardenSpringBootTest
class ServicePagesConsoleIT {
    private static final String SERVICES = "/settings/admin/services";
    private static final String PREFIX = "console-";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    @Autowired
    ServiceRegistry registry;

    @Autowired
    PrincipalNames names;

    TestData testData;
    ConsoleSession console;
    JdbcClient jdbc;

    @BeforeEach
    void logIn() {
        testData = TestData.of(context);
        jdbc = JdbcClient.create(dataSource);
        console = new ConsoleSession(port);
        assertThat(console.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
    }

    /**
     * The ITs share one application and database, and some compare the catalogue with Warden's own permissions: the
     * services made here leave with the test.
     */
    @AfterEach
    void removeTheServicesMadeHere() {
        registry.list(testData.admin()).stream()
                .filter(s -> s.name().startsWith(PREFIX))
                .forEach(s -> registry.delete(testData.admin(), s.id()));
    }

    private static String newName() {
        return PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static List<Map.Entry<String, String>> registration(
            String name, String displayName, String applicationId, String... scopesAndDescriptions) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(
                Map.entry("name", name),
                Map.entry("displayName", displayName),
                Map.entry("servicePrincipal", applicationId)));
        for (int i = 0; i < scopesAndDescriptions.length / 2; i++) {
            fields.add(Map.entry("scopes[" + i + "].scope", scopesAndDescriptions[2 * i]));
            fields.add(Map.entry("scopes[" + i + "].description", scopesAndDescriptions[2 * i + 1]));
        }
        // the dialog's blank third row, which is ignored
        fields.add(Map.entry("scopes[9].scope", ""));
        fields.add(Map.entry("scopes[9].description", ""));
        return fields;
    }

    private RegisteredService service(String prefix) {
        String name = newName();
        return testData.service(name, name + ":read", name + ":write");
    }

    private String applicationIdOf(RegisteredService service) {
        return names.find(testData.main().id(), service.servicePrincipal())
                .orElseThrow()
                .applicationId();
    }

    private long auditEvents() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single();
    }

    @Test
    void anAdminRegistersAServiceInTheDialogAndLandsOnItsPage() {
        String name = newName();
        Principal robot = testData.servicePrincipal(unique("wiki-robot"));

        HttpResponse<String> dialog = console.getHtmx(SERVICES + "/new");
        HttpResponse<String> created = console.postForm(
                SERVICES,
                registration(
                        name,
                        "Team wiki",
                        robot.applicationId(),
                        name + ":read",
                        "Read pages, and their history",
                        name + ":write",
                        "Edit pages"),
                true);

        assertThat(dialog.body())
                .contains(
                        "data-testid=\"register-service-dialog\"",
                        "data-testid=\"service-principal-select\"",
                        "value=\"" + robot.applicationId() + "\"",
                        "data-testid=\"scope-input-2\"",
                        "name=\"_csrf\"");
        String location = created.headers().firstValue("HX-Redirect").orElse("");
        assertThat(location).matches(SERVICES + "/[0-9]+");
        String page = console.get(location).body();
        assertThat(Html.testid(page, "service-title")).isEqualTo("Team wiki");
        assertThat(Html.all(page, "service-scope")).containsExactly(name + ":read", name + ":write");
        assertThat(Html.all(page, "service-scope-description"))
                .containsExactly("Read pages, and their history", "Edit pages");
        assertThat(Html.testid(page, "service-principal")).contains(robot.displayName(), robot.applicationId());
        assertThat(page).contains("href=\"/settings/admin/service-principals/" + robot.id() + "\"");
        assertThat(Html.all(page, "granting-role")).containsOnly("workspace-admin (every scope)");

        String list = console.get(SERVICES).body();
        assertThat(list).contains("data-testid=\"admin-tab-services\"", "data-service=\"" + name + "\"");
        assertThat(Html.all(list, "service-link")).contains("Team wiki");
    }

    @Test
    void badInputIsShownNextToItsFieldAndNothingIsStored() {
        String name = newName();
        Principal robot = testData.servicePrincipal(unique("bad-input-robot"));
        String takenName = newName();
        RegisteredService taken = testData.service(takenName, takenName + ":read");
        DatabaseSnapshot before = DatabaseSnapshot.take(jdbc);
        long audited = auditEvents();

        HttpResponse<String> badName =
                console.postForm(SERVICES, registration("Wiki!", "", robot.applicationId(), "wiki:read", "Read"), true);
        HttpResponse<String> reserved = console.postForm(
                SERVICES, registration("tokens", "", robot.applicationId(), "tokens:fly", "Fly"), true);
        HttpResponse<String> noPrincipal =
                console.postForm(SERVICES, registration(name, "", "", name + ":read", "Read"), true);
        HttpResponse<String> noScopes = console.postForm(SERVICES, registration(name, "", robot.applicationId()), true);
        HttpResponse<String> wrongPrefix =
                console.postForm(SERVICES, registration(name, "", robot.applicationId(), "other:read", "Read"), true);
        HttpResponse<String> usedPrincipal = console.postForm(
                SERVICES, registration(name, "", applicationIdOf(taken), name + ":read", "Read"), true);
        HttpResponse<String> duplicate = console.postForm(
                SERVICES, registration(taken.name(), "", robot.applicationId(), taken.name() + ":x", "X"), true);

        assertThat(Html.testid(badName.body(), "error-name")).contains("lower-case letter", "Wiki!");
        assertThat(Html.testid(reserved.body(), "error-name")).contains("taken by Warden itself");
        assertThat(Html.testid(noPrincipal.body(), "error-servicePrincipal")).contains("Choose the service principal");
        assertThat(Html.testid(noScopes.body(), "error-scopes")).contains("at least one scope", name + ":read");
        assertThat(Html.testid(wrongPrefix.body(), "error-scopes")).contains("starts with '" + name + ":'");
        assertThat(Html.testid(usedPrincipal.body(), "error-servicePrincipal")).contains("already authenticates");
        assertThat(Html.testid(duplicate.body(), "error-name")).contains("already registered");
        // what was typed stays in the dialog, and there is room for one more scope
        assertThat(wrongPrefix.body())
                .contains("value=\"" + name + "\"", "value=\"other:read\"", "data-testid=\"scope-input-1\"");
        assertThat(before.differencesTo(DatabaseSnapshot.take(jdbc))).isEmpty();
        assertThat(auditEvents()).isEqualTo(audited);
    }

    @Test
    void everyFormNeedsTheCsrfTokenAndARefusalStoresNothing() {
        RegisteredService service = service("csrf");
        Principal robot = testData.servicePrincipal(unique("csrf-robot"));
        String name = newName();
        String page = SERVICES + "/" + service.id();
        DatabaseSnapshot before = DatabaseSnapshot.take(jdbc);

        List<Map.Entry<String, String>> forged =
                new ArrayList<>(registration(name, "", robot.applicationId(), name + ":read", "Read"));
        forged.add(Map.entry("_csrf", "not-the-token"));
        HttpResponse<String> register = console.postForm(SERVICES, forged, true);
        HttpResponse<String> addScope = console.postForm(
                page + "/scopes",
                Map.of("scope", service.name() + ":extra", "description", "x", "_csrf", "not-the-token"),
                true);
        HttpResponse<String> rename =
                console.postForm(page + "/rename", Map.of("displayName", "Renamed", "_csrf", "not-the-token"), true);

        assertThat(List.of(register.statusCode(), addScope.statusCode(), rename.statusCode()))
                .containsOnly(403);
        assertThat(before.differencesTo(DatabaseSnapshot.take(jdbc))).isEmpty();
        assertThat(console.getHtmx(SERVICES + "/new").body()).contains("name=\"_csrf\"");
        assertThat(console.get(page).body()).contains("name=\"_csrf\"");
    }

    @Test
    void aScopeIsAddedAndRemovedOnTheServicePageWithTheRolesThatGrantIt() {
        RegisteredService service = service("scopes");
        String read = service.name() + ":read";
        String write = service.name() + ":write";
        Role editors = testData.customRole(
                unique("editors"),
                registry.catalogue(testData.main().id()).find(write).orElseThrow());
        String page = SERVICES + "/" + service.id();

        String before = console.get(page).body();
        HttpResponse<String> added = console.postForm(
                page + "/scopes", Map.of("scope", service.name() + ":admin", "description", "Administer it"), true);
        HttpResponse<String> redescribed =
                console.postForm(page + "/scopes", Map.of("scope", read, "description", "Read every page"), true);
        HttpResponse<String> refused =
                console.postForm(page + "/scopes", Map.of("scope", "elsewhere:admin", "description", "Nope"), true);
        HttpResponse<String> removed = console.htmx("DELETE", page + "/scopes?scope=" + write.replace(":", "%3A"));

        assertThat(Html.tagsWith(before, "granting-role").stream().map(a -> a.get("data-role")))
                .contains(editors.name());
        assertThat(Html.tagsWith(before, "remove-scope-" + write).get(0).get("hx-confirm"))
                .contains("Remove the scope " + write, "1 custom role grants it and loses it", "stop working for it");
        assertThat(Html.tagsWith(before, "delete-service").get(0).get("hx-confirm"))
                .contains("Its 2 scopes leave the catalogue", "1 custom role loses them", "service principal stays");
        assertThat(added.body())
                .startsWith("<section id=\"service-scopes\"")
                .contains("Scope " + service.name() + ":admin added.", "Administer it");
        assertThat(redescribed.body()).contains("The description of " + read + " was changed.", "Read every page");
        assertThat(Html.testid(refused.body(), "error-scope")).contains("starts with '" + service.name() + ":'");
        assertThat(refused.body()).contains("value=\"elsewhere:admin\"");
        assertThat(Html.all(removed.body(), "service-scope")).containsExactly(service.name() + ":admin", read);
        assertThat(removed.body()).contains("Scope " + write + " removed.");
        assertThat(testData.roleNamed(editors.name()).permissions()).isEmpty();
    }

    @Test
    void aServiceIsRenamedAndRemoved() {
        RegisteredService service = service("rename");
        String page = SERVICES + "/" + service.id();

        HttpResponse<String> dialog = console.getHtmx(page + "/rename");
        HttpResponse<String> blank = console.postForm(page + "/rename", Map.of("displayName", " "), true);
        HttpResponse<String> renamed = console.postForm(page + "/rename", Map.of("displayName", "Wiki 2"), true);
        String afterRename = console.get(page).body();
        HttpResponse<String> deleted = console.htmx("DELETE", page);

        assertThat(dialog.body()).contains("data-testid=\"rename-service-dialog\"", "value=\"" + service.name() + "\"");
        assertThat(Html.testid(blank.body(), "error-displayName")).contains("Enter the name people see");
        assertThat(renamed.headers().firstValue("HX-Redirect")).contains(page);
        assertThat(Html.testid(afterRename, "service-title")).isEqualTo("Wiki 2");
        assertThat(deleted.headers().firstValue("HX-Redirect")).contains(SERVICES);
        assertThat(console.get(SERVICES).body()).doesNotContain("data-service=\"" + service.name() + "\"");
        assertThat(console.get(page).statusCode()).isEqualTo(404);
        assertThat(registry.catalogue(testData.main().id()).find(service.name() + ":read"))
                .isEmpty();
    }

    @Test
    void anAuditorReadsServicesButChangesNothingAndAUserDoesNotSeeTheTab() {
        RegisteredService service = service("audited");
        String page = SERVICES + "/" + service.id();
        Principal auditor = testData.consoleUser(unique("svc-auditor"), "auditor-pass-1");
        testData.assign(testData.builtIn(BuiltInRole.AUDITOR), auditor, null);
        ConsoleSession auditorConsole = new ConsoleSession(port);
        auditorConsole.logIn(auditor.userName(), "auditor-pass-1");
        Principal user = testData.consoleUser(unique("svc-user"), "user-pass-1");
        ConsoleSession userConsole = new ConsoleSession(port);
        userConsole.logIn(user.userName(), "user-pass-1");
        DatabaseSnapshot before = DatabaseSnapshot.take(jdbc);

        String list = auditorConsole.get(SERVICES).body();
        String detail = auditorConsole.get(page).body();
        HttpResponse<String> dialog = auditorConsole.get(SERVICES + "/new");
        HttpResponse<String> addScope = auditorConsole.postForm(
                page + "/scopes", Map.of("scope", service.name() + ":more", "description", "More"), true);
        HttpResponse<String> delete = auditorConsole.htmx("DELETE", page);

        assertThat(list)
                .contains("data-testid=\"admin-tab-services\"", "data-service=\"" + service.name() + "\"")
                .doesNotContain("data-testid=\"register-service\"");
        assertThat(Html.all(detail, "service-scope")).hasSize(2);
        assertThat(detail)
                .contains("data-testid=\"granting-role\"")
                .doesNotContain(
                        "data-testid=\"add-scope-form\"",
                        "data-testid=\"delete-service\"",
                        "data-testid=\"rename-service\"",
                        "data-testid=\"remove-scope-");
        assertThat(dialog.statusCode()).isEqualTo(403);
        assertThat(addScope.body()).contains("data-testid=\"flash-error\"", "services:write");
        assertThat(delete.body()).contains("data-testid=\"flash-error\"", "services:write");
        assertThat(before.differencesTo(DatabaseSnapshot.take(jdbc))).isEmpty();

        assertThat(userConsole.get("/settings/admin/roles").body()).doesNotContain("admin-tab-services");
        assertThat(userConsole.get(SERVICES).statusCode()).isEqualTo(403);
        assertThat(userConsole.get(page).statusCode()).isEqualTo(403);
    }

    @Test
    void aRegistrarWhoMayNotReadTheDirectoryNamesTheServicePrincipalByItsApplicationId() {
        Principal registrar = testData.consoleUser(unique("registrar"), "registrar-pass-1");
        testData.unassign(BuiltInRole.USER, registrar);
        testData.assign(testData.customRole(unique("registrars"), Permission.SERVICES_WRITE), registrar, null);
        ConsoleSession session = new ConsoleSession(port);
        session.logIn(registrar.userName(), "registrar-pass-1");
        Principal robot = testData.servicePrincipal(unique("registrar-robot"));
        String name = newName();

        String dialog = session.getHtmx(SERVICES + "/new").body();
        HttpResponse<String> created =
                session.postForm(SERVICES, registration(name, "", robot.applicationId(), name + ":read", "Read"), true);
        String page = session.get(created.headers().firstValue("HX-Redirect").orElseThrow())
                .body();

        assertThat(dialog)
                .contains("data-testid=\"service-principal-input\"")
                .doesNotContain("data-testid=\"service-principal-select\"", robot.applicationId());
        assertThat(Html.testid(page, "service-principal")).contains(robot.displayName());
        assertThat(page)
                .as("no link to a page the registrar may not open")
                .doesNotContain("data-testid=\"service-principal-link\"")
                .contains("data-testid=\"roles-unknown\"");
    }

    @Test
    void serviceScopesAreGroupedUnderTheirServiceInTheRoleDialogAndOnTheRolePage() {
        RegisteredService service = service("roles");
        registry.update(testData.admin(), service.id(), "Team wiki " + service.name(), null, null);
        String read = service.name() + ":read";
        String roleName = unique("wiki-readers");

        String dialog = console.getHtmx("/settings/admin/roles/new").body();
        HttpResponse<String> created = console.postForm(
                "/settings/admin/roles",
                List.of(
                        Map.entry("name", roleName),
                        Map.entry("permissions", "tokens:read"),
                        Map.entry("permissions", read)),
                true);
        String rolePage = console.get(
                        created.headers().firstValue("HX-Redirect").orElseThrow())
                .body();
        String adminPage = console.get("/settings/admin/roles/"
                        + testData.builtIn(BuiltInRole.WORKSPACE_ADMIN).id())
                .body();

        String group = Html.section(dialog, "permission-group-" + service.name());
        assertThat(group).contains("Team wiki " + service.name(), "data-testid=\"permission-" + read + "\"");
        assertThat(Html.all(dialog, "permission-group-title")).startsWith("Warden");
        assertThat(Html.all(rolePage, "role-permission-group-title"))
                .containsExactly("Warden", "Team wiki " + service.name() + " (service scopes)");
        assertThat(Html.all(rolePage, "role-permission")).containsExactly("tokens:read", read);
        assertThat(Html.all(adminPage, "role-permission")).contains(read, service.name() + ":write", "roles:write");
        assertThat(console.get(SERVICES + "/" + service.id()).body()).contains("data-role=\"" + roleName + "\"");
    }

    @Test
    void theScopePickerGroupsServiceScopesUnderTheServiceEnabledOnlyWhenTheOwnersRolesGrantThem() {
        RegisteredService service = service("picker");
        registry.update(testData.admin(), service.id(), "Picker service", null, null);
        String read = service.name() + ":read";
        Role readers = testData.customRole(
                unique("picker-readers"),
                registry.catalogue(testData.main().id()).find(read).orElseThrow());
        Principal user = testData.consoleUser(unique("picker-user"), "picker-pass-1");
        testData.assign(readers, user, null);
        testData.grantTokenUsage(user);
        ConsoleSession userConsole = new ConsoleSession(port);
        userConsole.logIn(user.userName(), "picker-pass-1");

        String dialog = userConsole.getHtmx("/settings/user/tokens/new").body();

        assertThat(Html.section(dialog, "scope-group-" + service.name()))
                .contains("<legend class=\"service-legend\">Picker service</legend>");
        assertThat(Html.section(dialog, "scope-group-tokens")).contains("<legend>tokens</legend>");
        Map<String, String> readBox = Html.tagsWith(dialog, "scope-" + read).get(0);
        Map<String, String> writeBox =
                Html.tagsWith(dialog, "scope-" + service.name() + ":write").get(0);
        assertThat(readBox).doesNotContainKey("disabled");
        assertThat(writeBox).containsKey("disabled");
    }

    @Test
    void theScopesPageGroupsServiceScopesUnderTheServiceThatTheyOpen() {
        RegisteredService service = service("catalogue");
        registry.update(testData.admin(), service.id(), "Catalogue service", null, null);

        String page = console.get("/settings/scopes?q=" + service.name()).body();

        assertThat(Html.testid(page, "scope-group-title")).startsWith("Catalogue service");
        assertThat(Html.testid(page, "scope-group-service")).isEqualTo("registered service " + service.name());
        assertThat(Html.all(page, "opens-service"))
                .hasSize(2)
                .allMatch(text -> text.startsWith("Opens Catalogue service"));
        assertThat(page).doesNotContain("data-testid=\"no-endpoints\"");
    }
}
