package dev.warden.web.token;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
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
 * Admin Console → Access tokens → Revoke matching… over real HTTP: the dialog shows the filters and the preview,
 * an empty reason is a field error that revokes nothing, and a revoke flashes the count and turns the rows Revoked.
 * Each case narrows by an owner of its own, so no other test's tokens are touched.
 */
@WardenSpringBootTest
class BulkRevokeConsoleIT {
    private static final String INVENTORY = "/settings/admin/tokens";
    private static final String DIALOG = INVENTORY + "/bulk-revoke";
    private static final String OWN_LIST = "/api/2.0/token/list";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    TestData testData;
    ConsoleSession console;
    ApiClient api;

    Principal owner;
    String first;
    String second;
    String revokedName;

    @BeforeEach
    void setUp() {
        testData = TestData.of(context);
        console = new ConsoleSession(port);
        api = new ApiClient(port);
        assertThat(console.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
        owner = testData.consoleUser(TestData.unique("bulk-owner"), "secret-password-1");
        first = testData.usableToken(owner, TestData.unique("bulk-first"));
        second = testData.usableToken(owner, TestData.unique("bulk-second"));
        revokedName = TestData.unique("bulk-already");
        testData.usableToken(owner, revokedName);
        String revokedId = idOf(console.get(INVENTORY + "?size=200").body(), revokedName);
        assertThat(console.htmx("POST", INVENTORY + "/" + revokedId + "/revoke").statusCode())
                .isEqualTo(200);
    }

    @Test
    void theInventoryOffersRevokeMatchingWithTheFilterFormAndReloadsOnTheEvent() {
        String page = console.get(INVENTORY).body();

        String opener = element(page, "data-testid=\"bulk-revoke-open\"");
        assertThat(opener)
                .contains("hx-get=\"" + DIALOG + "\"")
                .contains("formaction=\"" + DIALOG + "\"")
                .contains("hx-include=\"closest form\"")
                .contains("hx-target=\"#dialog-slot\"")
                .contains("hx-push-url=\"false\"");
        assertThat(page.indexOf("data-testid=\"bulk-revoke-open\""))
                .as("inside the filter form, so it takes the form's filters")
                .isBetween(
                        page.indexOf("data-testid=\"token-filter-form\""),
                        page.indexOf("</form>", page.indexOf("data-testid=\"token-filter-form\"")));
        assertThat(element(page, "data-testid=\"bulk-revoke-reload\""))
                .contains("hx-trigger=\"tokens-bulk-revoked from:body\"")
                .contains("hx-target=\"#token-inventory\"");
    }

    @Test
    void anAuditorSeesTheInventoryWithoutRevokeMatching() {
        String userName = TestData.unique("bulk-auditor");
        Principal auditor = testData.consoleUser(userName, "secret-password-1");
        testData.assign(testData.builtIn(BuiltInRole.AUDITOR), auditor, null);
        ConsoleSession session = new ConsoleSession(port);
        assertThat(session.logIn(userName, "secret-password-1")).isEqualTo("/");

        HttpResponse<String> page = session.get(INVENTORY);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-testid=\"token-inventory\"")
                .doesNotContain("data-testid=\"bulk-revoke-open\"");
        assertThat(session.getHtmx(DIALOG + "?owner_id=" + owner.id().value()).body())
                .contains("data-testid=\"flash-error\"")
                .doesNotContain("data-testid=\"bulk-revoke-dialog\"");
    }

    @Test
    void theDialogShowsTheFiltersAndHowManyTokensOfHowManyOwnersItRevokes() {
        HttpResponse<String> dialog =
                console.getHtmx(DIALOG + "?owner_id=" + owner.id().value() + "&status=&scope=all-apis&size=50");

        assertThat(dialog.statusCode()).isEqualTo(200);
        assertThat(dialog.body())
                .doesNotContain("<html")
                .contains("data-testid=\"bulk-revoke-dialog\"")
                .contains("This revokes 2 tokens of 1 owner.")
                .contains("data-testid=\"bulk-revoke-filter-owner_id\">" + owner.userName() + " (id "
                        + owner.id().value() + ")<")
                .contains("data-testid=\"bulk-revoke-filter-scope\">all-apis<")
                .doesNotContain("bulk-revoke-filter-status")
                .doesNotContain("bulk-revoke-filter-size")
                .contains("type=\"hidden\" name=\"owner_id\" value=\""
                        + owner.id().value() + "\"")
                .contains("data-testid=\"bulk-revoke-reason\"")
                .contains("data-testid=\"submit-bulk-revoke\"")
                .contains("name=\"_csrf\"");

        HttpResponse<String> nothing =
                console.getHtmx(DIALOG + "?owner_id=" + owner.id().value() + "&status=REVOKED");
        assertThat(nothing.body())
                .contains("No token that works matches.")
                .doesNotContain("data-testid=\"submit-bulk-revoke\"")
                .doesNotContain("data-testid=\"bulk-revoke-reason\"");

        HttpResponse<String> page =
                console.get(DIALOG + "?owner_id=" + owner.id().value());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<html")
                .contains("data-testid=\"admin-tabs\"")
                .contains("This revokes 2 tokens of 1 owner.");
    }

    @Test
    void aFilterTheBulkRevokeDoesNotKnowIsRefusedNotIgnored() {
        HttpResponse<String> htmx = console.getHtmx(DIALOG + "?owner=" + owner.userName());
        HttpResponse<String> page = console.get(DIALOG + "?owner=" + owner.userName());
        HttpResponse<String> posted =
                console.postForm(DIALOG, Map.of("owner", owner.userName(), "reason", "cleanup"), true);

        assertThat(htmx.body())
                .contains("data-testid=\"flash-error\"")
                .contains("&#39;owner&#39; is not a filter")
                .doesNotContain("bulk-revoke-dialog");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(posted.body()).contains("data-testid=\"flash-error\"");
        assertThat(api.get(OWN_LIST, first).status()).isEqualTo(200);
    }

    @Test
    void anEmptyReasonIsAFieldErrorAndRevokesNothing() {
        HttpResponse<String> refused = console.postForm(
                DIALOG, Map.of("owner_id", String.valueOf(owner.id().value()), "reason", "  "), true);

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body())
                .contains("data-testid=\"bulk-revoke-dialog\"")
                .contains("data-testid=\"error-reason\">Enter a reason")
                .contains("aria-invalid=\"true\"")
                .contains("This revokes 2 tokens of 1 owner.")
                .contains("type=\"hidden\" name=\"owner_id\" value=\""
                        + owner.id().value() + "\"")
                .doesNotContain("data-testid=\"flash-notice\"");
        assertThat(refused.headers().firstValue("HX-Trigger")).isEmpty();
        assertThat(api.get(OWN_LIST, first).status()).isEqualTo(200);
        assertThat(api.get(OWN_LIST, second).status()).isEqualTo(200);
    }

    @Test
    void revokingFlashesHowManyAndTheRowsShowRevoked() {
        Principal bystander = testData.consoleUser(TestData.unique("bulk-bystander"), "secret-password-1");
        String keptName = TestData.unique("bulk-kept");
        String kept = testData.usableToken(bystander, keptName);

        HttpResponse<String> done = console.postForm(
                DIALOG, Map.of("owner_id", String.valueOf(owner.id().value()), "reason", "laptop stolen"), true);

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body())
                .contains("hx-swap-oob=\"true\"")
                .contains("data-testid=\"flash-notice\">Revoked 2 tokens of 1 owner.<")
                .doesNotContain("bulk-revoke-dialog");
        assertThat(done.headers().firstValue("HX-Trigger").orElse("")).contains("tokens-bulk-revoked");
        for (String secret : new String[] {first, second}) {
            ApiClient.Response refused = api.get(OWN_LIST, secret);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.reason()).isEqualTo("TOKEN_REVOKED");
        }
        assertThat(api.get(OWN_LIST, kept).status()).isEqualTo(200);

        String inventory = console.getHtmx(INVENTORY + "?size=200").body();
        assertThat(rowsOf(inventory, owner.userName())).isEqualTo(3);
        for (String row : ownerRows(inventory, owner.userName())) {
            assertThat(row).contains("data-testid=\"token-status\">Revoked<");
        }
        assertThat(rowOf(inventory, keptName)).contains("data-testid=\"token-status\">Active<");

        HttpResponse<String> again =
                console.getHtmx(DIALOG + "?owner_id=" + owner.id().value());
        assertThat(again.body()).contains("No token that works matches.");
    }

    private static String element(String html, String marker) {
        int at = html.indexOf(marker);
        assertThat(at).as(marker).isPositive();
        return html.substring(html.lastIndexOf('<', at), html.indexOf('>', at) + 1);
    }

    private static int rowsOf(String html, String ownerName) {
        return ownerRows(html, ownerName).size();
    }

    private static List<String> ownerRows(String html, String ownerName) {
        List<String> rows = new ArrayList<>();
        for (String row : html.split("<tr")) {
            if (row.contains("data-testid=\"inventory-row\"") && row.contains(">" + ownerName + "<")) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static String rowOf(String html, String name) {
        int at = html.indexOf(">" + name + "<");
        assertThat(at).as("row of " + name).isPositive();
        int start = html.lastIndexOf("<tr", at);
        return html.substring(start, html.indexOf("</tr>", at));
    }

    private static String idOf(String html, String name) {
        Matcher id = Pattern.compile("data-token-id=\"([^\"]+)\"").matcher(rowOf(html, name));
        assertThat(id.find()).isTrue();
        return id.group(1);
    }
}
