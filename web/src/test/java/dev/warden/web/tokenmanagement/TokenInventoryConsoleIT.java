package dev.warden.web.tokenmanagement;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.Principal;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.DirectoryFixture;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Settings → Admin Console → Access tokens over real HTTP: every token of the workspace with its owner and
 * status, filters, keyset paging, revoke from the list, and the 403 page for a plain user.
 */
@WardenSpringBootTest
class TokenInventoryConsoleIT {
    private static final String PAGE = "/settings/admin/tokens";
    private static final Pattern TOKEN_ID = Pattern.compile("data-token-id=\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("<a href=\"([^\"]+)\"[^>]*data-testid=\"next-page\"");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    DirectoryFixture directory;
    ConsoleSession console;

    @BeforeEach
    void logIn() {
        directory = new DirectoryFixture(context);
        console = new ConsoleSession(port);
        assertThat(console.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
    }

    @Test
    void listsOtherUsersTokensWithOwnerKindAndStatus() {
        Principal owner = directory.user(DirectoryFixture.unique("inv-owner"), "secret-password-1");
        String name = DirectoryFixture.unique("inv-token");
        directory.token(owner, name);

        HttpResponse<String> page = console.get(PAGE);

        assertThat(page.statusCode()).isEqualTo(200);
        String row = rowOf(page.body(), name);
        assertThat(row).contains(owner.userName())
                .contains("href=\"/settings/admin/users/" + owner.id().value() + "\"")
                .contains("data-testid=\"token-kind\">Personal<")
                .contains("data-testid=\"token-status\">Active<")
                .contains("data-testid=\"revoke-token\"");
        assertThat(page.body()).contains("data-testid=\"token-filter-form\"").contains("aria-current=\"page\"")
                .doesNotContain("data-testid=\"admin-placeholder\"");

        HttpResponse<String> fragment = console.getHtmx(PAGE + "?kind=PERSONAL");
        assertThat(fragment.body()).doesNotContain("<html").contains("data-testid=\"token-inventory\"").contains(name);
    }

    @Test
    void filtersByStatus() {
        Principal owner = directory.user(DirectoryFixture.unique("inv-status"), "secret-password-1");
        String kept = DirectoryFixture.unique("inv-kept");
        String revoked = DirectoryFixture.unique("inv-revoked");
        directory.token(owner, kept);
        directory.token(owner, revoked);
        String revokedId = idOf(console.get(PAGE).body(), revoked);
        assertThat(console.htmx("POST", PAGE + "/" + revokedId + "/revoke").statusCode()).isEqualTo(200);

        String onlyRevoked = console.get(PAGE + "?status=REVOKED&size=200").body();
        String onlyActive = console.get(PAGE + "?status=ACTIVE&size=200").body();

        assertThat(onlyRevoked).contains(revoked).doesNotContain(kept);
        assertThat(onlyActive).contains(kept).doesNotContain(revoked);
        assertThat(console.get(PAGE + "?status=bogus").statusCode()).isEqualTo(400);
    }

    @Test
    void pagingWithASmallPageWalksEveryTokenOnce() {
        Principal owner = directory.user(DirectoryFixture.unique("inv-pages"), "secret-password-1");
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = DirectoryFixture.unique("inv-page-" + i);
            directory.token(owner, name);
            mine.add(name);
        }
        List<String> all = walk(PAGE + "?size=200");

        List<String> walked = walk(PAGE + "?size=2");

        assertThat(walked).doesNotHaveDuplicates().hasSameSizeAs(all).containsExactlyElementsOf(all);
        String first = console.get(PAGE + "?size=2").body();
        String newest = console.get(PAGE + "?size=200").body();
        for (String name : mine) {
            assertThat(walked).contains(idOf(newest, name));
        }
        assertThat(first).contains("data-testid=\"next-page\"").doesNotContain("data-testid=\"first-page\"");
        Matcher next = NEXT.matcher(first);
        assertThat(next.find()).isTrue();
        assertThat(console.get(next.group(1).replace("&amp;", "&")).body()).contains("data-testid=\"first-page\"");
    }

    @Test
    void revokeFromTheListChangesTheRowAndTheApiAnswersTokenRevoked() {
        Principal owner = directory.user(DirectoryFixture.unique("inv-revoke"), "secret-password-1");
        String name = DirectoryFixture.unique("inv-victim");
        String secret = directory.token(owner, name);
        String id = idOf(console.get(PAGE).body(), name);
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/api/2.0/token/list", secret).status()).isEqualTo(200);

        HttpResponse<String> row = console.htmx("POST", PAGE + "/" + id + "/revoke");

        assertThat(row.statusCode()).isEqualTo(200);
        assertThat(row.body()).doesNotContain("<html").contains("data-token-id=\"" + id + "\"")
                .contains("data-testid=\"token-status\">Revoked<").contains("data-testid=\"restore-token\"")
                .doesNotContain("data-testid=\"revoke-token\"");
        ApiClient.Response refused = api.get("/api/2.0/token/list", secret);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.reason()).isEqualTo("TOKEN_REVOKED");

        HttpResponse<String> restored = console.htmx("POST", PAGE + "/" + id + "/restore");
        assertThat(restored.body()).contains("data-testid=\"token-status\">Active<");
        assertThat(api.get("/api/2.0/token/list", secret).status()).isEqualTo(200);

        HttpResponse<String> deleted = console.htmx("DELETE", PAGE + "/" + id);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEmpty();
        assertThat(console.get(PAGE).body()).doesNotContain(name);
    }

    @Test
    void aPlainUserGetsTheForbiddenPage() {
        String userName = DirectoryFixture.unique("inv-plain");
        directory.user(userName, "secret-password-1");
        ConsoleSession plain = new ConsoleSession(port);
        assertThat(plain.logIn(userName, "secret-password-1")).isEqualTo("/");

        HttpResponse<String> page = plain.get(PAGE);

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).doesNotContain("data-testid=\"token-inventory\"").doesNotContain("Exception");
    }

    private List<String> walk(String start) {
        List<String> ids = new ArrayList<>();
        String path = start;
        for (int pages = 0; path != null && pages < 10_000; pages++) {
            String body = console.get(path).body();
            Matcher id = TOKEN_ID.matcher(body);
            while (id.find()) {
                ids.add(id.group(1));
            }
            Matcher next = NEXT.matcher(body);
            path = next.find() ? next.group(1).replace("&amp;", "&") : null;
        }
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        return ids;
    }

    private static String rowOf(String html, String name) {
        int at = html.indexOf(">" + name + "<");
        assertThat(at).as("row of " + name).isPositive();
        int start = html.lastIndexOf("<tr", at);
        return html.substring(start, html.indexOf("</tr>", at));
    }

    private static String idOf(String html, String name) {
        Matcher id = TOKEN_ID.matcher(rowOf(html, name));
        assertThat(id.find()).isTrue();
        return id.group(1);
    }
}
