package dev.warden.e2e;

import static dev.warden.e2e.WardenE2ETest.ADMIN_PASSWORD;
import static dev.warden.e2e.WardenE2ETest.ADMIN_USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.e2e.pages.AccessTokensPage;
import dev.warden.e2e.pages.GenerateTokenDialog;
import dev.warden.e2e.pages.IssuedTokenDialog;
import dev.warden.e2e.pages.LoginPage;
import dev.warden.e2e.pages.TokenRow;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * User settings → Access tokens, driven in a real browser, with the token then used the way a script uses it:
 * over plain HTTP against the API. Each test starts logged out and works on tokens with names of its own.
 */
@WardenE2ETest
class PersonalAccessTokenJourneyIT {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    int port;

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
    void aTokenFromTheConsoleWorksOnTheApiUntilRevokedAgainWhenRestoredAndNeverAfterDeletion() {
        String name = unique("ci-deploys");

        AccessTokensPage tokens = LoginPage.open(driver, baseUrl)
                .logInAs(ADMIN_USER, ADMIN_PASSWORD)
                .openUserSettingsFromNavigation();
        assertThat(tokens.heading()).isEqualTo("Access tokens");
        assertThat(tokens.signedInUser()).isEqualTo(ADMIN_USER);
        assertThat(tokens.userSettingsIsCurrentInNavigation()).isTrue();

        IssuedTokenDialog issued = tokens.generateToken(name, 30, "tokens:read");
        assertThat(issued.isModal()).as("the copy dialog is modal").isTrue();
        assertThat(issued.valueLabel()).contains(name);
        String token = issued.tokenValue();
        assertThat(token).hasSize(53).startsWith("wdn_");

        tokens = issued.done();
        TokenRow row = tokens.rowFor(name);
        assertThat(row.status()).isEqualTo("Active");
        assertThat(row.scopes()).containsExactly("tokens:read");
        assertThat(row.hint()).isEqualTo("wdn_…" + token.substring(token.length() - 4));
        assertThat(row.lastUsed()).isEqualTo("never");
        assertThat(shownTime(row.expires())).isEqualTo(shownTime(row.created()).plusDays(30));
        assertThat(row.actions()).containsExactly("Rotate", "Revoke", "Delete");

        WardenApi.Response listed = api.listTokens(token);
        assertThat(listed.status()).as("%s", listed).isEqualTo(200);
        assertThat(listed.tokenNames()).contains(name);

        // The use is written in the background; the page shows it on a later load.
        AccessTokensPage page = tokens;
        TokenRow used = Waits.on(driver)
                .withMessage("'Last used' to show the API call")
                .until(d -> {
                    TokenRow current = page.reload().rowFor(name);
                    return current.lastUsed().equals("never") ? null : current;
                });
        assertThat(used.lastUsed()).endsWith("from 127.0.0.1");

        tokens.revoke(name);
        assertThat(tokens.lastConfirmation()).contains(name);
        assertThat(tokens.rowFor(name).status()).isEqualTo("Revoked");
        assertThat(tokens.rowFor(name).actions()).containsExactly("Restore", "Delete");
        WardenApi.Response revoked = api.listTokens(token);
        assertThat(revoked.status()).as("%s", revoked).isEqualTo(401);
        assertThat(revoked.body()).contains("\"reason\":\"TOKEN_REVOKED\"");
        assertThat(tokens.reload().rowFor(name).status())
                .as("revocation is stored, not only drawn")
                .isEqualTo("Revoked");

        tokens.restore(name);
        assertThat(tokens.rowFor(name).status()).isEqualTo("Active");
        assertThat(tokens.rowFor(name).actions()).containsExactly("Rotate", "Revoke", "Delete");
        WardenApi.Response restored = api.listTokens(token);
        assertThat(restored.status()).as("%s", restored).isEqualTo(200);
        assertThat(restored.tokenNames()).contains(name);

        tokens.delete(name);
        assertThat(tokens.lastConfirmation()).contains(name);
        assertThat(tokens.hasRow(name)).isFalse();
        assertThat(tokens.reload().hasRow(name)).as("still gone after a reload").isFalse();
        assertThat(tokens.flashError()).isEmpty();
        WardenApi.Response deleted = api.listTokens(token);
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(401);
        assertThat(deleted.body()).contains("\"reason\":\"TOKEN_UNKNOWN\"");
    }

    @Test
    void generatingWithoutNameAndScopesShowsTheErrorsBesideTheFieldsAndCreatesNothing() {
        AccessTokensPage tokens = LoginPage.open(driver, baseUrl).logInAs(ADMIN_USER, ADMIN_PASSWORD);
        List<String> before = tokens.tokenNames();

        GenerateTokenDialog dialog =
                tokens.openGenerateDialog().name("").lifetimeDays(30).scopes().submitExpectingErrors();

        assertThat(dialog.isOpen()).isTrue();
        assertThat(dialog.isModal()).as("the re-rendered dialog is modal again").isTrue();
        assertThat(dialog.errorFor("name")).hasValue("Give the token a name, so you can recognise it later.");
        assertThat(dialog.errorFor("scopes")).hasValue("Choose at least one scope.");
        assertThat(dialog.errorFor("lifetimeDays")).isEmpty();
        assertThat(dialog.errorIsBetweenItsFieldAndTheNext("name")).isTrue();
        assertThat(dialog.errorIsBetweenItsFieldAndTheNext("scopes")).isTrue();
        assertThat(dialog.descriptionOf("name")).contains("Give the token a name, so you can recognise it later.");
        assertThat(dialog.descriptionOf("scopes")).contains("Choose at least one scope.");
        assertThat(dialog.lifetimeValue()).as("what was typed is kept").isEqualTo("30");
        assertThat(dialog.checkedScopes()).isEmpty();
        assertThat(tokens.tokenNames()).isEqualTo(before);

        tokens = dialog.cancel();
        assertThat(dialog.isOpen()).isFalse();
        assertThat(tokens.reload().tokenNames()).as("nothing was stored").isEqualTo(before);
    }

    @Test
    void dismissingTheConfirmationLeavesTheTokenAsItWas() {
        String name = unique("kept");
        AccessTokensPage tokens = LoginPage.open(driver, baseUrl).logInAs(ADMIN_USER, ADMIN_PASSWORD);
        String token = tokens.generateToken(name, 7, "tokens:read").tokenValue();
        tokens = AccessTokensPage.open(driver, baseUrl);

        tokens.revokeButCancel(name);
        assertThat(tokens.rowFor(name).status()).isEqualTo("Active");
        tokens.deleteButCancel(name);
        assertThat(tokens.reload().rowFor(name).status()).isEqualTo("Active");
        assertThat(api.listTokens(token).status()).isEqualTo(200);

        tokens.delete(name);
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessageAndTheRightOneStillWorks() {
        LoginPage login = LoginPage.open(driver, baseUrl).logInExpectingFailure(ADMIN_USER, ADMIN_PASSWORD + "-wrong");

        assertThat(login.isShown()).isTrue();
        assertThat(login.errorMessage()).hasValue("Wrong user name or password.");
        LoginPage again = AccessTokensPage.openExpectingLogin(driver, baseUrl);
        assertThat(again.isShown()).as("no session after a failed login").isTrue();
        assertThat(again.errorMessage()).isEmpty();

        AccessTokensPage tokens = again.logInAs(ADMIN_USER, ADMIN_PASSWORD);
        assertThat(tokens.signedInUser()).isEqualTo(ADMIN_USER);
    }

    @Test
    void aTokenCanBeGeneratedWithTheKeyboardAlone() {
        String name = unique("keyboard");
        AccessTokensPage tokens = LoginPage.open(driver, baseUrl).logInAs(ADMIN_USER, ADMIN_PASSWORD);

        GenerateTokenDialog dialog = tokens.openGenerateDialogWithKeyboard();
        assertThat(dialog.isModal()).isTrue();
        assertThat(dialog.nameFieldHasFocus())
                .as("focus starts in the name field")
                .isTrue();

        IssuedTokenDialog issued =
                dialog.fillWithKeyboard(name, 7, "tokens:read").submitWithKeyboard();
        assertThat(issued.hasFocusInside())
                .as("focus moves into the copy dialog")
                .isTrue();
        String token = issued.tokenValue();
        assertThat(token).hasSize(53).startsWith("wdn_");

        issued.pressEscape();
        assertThat(issued.isOpen()).as("Escape does not throw the value away").isTrue();
        assertThat(issued.isModal()).isTrue();
        assertThat(issued.tokenValue()).isEqualTo(token);
        tokens = issued.doneWithKeyboard();
        assertThat(issued.isOpen()).isFalse();
        TokenRow row = tokens.rowFor(name);
        assertThat(row.scopes()).containsExactly("tokens:read");
        assertThat(shownTime(row.expires())).isEqualTo(shownTime(row.created()).plusDays(7));
        assertThat(api.listTokens(token).tokenNames()).contains(name);

        tokens.delete(name);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static LocalDateTime shownTime(String text) {
        return LocalDateTime.parse(text, SHOWN);
    }
}
