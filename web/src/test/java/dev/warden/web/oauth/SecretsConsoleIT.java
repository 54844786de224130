package dev.warden.web.oauth;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.oauth.ServicePrincipalSecretService;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.Html;
import dev.warden.web.support.TestData;
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
 * A service principal's OAuth secrets on its page in the Admin Console, over real HTTP without a browser: generate
 * one with a lifetime preset (its value once, in the copy dialog), the list with status and expiry, delete one
 * (which revokes its tokens), and what a viewer without the permissions sees.
 */
@dev.warden.web.support.WardenSpringBootTest
class SecretsConsoleIT {
    private static final Pattern SECRET_VALUE = Pattern.compile("value=\"(wdn_[0-9A-Za-z]{49})\"");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ServicePrincipalSecretService secrets;

    TestData data;
    ConsoleSession console;
    Principal robot;
    String page;

    @BeforeEach
    void logInAsAdmin() {
        data = TestData.of(context);
        console = new ConsoleSession(port);
        assertThat(console.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
        robot = data.servicePrincipal(TestData.unique("robot"));
        data.grantTokenUsage(robot);
        page = "/settings/admin/service-principals/" + robot.id();
    }

    private String path() {
        return page + "/secrets";
    }

    @Test
    void theServicePrincipalsPageOffersToGenerateASecretWithLifetimePresets() {
        String html = console.get(page).body();

        String section = Html.section(html, "client-secrets");
        assertThat(section)
                .contains(robot.applicationId(), "/oidc/v1/token", "data-testid=\"no-secrets\"")
                .contains("data-testid=\"generate-secret\"");
        assertThat(Html.section(html, "secret-lifetime"))
                .contains("value=\"30\"", "value=\"90\"", "value=\"730\"")
                .containsPattern("value=\"90\"\\s+selected");
    }

    @Test
    void generatingShowsTheValueOnceInTheCopyDialogAndTheListThenShowsItWithoutIt() {
        HttpResponse<String> generated = console.postForm(path(), Map.of("lifetimeDays", "30"), true);

        assertThat(generated.statusCode()).isEqualTo(200);
        assertThat(generated.headers().firstValue("HX-Trigger").orElse("")).contains("secrets-changed");
        assertThat(generated.body())
                .contains("data-testid=\"issued-dialog\"", "Copy the new OAuth secret", robot.applicationId())
                .doesNotContain("<html");
        Matcher value = SECRET_VALUE.matcher(generated.body());
        assertThat(value.find()).isTrue();
        String secret = value.group(1);

        String section = console.getHtmx(path()).body();
        assertThat(section)
                .contains("data-testid=\"secret-row\"", "data-testid=\"secret-status\">Active<")
                .contains(secret.substring(secret.length() - 4))
                .doesNotContain(secret);
        assertThat(console.get(page).body()).doesNotContain(secret);
        assertThat(new TokenRequests(port)
                        .withBasic(robot.applicationId(), secret, null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void withoutJavaScriptTheCopyDialogIsAPageThatLeadsBack() {
        HttpResponse<String> generated = console.postForm(path(), Map.of("lifetimeDays", "90"), false);

        assertThat(generated.statusCode()).isEqualTo(200);
        assertThat(generated.body())
                .contains("<html", "data-testid=\"issued-dialog\"", "href=\"" + page + "#client-secrets\"");
    }

    @Test
    void aLifetimeBeyondTheWorkspacesLongestIsRefusedAndNothingIsCreated() {
        HttpResponse<String> refused = console.postForm(path(), Map.of("lifetimeDays", "731"), true);

        assertThat(refused.body()).contains("data-testid=\"flash-error\"", "730 days");
        assertThat(secrets.all(data.admin(), robot.id())).isEmpty();
    }

    @Test
    void deletingASecretRevokesItsTokensAndSaysSo() {
        String secret = secrets.create(data.admin(), robot.id(), null).value().reveal();
        String id = secrets.all(data.admin(), robot.id()).get(0).id().value();
        String token = new TokenRequests(port)
                .withBasic(robot.applicationId(), secret, null)
                .accessToken();

        HttpResponse<String> deleted = console.htmx("DELETE", path() + "/" + id);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body())
                .contains("data-testid=\"secrets-message\"", "1 token it obtained was revoked")
                .contains("data-testid=\"no-secrets\"");
        assertThat(new ApiClient(port).get("/api/2.0/token/list", token).status())
                .isEqualTo(401);
    }

    @Test
    void theTokenPageNamesTheSecretThatObtainedAnOAuthToken() {
        String secret = secrets.create(data.admin(), robot.id(), null).value().reveal();
        String id = secrets.all(data.admin(), robot.id()).get(0).id().value();
        new TokenRequests(port).withBasic(robot.applicationId(), secret, null);
        String tokenId = new ApiClient(port)
                .get(
                        "/api/2.0/token-management/tokens?kind=OAUTH&owner_id=" + robot.id(),
                        dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN)
                .json()
                .path("token_infos")
                .get(0)
                .path("token_id")
                .asString();

        String detail = console.get("/settings/admin/tokens/" + tokenId).body();
        String inventory = console.get("/settings/admin/tokens?kind=OAUTH").body();

        assertThat(Html.section(detail, "token-oauth-secret")).contains(id);
        assertThat(inventory).contains("OAuth (secret " + id + ")");
    }

    @Test
    void aViewerWithoutTokenManagementSeesNoSecretsAndAnAuditorCannotChangeThem() {
        secrets.create(data.admin(), robot.id(), null);
        Principal reader = data.consoleUser(TestData.unique("reader"), "reader-pass-1");
        ConsoleSession readerConsole = new ConsoleSession(port);
        readerConsole.logIn(reader.userName(), "reader-pass-1");
        Principal auditor = data.consoleUser(TestData.unique("auditor"), "auditor-pass-1");
        data.assign(data.builtIn(BuiltInRole.AUDITOR), auditor, null);
        ConsoleSession auditorConsole = new ConsoleSession(port);
        auditorConsole.logIn(auditor.userName(), "auditor-pass-1");

        assertThat(readerConsole.get(page).body()).doesNotContain("data-testid=\"client-secrets\"");
        String seenByAuditor = auditorConsole.get(page).body();
        assertThat(seenByAuditor)
                .contains("data-testid=\"secret-row\"")
                .doesNotContain("data-testid=\"generate-secret\"", "data-testid=\"delete-secret\"");
        assertThat(auditorConsole
                        .postForm(path(), Map.of("lifetimeDays", "30"), true)
                        .body())
                .contains("data-testid=\"flash-error\"", "token-management:write");
        assertThat(secrets.all(data.admin(), robot.id())).hasSize(1);
    }
}
