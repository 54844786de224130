package dev.warden.web.security;

import static dev.warden.web.support.TestData.unique;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.group.Group;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Console sign-in and the {@code workspace-access} entitlement, over real HTTP: entitlements changed through SCIM as
 * an admin's tooling would, sign-in through the login form. Without it, the right password is answered with a clear
 * "no console access" (never "wrong password", which would send the user after a password that is right); a wrong
 * password still gets the usual answer; the refusal is audited and not counted as a failure; access through a group
 * counts; a workspace admin always may.
 */
@WardenSpringBootTest
class ConsoleAccessIT {
    private static final String PASSWORD = "console-access-pass-1";
    private static final String NO_ACCESS = "This account has no access to the Warden console";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditLog audit;

    TestData testData;
    ApiClient api;

    @BeforeEach
    void setUp() {
        testData = TestData.of(context);
        api = new ApiClient(port);
    }

    private Response setEntitlements(String resource, long id, String values) {
        return api.send(
                "PATCH",
                "/api/2.0/preview/scim/v2/" + resource + "/" + id,
                ADMIN_TOKEN,
                "application/json",
                ApiClient.json("{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],"
                        + "'Operations':[{'op':'replace','path':'entitlements','value':[" + values + "]}]}"));
    }

    private Principal userWithoutConsoleAccess(String prefix) {
        Principal user = testData.consoleUser(unique(prefix), PASSWORD);
        Response removed = setEntitlements("Users", user.id().value(), "");
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.json().has("entitlements")).isFalse();
        return user;
    }

    @Test
    void aNewConsoleUserHasWorkspaceAccessAndSignsIn() {
        Principal user = testData.consoleUser(unique("newcomer"), PASSWORD);

        assertThat(new ConsoleSession(port).logIn(user.userName(), PASSWORD)).isEqualTo("/");
        ConsoleSession admin = new ConsoleSession(port);
        admin.logIn("admin", WardenSpringBootTest.ADMIN_PASSWORD);
        assertThat(admin.get("/settings/admin/users/" + user.id().value()).body())
                .contains("data-testid=\"principal-entitlements\">workspace-access<")
                .contains("data-testid=\"principal-console-access\">Yes<");
    }

    @Test
    void withoutWorkspaceAccessTheRightPasswordGetsAClearRefusalAndNoSession() {
        Principal user = userWithoutConsoleAccess("no-console");
        ConsoleSession session = new ConsoleSession(port);

        assertThat(session.logIn(user.userName(), PASSWORD)).isEqualTo("/login?error");
        String page = session.get("/login?error").body();

        assertThat(page)
                .contains("data-testid=\"login-no-console-access\"", NO_ACCESS, "workspace-access")
                .doesNotContain("data-testid=\"login-error\"");
        assertThat(session.get("/settings/user/tokens").statusCode())
                .as("no session was opened")
                .isEqualTo(302);
        AuditEvent refused = audit.recent(testData.main().id(), 50).stream()
                .filter(e -> e.action() == AuditAction.LOGIN_FAILED
                        && user.userName().equals(e.actorName()))
                .findFirst()
                .orElseThrow();
        assertThat(refused.details()).containsEntry("reason", "NoConsoleAccessException");

        ConsoleSession admin = new ConsoleSession(port);
        assertThat(admin.logIn("admin", WardenSpringBootTest.ADMIN_PASSWORD)).isEqualTo("/");
        String userPage =
                admin.get("/settings/admin/users/" + user.id().value()).body();
        assertThat(userPage)
                .contains("data-testid=\"principal-entitlements\">none<")
                .contains("data-testid=\"principal-console-access\">No: neither it nor one of its groups holds"
                        + " workspace-access");
    }

    @Test
    void aWrongPasswordStillGetsTheUsualAnswerSoNothingLeaksWithoutThePassword() {
        Principal user = userWithoutConsoleAccess("no-console-wrong");
        ConsoleSession session = new ConsoleSession(port);

        assertThat(session.logIn(user.userName(), "not-the-password-1")).isEqualTo("/login?error");

        assertThat(session.get("/login?error").body())
                .contains("data-testid=\"login-error\"", "Wrong user name or password.")
                .doesNotContain(NO_ACCESS);
    }

    @Test
    void theRefusalIsNoFailedAttemptAndGrantingAccessLetsTheUserIn() {
        Principal user = userWithoutConsoleAccess("no-console-later");
        for (int i = 0; i < 6; i++) { // more than the five failures that would lock the name
            assertThat(new ConsoleSession(port).logIn(user.userName(), PASSWORD))
                    .isEqualTo("/login?error");
        }

        Response granted = setEntitlements("Users", user.id().value(), "{'value':'workspace-access'}");

        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        assertThat(granted.json().path("entitlements").get(0).path("value").asString())
                .isEqualTo("workspace-access");
        assertThat(new ConsoleSession(port).logIn(user.userName(), PASSWORD)).isEqualTo("/");
    }

    @Test
    void workspaceAccessThroughAGroupCounts() {
        Principal user = userWithoutConsoleAccess("via-group");
        Group staff = testData.group(unique("console-staff"), user);

        assertThat(new ConsoleSession(port).logIn(user.userName(), PASSWORD)).isEqualTo("/login?error");
        assertThat(setEntitlements("Groups", staff.id().value(), "{'value':'workspace-access'}")
                        .status())
                .isEqualTo(200);

        assertThat(new ConsoleSession(port).logIn(user.userName(), PASSWORD)).isEqualTo("/");
    }

    @Test
    void aWorkspaceAdminAlwaysSignsInSoEntitlementsCannotLockTheConsoleOut() {
        Principal admin = userWithoutConsoleAccess("admin-without-entitlement");
        testData.assign(testData.builtIn(BuiltInRole.WORKSPACE_ADMIN), admin, null);

        assertThat(new ConsoleSession(port).logIn(admin.userName(), PASSWORD)).isEqualTo("/");
    }
}
