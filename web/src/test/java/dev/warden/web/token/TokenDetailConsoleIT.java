package dev.warden.web.token;

import static dev.warden.web.support.ApiClient.json;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.Group;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.shared.MutableClock;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TechnicalTokenService;
import dev.warden.core.token.TokenService;
import dev.warden.core.token.TokenUseRecorder;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Admin Console → Access tokens → one token, over real HTTP: lineage of personal, on-behalf-of and group tokens,
 * every scope, last use, rotation, the audit history, revoke / restore / delete from the page, and its 404 and 403.
 */
@WardenSpringBootTest
class TokenDetailConsoleIT {
    private static final String INVENTORY = "/settings/admin/tokens";
    private static final String API = "/api/2.0/token-management/tokens";
    private static final String[] FROM_PAGE = {"HX-Target", "token-detail"};
    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final Pattern HISTORY_ACTION =
            Pattern.compile("data-testid=\"history-row\" data-action=\"([A-Z_]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    TokenService tokens;

    @Autowired
    TechnicalTokenService technicalTokens;

    @Autowired
    TokenUseRecorder usage;

    @Autowired
    MutableClock clock;

    TestData testData;
    ConsoleSession console;
    ApiClient api;

    @BeforeEach
    void logIn() {
        testData = TestData.of(context);
        console = new ConsoleSession(port);
        api = new ApiClient(port);
        assertThat(console.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
    }

    @Test
    void aPersonalTokenShowsItsLineageEveryScopeAndThatItWasNeverUsed() {
        Principal owner = testData.consoleUser(TestData.unique("detail-owner"), "secret-password-1");
        testData.grantTokenUsage(owner);
        String name = TestData.unique("detail-personal");
        IssuedToken issued = tokens.create(
                Actor.of(owner, "127.0.0.1"),
                new CreateTokenCommand(name, Duration.ofDays(30), List.of("tokens:read", "scim:read")));
        String id = issued.token().id().value();

        HttpResponse<String> page = console.get(INVENTORY + "/" + id);

        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        assertThat(testid(body, "token-title")).isEqualTo(name);
        assertThat(testid(body, "token-id")).isEqualTo(id);
        assertThat(testid(body, "token-hint")).isEqualTo(issued.token().displayHint());
        assertThat(testid(body, "token-kind")).isEqualTo("Personal");
        assertThat(section(body, "token-owner"))
                .contains(
                        "href=\"/settings/admin/users/" + owner.id().value() + "\"",
                        ">" + owner.userName() + "<",
                        "(user)");
        assertThat(section(body, "token-created-by"))
                .contains(
                        ">" + owner.userName() + "<",
                        "on " + SHOWN.format(issued.token().createdAt()));
        assertThat(body)
                .doesNotContain("data-testid=\"token-on-behalf-of\"")
                .doesNotContain("data-testid=\"token-group\"");
        assertThat(testid(body, "token-rotation")).isEqualTo("Never rotated");
        assertThat(all(body, "token-scope")).containsExactly("scim:read", "tokens:read");
        assertThat(testid(body, "token-expires"))
                .isEqualTo(SHOWN.format(issued.token().expiresAt()));
        assertThat(testid(body, "token-last-used-at")).isEqualTo("never");
        assertThat(testid(body, "token-status")).isEqualTo("Active");
        assertThat(actions(body)).containsExactly("TOKEN_CREATED");
        assertThat(body)
                .contains("data-testid=\"revoke-token\"", "data-testid=\"delete-token\"")
                .doesNotContain("data-testid=\"restore-token\"")
                .contains("data-testid=\"check-access-form\"", "data-testid=\"scopes-panel\"")
                .doesNotContain("RESERVED");
        assertThat(console.get(INVENTORY + "?owner_id=" + owner.id().value()).body())
                .as("the inventory links the token to this page")
                .contains("href=\"/settings/admin/tokens/" + id + "\"");
    }

    @Test
    void anOnBehalfOfTokenNamesTheAdminWhoCreatedItAndTheServicePrincipalThatOwnsIt() {
        Principal sp = testData.servicePrincipal(TestData.unique("detail-robot"));
        testData.grantTokenUsage(sp);
        ApiClient.Response created = api.post(
                "/api/2.0/token-management/on-behalf-of/tokens",
                ADMIN_TOKEN,
                json("{'application_id':'%s','comment':'deploy','scopes':['tokens:read']}", sp.applicationId()));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.json().path("token_info").path("token_id").asString();

        String body = console.get(INVENTORY + "/" + id).body();

        assertThat(testid(body, "token-kind")).isEqualTo("On behalf of");
        assertThat(section(body, "token-owner"))
                .contains("href=\"/settings/admin/service-principals/" + sp.id().value() + "\"", "(service principal)");
        assertThat(section(body, "token-created-by")).contains(">admin<");
        assertThat(testid(body, "token-on-behalf-of"))
                .isEqualTo("Created by admin (an admin) for the service principal " + sp.displayName()
                        + ", which owns it");
        assertThat(all(body, "token-scope")).containsExactly("tokens:read");
    }

    @Test
    void aGroupTokenNamesItsGroupAndItsTechnicalUsersRole() {
        Group group = testData.group(TestData.unique("detail-squad"));
        String name = TestData.unique("detail-group-bot");
        IssuedToken issued = technicalTokens.createGroupToken(
                testData.admin(),
                group.id(),
                new CreateTokenCommand(name, Duration.ofDays(5), List.of("scim:read")),
                "group-member");

        String body = console.get(INVENTORY + "/" + issued.token().id().value()).body();

        assertThat(testid(body, "token-kind")).isEqualTo("Group");
        assertThat(section(body, "token-group"))
                .contains(
                        "href=\"/settings/admin/groups/" + group.id().value() + "/members\"",
                        ">" + group.displayName() + "<");
        assertThat(section(body, "token-owner")).contains("(technical user)").doesNotContain("href=");
        assertThat(testid(body, "token-technical-role")).startsWith("group-member, held by the technical user");
        assertThat(body).contains("Its technical user is deleted with it.");
    }

    @Test
    void showsTheLastUseOnceTheTokenWasUsed() {
        Principal owner = testData.consoleUser(TestData.unique("detail-user"), "secret-password-1");
        String name = TestData.unique("detail-used");
        String secret = testData.usableToken(owner, name);
        String id = idByName(owner, name);
        Instant usedAt = clock.instant();

        assertThat(api.get("/api/2.0/token/list", secret).status()).isEqualTo(200);
        usage.flushAll();
        String body = console.get(INVENTORY + "/" + id).body();

        assertThat(testid(body, "token-last-used-at")).isEqualTo(SHOWN.format(usedAt));
        assertThat(testid(body, "token-last-used-address")).isEqualTo("127.0.0.1");
        assertThat(testid(body, "token-last-used-agent")).isEqualTo("warden-api-test/1.0");
    }

    @Test
    void showsWhenTheTokenWasRotatedAndUntilWhenTheOldSecretStillWorks() {
        Principal owner = testData.consoleUser(TestData.unique("detail-rot"), "secret-password-1");
        String name = TestData.unique("detail-rotated");
        testData.usableToken(owner, name);
        String id = idByName(owner, name);
        Instant rotatedAt = clock.advance(Duration.ofMinutes(3));

        ApiClient.Response rotated =
                api.post(API + "/" + id + "/rotate", ADMIN_TOKEN, "{'grace_period_seconds':3600}".replace('\'', '"'));
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String body = console.get(INVENTORY + "/" + id).body();

        assertThat(testid(body, "token-rotated-at")).isEqualTo(SHOWN.format(rotatedAt));
        assertThat(testid(body, "token-previous-valid-until")).isEqualTo(SHOWN.format(rotatedAt.plusSeconds(3600)));
        String value = rotated.json().path("token_value").asString();
        assertThat(testid(body, "token-hint"))
                .as("the new secret's hint")
                .isEqualTo("wdn_…" + value.substring(value.length() - 4));
        assertThat(testid(body, "token-id")).as("same token, new secret").isEqualTo(id);

        clock.advance(Duration.ofHours(2));
        String afterGrace = console.get(INVENTORY + "/" + id).body();
        assertThat(testid(afterGrace, "token-rotated-at")).isEqualTo(SHOWN.format(rotatedAt));
        assertThat(afterGrace).doesNotContain("data-testid=\"token-previous-valid-until\"");
    }

    @Test
    void historyListsCreatedRotatedAndRevokedNewestFirstWithWhoAndFromWhere() {
        Principal owner = testData.consoleUser(TestData.unique("detail-hist"), "secret-password-1");
        String name = TestData.unique("detail-history");
        testData.usableToken(owner, name);
        String id = idByName(owner, name);
        clock.advance(Duration.ofMinutes(1));
        assertThat(api.post(API + "/" + id + "/rotate", ADMIN_TOKEN, "{}").status())
                .isEqualTo(200);
        Instant revokedAt = clock.advance(Duration.ofMinutes(1));
        assertThat(console.htmx("POST", INVENTORY + "/" + id + "/revoke", FROM_PAGE)
                        .statusCode())
                .isEqualTo(200);

        String body = console.get(INVENTORY + "/" + id).body();

        assertThat(actions(body)).containsExactly("TOKEN_REVOKED", "TOKEN_ROTATED", "TOKEN_CREATED");
        assertThat(all(body, "history-action")).containsExactly("Revoked", "Rotated", "Created");
        assertThat(all(body, "history-who")).containsExactly("admin", "admin", owner.userName());
        assertThat(all(body, "history-when").get(0)).isEqualTo(SHOWN.format(revokedAt));
        assertThat(all(body, "history-from").get(0)).isEqualTo("127.0.0.1");
    }

    @Test
    void aBulkRevokeShowsInTheHistoryWithItsReason() {
        Principal owner = testData.consoleUser(TestData.unique("detail-bulk"), "secret-password-1");
        String name = TestData.unique("detail-bulk-token");
        testData.usableToken(owner, name);
        String id = idByName(owner, name);
        clock.advance(Duration.ofMinutes(1));
        ApiClient.Response bulk = api.post(
                API + "/bulk-revoke",
                ADMIN_TOKEN,
                json("{'owner_id':%d,'reason':'leaked in a CI log'}", owner.id().value()));
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(200);

        String body = console.get(INVENTORY + "/" + id).body();

        assertThat(actions(body)).containsExactly("TOKENS_BULK_REVOKED", "TOKEN_CREATED");
        assertThat(testid(body, "history-reason")).contains("leaked in a CI log");
        assertThat(testid(body, "token-status")).isEqualTo("Revoked");
    }

    @Test
    void revokeRestoreAndDeleteFromThePage() {
        Principal owner = testData.consoleUser(TestData.unique("detail-act"), "secret-password-1");
        String name = TestData.unique("detail-actions");
        String secret = testData.usableToken(owner, name);
        String id = idByName(owner, name);
        String page = INVENTORY + "/" + id;

        HttpResponse<String> revoked = console.htmx("POST", page + "/revoke", FROM_PAGE);
        ApiClient.Response refused = api.get("/api/2.0/token/list", secret);

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.body())
                .doesNotContain("<html")
                .doesNotContain("<tr data-testid=\"inventory-row\"")
                .contains("id=\"token-detail\"", "data-testid=\"restore-token\"")
                .doesNotContain("data-testid=\"revoke-token\"");
        assertThat(testid(revoked.body(), "token-status")).isEqualTo("Revoked");
        assertThat(testid(revoked.body(), "token-revoked-by")).isEqualTo("admin");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.reason()).isEqualTo("TOKEN_REVOKED");
        assertThat(testid(console.get(page).body(), "token-status"))
                .as("stored, not only drawn")
                .isEqualTo("Revoked");

        HttpResponse<String> restored = console.htmx("POST", page + "/restore", FROM_PAGE);

        assertThat(testid(restored.body(), "token-status")).isEqualTo("Active");
        assertThat(restored.body())
                .contains("data-testid=\"revoke-token\"")
                .doesNotContain("data-testid=\"restore-token\"")
                .doesNotContain("data-testid=\"token-revoked-by\"");
        assertThat(api.get("/api/2.0/token/list", secret).status()).isEqualTo(200);

        HttpResponse<String> deleted = console.htmx("DELETE", page, FROM_PAGE);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.headers().firstValue("HX-Redirect")).hasValue(INVENTORY);
        assertThat(console.get(page).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/2.0/token/list", secret).status()).isEqualTo(401);
        HttpResponse<String> again = console.htmx("POST", page + "/revoke", FROM_PAGE);
        assertThat(again.headers().firstValue("HX-Reswap")).hasValue("none");
        assertThat(again.body()).contains("data-testid=\"flash-error\"", "does not exist");
    }

    @Test
    void anUnknownTokenIsTheNotFoundPage() {
        HttpResponse<String> page = console.get(INVENTORY + "/0123456789abcdef0123456789abcdef");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body())
                .contains("data-testid=\"not-found\"")
                .doesNotContain("data-testid=\"token-detail\"")
                .doesNotContain("Exception");
    }

    @Test
    void aPlainUserGetsTheForbiddenPageEvenForTheirOwnToken() {
        String userName = TestData.unique("detail-plain");
        Principal plain = testData.consoleUser(userName, "secret-password-1");
        String name = TestData.unique("detail-own");
        testData.usableToken(plain, name);
        String id = idByName(plain, name);
        ConsoleSession asPlain = new ConsoleSession(port);
        assertThat(asPlain.logIn(userName, "secret-password-1")).isEqualTo("/");

        HttpResponse<String> page = asPlain.get(INVENTORY + "/" + id);
        HttpResponse<String> revoke = asPlain.htmx("POST", INVENTORY + "/" + id + "/revoke", FROM_PAGE);

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("data-testid=\"forbidden\"").doesNotContain("data-testid=\"token-detail\"");
        assertThat(revoke.body()).contains("data-testid=\"flash-error\"");
        assertThat(testid(console.get(INVENTORY + "/" + id).body(), "token-status"))
                .isEqualTo("Active");
    }

    /** The id of the principal's token with this name, as the API lists it. */
    private String idByName(Principal owner, String name) {
        ApiClient.Response listed = api.get(API + "?owner_id=" + owner.id().value(), ADMIN_TOKEN);
        for (var info : listed.json().path("token_infos")) {
            if (name.equals(info.path("comment").asString())) {
                return info.path("token_id").asString();
            }
        }
        throw new AssertionError("no token " + name + " in " + listed);
    }

    /** The text of the first element with this data-testid (whitespace collapsed, tags removed). */
    private static String testid(String html, String testid) {
        List<String> found = all(html, testid);
        assertThat(found).as("element " + testid).isNotEmpty();
        return found.get(0);
    }

    private static List<String> all(String html, String testid) {
        List<String> texts = new ArrayList<>();
        Matcher m = Pattern.compile("<(\\w+)[^>]*data-testid=\"" + Pattern.quote(testid) + "\"[^>]*>")
                .matcher(html);
        while (m.find()) {
            int end = html.indexOf("</" + m.group(1) + ">", m.end());
            texts.add(text(html.substring(m.end(), end)));
        }
        return texts;
    }

    /** The inner HTML of the first element with this data-testid. */
    private static String section(String html, String testid) {
        Matcher m = Pattern.compile("<(\\w+)[^>]*data-testid=\"" + Pattern.quote(testid) + "\"[^>]*>")
                .matcher(html);
        assertThat(m.find()).as("element " + testid).isTrue();
        return html.substring(m.end(), html.indexOf("</" + m.group(1) + ">", m.end()));
    }

    private static List<String> actions(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = HISTORY_ACTION.matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String text(String innerHtml) {
        return innerHtml
                .replaceAll("<[^>]+>", " ")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
                .replaceAll("\\s+", " ")
                .strip();
    }
}
