package dev.warden.web.directory;

import static dev.warden.web.support.TestData.unique;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Principal;
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
 * User settings → Password and a user's page → Reset password, over real HTTP. Every wrong password here counts
 * towards the sign-in throttle of 127.0.0.1 in the shared application, so these tests fail few on purpose (well
 * under the address limit of 20), each on a name of its own.
 */
@WardenSpringBootTest
class PasswordPagesConsoleIT {
    private static final String PAGE = "/settings/user/password";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditLog audit;

    TestData testData;

    @BeforeEach
    void setUp() {
        testData = TestData.of(context);
    }

    private ConsoleSession signedIn(String userName, String password) {
        ConsoleSession session = new ConsoleSession(port);
        assertThat(session.logIn(userName, password)).isEqualTo("/");
        return session;
    }

    private static HttpResponse<String> change(ConsoleSession session, String current, String next, String confirm) {
        return session.postForm(
                PAGE, Map.of("currentPassword", current, "newPassword", next, "confirmPassword", confirm), true);
    }

    private List<AuditEvent> recorded(AuditAction action, Principal target) {
        return audit.history(testData.main().id(), "user", target.id().toString(), 20).stream()
                .filter(e -> e.action() == action)
                .toList();
    }

    @Test
    void thePasswordPageIsATabOfUserSettingsWithAFormThatNeedsTheCsrfToken() {
        ConsoleSession session =
                signedIn(testData.consoleUser(unique("tab"), "tab-password-1").userName(), "tab-password-1");

        HttpResponse<String> page = session.get(PAGE);
        HttpResponse<String> withoutCsrf =
                session.postForm(PAGE, Map.of("_csrf", "forged", "currentPassword", "tab-password-1"), false);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-testid=\"user-tab-tokens\"", "data-testid=\"current-password-input\"", "name=\"_csrf\"")
                .containsPattern("data-testid=\"user-tab-password\"[^>]*aria-current=\"page\"");
        assertThat(session.get("/settings/user/tokens").body()).contains("data-testid=\"user-tab-password\"");
        assertThat(withoutCsrf.statusCode()).isEqualTo(403);
    }

    @Test
    void aWrongCurrentPasswordIsShownNextToItsFieldAndChangesNothing() {
        Principal user = testData.consoleUser(unique("wrong-current"), "current-pass-1");
        ConsoleSession session = signedIn(user.userName(), "current-pass-1");

        HttpResponse<String> answer = change(session, "not-the-current-1", "brand-new-pass-1", "brand-new-pass-1");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body())
                .contains("data-testid=\"error-currentPassword\"", "The current password is not right.")
                .doesNotContain("data-testid=\"password-changed\"")
                .doesNotContain("not-the-current-1")
                .doesNotContain("brand-new-pass-1");
        assertThat(new ConsoleSession(port).logIn(user.userName(), "current-pass-1"))
                .isEqualTo("/");
        assertThat(recorded(AuditAction.PASSWORD_CHANGED, user)).isEmpty();
    }

    @Test
    void twoDifferentNewPasswordsAreShownNextToTheConfirmation() {
        Principal user = testData.consoleUser(unique("mismatch"), "current-pass-1");
        ConsoleSession session = signedIn(user.userName(), "current-pass-1");

        HttpResponse<String> answer = change(session, "current-pass-1", "brand-new-pass-1", "brand-new-pass-2");

        assertThat(answer.body())
                .contains("data-testid=\"error-confirmPassword\"", "The two new passwords differ")
                .doesNotContain("data-testid=\"error-currentPassword\"");
        assertThat(new ConsoleSession(port).logIn(user.userName(), "current-pass-1"))
                .isEqualTo("/");
    }

    @Test
    void aNewPasswordOver72BytesIsAFormErrorNotAServerError() {
        Principal user = testData.consoleUser(unique("too-long"), "current-pass-1");
        ConsoleSession session = signedIn(user.userName(), "current-pass-1");
        String tooLong = "ü".repeat(37); // 37 characters, 74 bytes in UTF-8

        HttpResponse<String> answer = change(session, "current-pass-1", tooLong, tooLong);
        HttpResponse<String> tooShort = change(session, "current-pass-1", "short", "short");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("data-testid=\"error-newPassword\"", "at most 72 bytes");
        assertThat(tooShort.body()).contains("data-testid=\"error-newPassword\"", "at least 8 characters");
        assertThat(recorded(AuditAction.PASSWORD_CHANGED, user)).isEmpty();
    }

    @Test
    void aChangedPasswordReplacesTheOldOneIsAuditedAndEndsTheUsersOtherSessions() {
        Principal user = testData.consoleUser(unique("changer"), "old-password-1");
        ConsoleSession session = signedIn(user.userName(), "old-password-1");
        ConsoleSession elsewhere = signedIn(user.userName(), "old-password-1");

        HttpResponse<String> answer = change(session, "old-password-1", "new-password-1", "new-password-1");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("data-testid=\"password-changed\"").doesNotContain("new-password-1");
        assertThat(session.get("/settings/user/tokens").statusCode())
                .as("this session stays")
                .isEqualTo(200);
        HttpResponse<String> ended = elsewhere.get("/settings/user/tokens");
        assertThat(ended.statusCode()).isEqualTo(302);
        assertThat(ended.headers().firstValue("Location").orElse("")).endsWith("/login?ended");
        assertThat(elsewhere.get("/login?ended").body()).contains("data-testid=\"login-ended\"");
        assertThat(new ConsoleSession(port).logIn(user.userName(), "old-password-1"))
                .isEqualTo("/login?error");
        assertThat(new ConsoleSession(port).logIn(user.userName(), "new-password-1"))
                .isEqualTo("/");
        List<AuditEvent> changed = recorded(AuditAction.PASSWORD_CHANGED, user);
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).actorId()).isEqualTo(user.id());
        assertThat(changed.get(0).clientAddress()).isEqualTo("127.0.0.1");
        assertThat(changed.get(0).toString()).doesNotContain("password-1");
    }

    @Test
    void aWorkspaceAdminResetsAnotherUsersPasswordWhichSignsThemOutAndIsAudited() {
        Principal user = testData.consoleUser(unique("forgetful"), "forgotten-pass-1");
        ConsoleSession theirs = signedIn(user.userName(), "forgotten-pass-1");
        ConsoleSession admin = signedIn("admin", ADMIN_PASSWORD);
        String path = "/settings/admin/users/" + user.id().value();

        String page = admin.get(path).body();
        HttpResponse<String> reset = admin.postForm(
                path + "/password",
                Map.of("newPassword", "chosen-by-admin-1", "confirmPassword", "chosen-by-admin-1"),
                true);

        assertThat(page).contains("data-testid=\"reset-password\"", "data-testid=\"principal-password\"");
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.body())
                .contains("data-testid=\"password-reset-done\"", user.userName())
                .doesNotContain("chosen-by-admin-1");
        assertThat(theirs.get("/settings/user/tokens").statusCode())
                .as("their session ended")
                .isEqualTo(302);
        assertThat(new ConsoleSession(port).logIn(user.userName(), "chosen-by-admin-1"))
                .isEqualTo("/");
        List<AuditEvent> resets = recorded(AuditAction.PASSWORD_RESET, user);
        assertThat(resets).hasSize(1);
        assertThat(resets.get(0).actorName()).isEqualTo("admin");
        assertThat(resets.get(0).toString()).doesNotContain("chosen-by-admin-1");
    }

    @Test
    void aResetWithTwoDifferentPasswordsChangesNothing() {
        Principal user = testData.consoleUser(unique("kept"), "kept-password-1");
        ConsoleSession admin = signedIn("admin", ADMIN_PASSWORD);

        HttpResponse<String> reset = admin.postForm(
                "/settings/admin/users/" + user.id().value() + "/password",
                Map.of("newPassword", "chosen-by-admin-1", "confirmPassword", "chosen-by-admin-2"),
                true);

        assertThat(reset.body()).contains("data-testid=\"error-confirmPassword\"");
        assertThat(new ConsoleSession(port).logIn(user.userName(), "kept-password-1"))
                .isEqualTo("/");
        assertThat(recorded(AuditAction.PASSWORD_RESET, user)).isEmpty();
    }

    @Test
    void onlyAWorkspaceAdminMayResetEvenWithScimWrite() {
        Principal target = testData.consoleUser(unique("target"), "target-pass-1");
        Principal plain = testData.consoleUser(unique("plain"), "plain-pass-1");
        Principal directoryWriter = testData.consoleUser(unique("scim-writer"), "writer-pass-1");
        testData.assign(
                testData.customRole(unique("directory-writer"), Permission.SCIM_READ, Permission.SCIM_WRITE),
                directoryWriter,
                null);
        String path = "/settings/admin/users/" + target.id().value();
        Map<String, String> fields = Map.of("newPassword", "taken-over-1", "confirmPassword", "taken-over-1");

        HttpResponse<String> byPlain =
                signedIn(plain.userName(), "plain-pass-1").postForm(path + "/password", fields, false);
        ConsoleSession writer = signedIn(directoryWriter.userName(), "writer-pass-1");
        HttpResponse<String> byWriter = writer.postForm(path + "/password", fields, false);

        assertThat(byPlain.statusCode()).isEqualTo(403);
        assertThat(byWriter.statusCode()).isEqualTo(403);
        assertThat(byWriter.body()).contains("not a workspace admin");
        assertThat(writer.get(path).body()).doesNotContain("data-testid=\"reset-password\"");
        assertThat(new ConsoleSession(port).logIn(target.userName(), "target-pass-1"))
                .isEqualTo("/");
        assertThat(recorded(AuditAction.PASSWORD_RESET, target)).isEmpty();
    }

    @Test
    void anAdminDoesNotResetItsOwnPasswordThere() {
        Principal admin = testData.consoleUser(unique("second-admin"), "second-admin-1");
        testData.assign(testData.builtIn(dev.warden.core.role.BuiltInRole.WORKSPACE_ADMIN), admin, null);
        ConsoleSession session = signedIn(admin.userName(), "second-admin-1");
        String path = "/settings/admin/users/" + admin.id().value();

        HttpResponse<String> own = session.postForm(
                path + "/password", Map.of("newPassword", "self-chosen-1", "confirmPassword", "self-chosen-1"), false);

        assertThat(session.get(path).body()).doesNotContain("data-testid=\"reset-password\"");
        assertThat(own.statusCode()).isEqualTo(409);
        assertThat(own.body()).contains("User settings");
        assertThat(new ConsoleSession(port).logIn(admin.userName(), "second-admin-1"))
                .isEqualTo("/");
    }
}
