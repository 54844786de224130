package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.directory.UserDetails;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.e2e.pages.AuditEventPage;
import dev.warden.e2e.pages.AuditLogPage;
import dev.warden.e2e.pages.EditRoleDialog;
import dev.warden.e2e.pages.LoginPage;
import dev.warden.e2e.pages.RolePage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The admin reads the audit log in a real browser: after creating a role, widening it and assigning it, the admin
 * opens Admin Console → Audit log, filters by actor and action (the filters stay in the address and the form), opens
 * the role change and sees what it was before and after, and exports the filtered events as CSV (downloaded from the
 * Export button's address with the browser's session).
 */
@WardenE2ETest
class AuditLogJourneyIT {
    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

    @Autowired
    DirectoryService directory;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    WorkspaceRepository workspaces;

    private WebDriver driver;
    private String baseUrl;

    @BeforeEach
    void setUp() {
        driver = browser.driver();
        baseUrl = LocalApp.baseUrl(port);
        Viewport.resize(driver, 1280, 900);
    }

    @Test
    void anAdminFiltersTheLogOpensARoleChangeAndExportsIt() throws IOException, InterruptedException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String role = "auditors-" + suffix;
        String userName = "audited-" + suffix;
        directory.createUser(
                admin(), new UserDetails(userName, userName, null, null, null, null, true), "{noop}unused-password");

        // A couple of changes: a role made, widened, and given to a user.
        RolePage rolePage = LoginPage.open(driver, baseUrl)
                .logInAs(WardenE2ETest.ADMIN_USER, WardenE2ETest.ADMIN_PASSWORD)
                .openAdminConsoleFromNavigation()
                .openRolesTab()
                .createRole(role, "Reads the audit log", "tokens:read");
        rolePage =
                EditRoleDialog.openFrom(rolePage).permission("audit:read", true).save();
        rolePage.assign(userName, userName, "Workspace");

        // The log, filtered by who and what; the newest matching event is the role change.
        AuditLogPage log = rolePage.openAuditLogTab();
        assertThat(log.rows()).isNotEmpty();
        log = log.filterBy(WardenE2ETest.ADMIN_USER, "Role updated");
        assertThat(log.currentUrl()).contains("actor_id=").contains("action=ROLE_UPDATED");
        assertThat(log.chosenActor()).isEqualTo(WardenE2ETest.ADMIN_USER);
        assertThat(log.chosenAction()).isEqualTo("Role updated");
        List<AuditLogPage.Row> rows = log.rows();
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.action()).isEqualTo("Role updated");
            assertThat(row.actor()).isEqualTo(WardenE2ETest.ADMIN_USER);
        });
        assertThat(rows.get(0).target()).isEqualTo(role);

        // Its page: every detail, and the role before and after side by side.
        AuditEventPage event = log.openEvent(0);
        assertThat(event.title()).isEqualTo("Role updated");
        assertThat(event.actor()).isEqualTo(WardenE2ETest.ADMIN_USER);
        assertThat(event.target()).contains(role);
        assertThat(event.details()).containsEntry("permissions added", "audit:read");
        AuditEventPage.Change change = event.changes().get(0);
        assertThat(change.before()).contains("tokens:read").doesNotContain("audit:read");
        assertThat(change.after()).contains("tokens:read").contains("audit:read");
        assertNoSidewaysScrollingOnAPhone("an audit event's page");

        // The export carries the filters and downloads with the session.
        log = event.backToTheLog().filterBy(WardenE2ETest.ADMIN_USER, "Role assigned");
        assertThat(log.rows().get(0).target()).isEqualTo(role);
        assertNoSidewaysScrollingOnAPhone("the audit log");
        HttpResponse<String> csv = downloadWithTheBrowsersSession(log.exportCsvHref());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("id,time,action,actor_id,actor_name,target_type,target_id,target_name");
        assertThat(lines.subList(1, lines.size()))
                .allSatisfy(line -> assertThat(line).contains(",ROLE_ASSIGNED,"));
        assertThat(lines.get(1)).contains("," + role + ",");
    }

    /** The current page at a phone's width: nothing may stick out to the right. */
    private void assertNoSidewaysScrollingOnAPhone(String what) {
        Viewport.resize(driver, Viewport.PHONE_WIDTH, 844);
        try {
            assertThat(Viewport.sidewaysOverflow(driver))
                    .as(what + " at " + Viewport.PHONE_WIDTH + " px scrolls sideways by; sticking out: "
                            + Viewport.sticking(driver))
                    .isZero();
        } finally {
            Viewport.resize(driver, 1280, 900);
        }
    }

    private HttpResponse<String> downloadWithTheBrowsersSession(String href) throws IOException, InterruptedException {
        String cookies = driver.manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(href))
                                .header("Cookie", cookies)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
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
