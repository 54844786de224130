package dev.warden.web.token;

import static dev.warden.web.support.TestData.unique;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.role.BuiltInRole;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenRepository;
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
 * Admin Console → Access tokens → Canary tokens over real HTTP: the create dialog with its field error, the copy
 * dialog that shows the value once and is never cached, the list with its last trigger, Revoke (no Restore, no
 * Rotate) and Delete, the inventory's kind filter, and that only admins get there.
 */
@WardenSpringBootTest
class CanaryTokensConsoleIT {
    private static final String PAGE = "/settings/admin/tokens/canaries";
    private static final Pattern SECRET = Pattern.compile("value=\"(wdn_[0-9A-Za-z]{49})\"");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    TokenRepository tokens;

    ConsoleSession console;
    TestData data;

    @BeforeEach
    void logIn() {
        data = TestData.of(context);
        console = new ConsoleSession(port);
        assertThat(console.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
    }

    private AccessToken create(String name) {
        HttpResponse<String> created = console.postForm(PAGE, Map.of("name", name), true);
        assertThat(created.statusCode()).isEqualTo(200);
        Matcher secret = SECRET.matcher(created.body());
        assertThat(secret.find()).as(created.body()).isTrue();
        return tokens.findByDigest(TokenDigest.of(secret.group(1))).orElseThrow();
    }

    @Test
    void aCanaryCreatedInTheDialogIsShownOnceAndListedAsArmed() {
        String name = unique("ci-secrets");

        HttpResponse<String> page = console.get(PAGE);
        HttpResponse<String> dialog = console.getHtmx(PAGE + "/new");
        HttpResponse<String> created = console.postForm(PAGE, Map.of("name", name), true);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-testid=\"token-view-canaries\"", "data-testid=\"create-canary\"", ">Canary tokens</a>");
        assertThat(dialog.body())
                .doesNotContain("<html")
                .contains("data-testid=\"create-canary-dialog\"", "name=\"_csrf\"");
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(created.headers().firstValue("HX-Trigger").orElse("")).contains("canary-tokens-changed");
        assertThat(created.body())
                .contains("data-testid=\"issued-dialog\"", "Copy your new canary token", "raises an alert");
        Matcher secret = SECRET.matcher(created.body());
        assertThat(secret.find()).isTrue();
        AccessToken token = tokens.findByDigest(TokenDigest.of(secret.group(1))).orElseThrow();
        assertThat(token.kind()).isEqualTo(TokenKind.CANARY);
        assertThat(token.comment()).isEqualTo(name);

        String list = console.get(PAGE).body();
        assertThat(list).doesNotContain(secret.group(1));
        int at = list.indexOf("id=\"canary-token-" + token.id().value() + "\"");
        assertThat(at).isPositive();
        String row = list.substring(at, list.indexOf("</tr>", at));
        assertThat(row).contains(name);
        assertThat(row).contains("Armed").contains("never");
    }

    @Test
    void aCanaryWithoutANameIsRefusedNextToTheField() {
        HttpResponse<String> refused = console.postForm(PAGE, Map.of("name", " "), true);

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("data-testid=\"create-canary-dialog\"", "data-testid=\"error-name\"")
                .doesNotContain("data-testid=\"issued-dialog\"");
    }

    @Test
    void revokingDisarmsWithoutRestoreOrRotateAndDeletingRemoves() {
        AccessToken token = create(unique("wiki-page"));
        String path = PAGE + "/" + token.id().value();

        HttpResponse<String> revoked = console.htmx("POST", path + "/revoke");

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.body())
                .contains("data-testid=\"canary-token-row\"", "Revoked", "data-testid=\"delete-token\"")
                .doesNotContain("data-testid=\"restore-token\"", "data-testid=\"rotate-token\"");
        assertThat(tokens.findById(token.workspace(), token.id()).orElseThrow().isRevoked())
                .isTrue();

        HttpResponse<String> deleted = console.htmx("DELETE", path);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.headers().firstValue("HX-Trigger").orElse("")).contains("canary-tokens-changed");
        assertThat(tokens.findById(token.workspace(), token.id())).isEmpty();
    }

    @Test
    void anotherKindOfTokenIsUnknownOnThisPage() {
        String value = data.usableToken(data.user("notcanary", BuiltInRole.USER));
        AccessToken personal = tokens.findByDigest(TokenDigest.of(value)).orElseThrow();

        HttpResponse<String> refused =
                console.htmx("POST", PAGE + "/" + personal.id().value() + "/revoke");

        // the console answers htmx with its error message in the page's error region
        assertThat(refused.body()).contains("does not exist").doesNotContain("canary-token-row");
        assertThat(tokens.findById(personal.workspace(), personal.id())
                        .orElseThrow()
                        .isRevoked())
                .isFalse();
    }

    @Test
    void aCanarysOwnPageShowsItWithoutRotateOrRestoreAndCheckAccessNamesIt() {
        AccessToken token = create(unique("detail-canary"));

        HttpResponse<String> page =
                console.get("/settings/admin/tokens/" + token.id().value());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(token.comment(), "Canary")
                .doesNotContain("data-testid=\"rotate-token\"", "data-testid=\"restore-token\"");
    }

    @Test
    void theInventoryFiltersByKindCanary() {
        AccessToken token = create(unique("inventory-canary"));

        String inventory = console.get("/settings/admin/tokens?kind=CANARY").body();

        assertThat(inventory).contains(token.id().value(), "<option value=\"CANARY\" selected=\"selected\">Canary");
    }

    @Test
    void aUserWithoutTokenManagementCannotSeeThePage() {
        ConsoleSession user = new ConsoleSession(port);
        String name = "plainuser" + unique("u").substring(2, 8);
        data.consoleUser(name, "a-long-password-123");
        user.logIn(name, "a-long-password-123");

        HttpResponse<String> refused = user.get(PAGE);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("data-testid=\"canary-tokens\"");
    }
}
