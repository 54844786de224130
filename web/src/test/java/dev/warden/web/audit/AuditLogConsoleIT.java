package dev.warden.web.audit;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.Html;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Admin Console → Audit log over real HTTP: the page for holders of audit:read only, filters that stay in the URL and
 * in the form, bad filters said next to their field (400, never a 500), keyset paging, an event's own page with every
 * detail and before/after side by side, and the console's export downloading with the session.
 */
@WardenSpringBootTest
class AuditLogConsoleIT {
    private static final String AUDIT = "/settings/admin/audit";
    private static final Instant T0 = Instant.parse("2026-08-01T10:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditLog audit;

    TestData data;
    ConsoleSession console;
    Principal erin;

    @BeforeEach
    void logIn() {
        data = TestData.of(context);
        console = new ConsoleSession(port);
        assertThat(console.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
        erin = data.user(TestData.unique("erin"), BuiltInRole.USER);
    }

    private AuditEvent.Builder byErin(AuditAction action, int minute) {
        return AuditEvent.anonymous(data.main().id(), action, T0.plusSeconds(60L * minute))
                .actor(erin.id(), erin.userName())
                .clientAddress("198.51.100.4");
    }

    private String ofErin(String more) {
        return AUDIT + "?actor_id=" + erin.id().value() + more;
    }

    @Test
    void theTabListsEventsNewestFirstWithWordsNamesAndLinks() {
        audit.record(byErin(AuditAction.TOKEN_REVOKED, 0)
                .target("token", "gone-token")
                .detail("reason", "leaked")
                .build());
        audit.record(byErin(AuditAction.PRINCIPAL_UPDATED, 1)
                .target("user", erin.id().toString())
                .build());

        HttpResponse<String> page = console.get(ofErin(""));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Html.all(page.body(), "audit-action")).containsExactly("Principal updated", "Token revoked");
        assertThat(Html.all(page.body(), "audit-actor")).containsOnly(erin.userName());
        assertThat(Html.tagsWith(page.body(), "audit-actor-link"))
                .allSatisfy(a -> assertThat(a.get("href"))
                        .isEqualTo("/settings/admin/users/" + erin.id().value()));
        assertThat(Html.all(page.body(), "audit-target"))
                .containsExactly(erin.userName(), "token gone-token (no longer exists)");
        assertThat(Html.all(page.body(), "audit-address")).containsOnly("198.51.100.4");
        assertThat(Html.tagsWith(page.body(), "admin-tab-audit").get(0).get("aria-current"))
                .isEqualTo("page");
    }

    @Test
    void filtersNarrowTheListAndStayInTheFormAndTheExportLinks() {
        audit.record(byErin(AuditAction.TOKEN_CREATED, 0).target("token", "t0").build());
        audit.record(byErin(AuditAction.TOKEN_REVOKED, 1).target("token", "t0").build());
        audit.record(byErin(AuditAction.GROUP_CREATED, 60 * 24 * 3)
                .target("group", "1")
                .build());

        HttpResponse<String> revoked = console.get(ofErin("&action=TOKEN_REVOKED"));
        HttpResponse<String> byDay = console.get(ofErin("&since=2026-08-01&until=2026-08-01"));
        HttpResponse<String> tokens = console.get(ofErin("&target_type=TOKEN&target_id=t0"));

        assertThat(Html.all(revoked.body(), "audit-action")).containsExactly("Token revoked");
        assertThat(Html.all(byDay.body(), "audit-action")).containsExactly("Token revoked", "Token created");
        assertThat(Html.all(tokens.body(), "audit-action")).containsExactly("Token revoked", "Token created");
        assertThat(revoked.body())
                .contains("<option value=\"TOKEN_REVOKED\" selected=\"selected\">Token revoked</option>")
                .contains("value=\"" + erin.id().value() + "\" selected=\"selected\"");
        assertThat(byDay.body()).contains("name=\"since\" value=\"2026-08-01\"");
        assertThat(Html.tagsWith(revoked.body(), "export-csv").get(0).get("href"))
                .isEqualTo(
                        AUDIT + "/export?format=csv&amp;actor_id=" + erin.id().value() + "&amp;action=TOKEN_REVOKED");
    }

    @Test
    void aBadFilterIsSaidNextToItsFieldNeverAsAServerError() {
        HttpResponse<String> badDate = console.get(ofErin("&since=yesterday&action=TOKEN_EXPLODED"));
        HttpResponse<String> badActor = console.get(AUDIT + "?actor_id=abc");
        HttpResponse<String> backwards = console.get(ofErin("&since=2026-08-05&until=2026-08-01"));
        HttpResponse<String> forged = console.get(ofErin("&page_token=nope"));

        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(Html.testid(badDate.body(), "error-since"))
                .contains("Choose a date")
                .contains("yesterday");
        assertThat(Html.testid(badDate.body(), "error-action")).contains("TOKEN_EXPLODED");
        assertThat(badDate.body())
                .contains("name=\"since\" value=\"yesterday\"")
                .contains("aria-invalid=\"true\"");
        assertThat(badActor.statusCode()).isEqualTo(400);
        assertThat(Html.testid(badActor.body(), "error-actor_id")).contains("abc");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(Html.testid(backwards.body(), "error-since")).contains("later than the To date");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(Html.testid(forged.body(), "error-form")).contains("page_token");
        for (HttpResponse<String> each : List.of(badDate, badActor, backwards, forged)) {
            assertThat(each.body()).contains("data-testid=\"audit-filters\"").doesNotContain("Exception");
        }
    }

    @Test
    void pagingGoesOlderThenBackOneByOneOrToTheNewest() {
        int size = AuditLogPageController.PAGE_SIZE;
        for (int i = 0; i < 2 * size + 5; i++) {
            audit.record(byErin(AuditAction.TOKEN_CREATED, i)
                    .target("token", "t" + i)
                    .build());
        }

        HttpResponse<String> first = console.get(ofErin(""));
        HttpResponse<String> second = console.get(link(first, "next-page"));
        HttpResponse<String> third = console.get(link(second, "next-page"));
        HttpResponse<String> backToSecond = console.get(link(third, "previous-page"));
        HttpResponse<String> backToFirst = console.get(link(backToSecond, "previous-page"));

        assertThat(targets(first)).hasSize(size).startsWith("token t" + (2 * size + 4));
        assertThat(Html.tagsWith(first.body(), "newest-page")).isEmpty();
        assertThat(Html.tagsWith(first.body(), "previous-page")).isEmpty();
        assertThat(link(first, "next-page"))
                .contains("actor_id=" + erin.id().value())
                .contains("page_token=");
        assertThat(targets(second)).hasSize(size).startsWith("token t" + (size + 4));
        assertThat(targets(third)).hasSize(5).endsWith("token t0");
        assertThat(Html.tagsWith(third.body(), "next-page")).isEmpty();
        assertThat(link(third, "newest-page"))
                .isEqualTo(AUDIT + "?actor_id=" + erin.id().value());
        assertThat(targets(backToSecond)).isEqualTo(targets(second));
        assertThat(targets(backToFirst)).isEqualTo(targets(first));
        assertThat(Html.tagsWith(backToFirst.body(), "previous-page")).isEmpty();
        assertThat(console.get(ofErin("&back=%3Cscript%3E")).statusCode()).isEqualTo(200);
    }

    private static String link(HttpResponse<String> page, String testid) {
        return Html.tagsWith(page.body(), testid).get(0).get("href").replace("&amp;", "&");
    }

    /** The targets as listed; tokens that do not exist read "token tN (no longer exists)". */
    private static List<String> targets(HttpResponse<String> page) {
        return Html.all(page.body(), "audit-target").stream()
                .map(target -> target.replace(" (no longer exists)", ""))
                .toList();
    }

    @Test
    void anEventsPageShowsEveryDetailAndBeforeAndAfterSideBySide() {
        audit.record(byErin(AuditAction.PRINCIPAL_UPDATED, 0)
                .target("user", erin.id().toString())
                .detail("before", "USER erin active")
                .detail("after", "USER erin inactive")
                .detail("display_name_before", "Erin")
                .detail("display_name_after", "Erin Example")
                .detail("tokens_revoked", 2)
                .build());
        String id = Html.tagsWith(console.get(ofErin("")).body(), "audit-row")
                .get(0)
                .get("data-event-id");

        HttpResponse<String> page = console.get(AUDIT + "/" + id);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(Html.testid(page.body(), "audit-event-title")).isEqualTo("Principal updated");
        assertThat(Html.testid(page.body(), "event-actor")).isEqualTo(erin.userName());
        assertThat(Html.testid(page.body(), "event-address")).isEqualTo("198.51.100.4");
        assertThat(Html.all(page.body(), "detail-key")).containsExactly("tokens revoked");
        assertThat(Html.all(page.body(), "detail-value")).containsExactly("2");
        assertThat(Html.all(page.body(), "change-before")).containsExactly("USER erin active", "Erin");
        assertThat(Html.all(page.body(), "change-after")).containsExactly("USER erin inactive", "Erin Example");
        assertThat(console.get(AUDIT + "/999999999").statusCode()).isEqualTo(404);
        assertThat(console.get(AUDIT + "/not-a-number").statusCode()).isBetween(400, 404);
    }

    @Test
    void aBulkEventNamesHowManyTargetsAndAnAnonymousOneSaysNobodySignedIn() {
        String marker = TestData.unique("bulk");
        audit.record(byErin(AuditAction.TOKENS_BULK_REVOKED, 0)
                .target("token", null)
                .subjects(List.of(marker + "-b", marker + "-a"))
                .detail("reason", "offboarding")
                .build());
        audit.record(AuditEvent.anonymous(data.main().id(), AuditAction.LOGIN_FAILED, T0)
                .target("principal", marker)
                .clientAddress("192.0.2.1")
                .build());

        HttpResponse<String> bulk = console.get(ofErin("&action=TOKENS_BULK_REVOKED&target_id=" + marker + "-a"));
        HttpResponse<String> anonymous = console.get(AUDIT + "?target_type=PRINCIPAL&target_id=" + marker);
        String id = Html.tagsWith(bulk.body(), "audit-row").get(0).get("data-event-id");
        HttpResponse<String> detail = console.get(AUDIT + "/" + id);

        assertThat(Html.all(bulk.body(), "audit-target")).containsExactly("2 tokens");
        assertThat(Html.all(anonymous.body(), "audit-actor")).containsExactly("nobody signed in");
        assertThat(Html.all(anonymous.body(), "audit-action")).containsExactly("Sign-in failed");
        assertThat(Html.all(detail.body(), "detail-key")).containsExactly("reason", "token ids");
        assertThat(Html.all(detail.body(), "detail-value"))
                .containsExactly("offboarding", marker + "-a, " + marker + "-b");
        assertThat(Html.tagsWith(detail.body(), "event-changes")).isEmpty();
    }

    @Test
    void theConsolesExportDownloadsTheFilteredEventsWithTheSession() {
        audit.record(byErin(AuditAction.TOKEN_CREATED, 0).target("token", "t0").build());
        audit.record(byErin(AuditAction.TOKEN_REVOKED, 1).target("token", "t0").build());

        HttpResponse<String> csv = console.get(
                AUDIT + "/export?format=csv&actor_id=" + erin.id().value() + "&action=TOKEN_REVOKED&since=2026-08-01");
        HttpResponse<String> badFormat = console.get(AUDIT + "/export?format=xls");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        assertThat(csv.body().split("\r\n")).hasSize(2);
        assertThat(csv.body()).contains(",TOKEN_REVOKED,");
        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(badFormat.body()).contains("format").doesNotContain("Exception");
    }

    @Test
    void whoLacksAuditReadNeitherSeesTheTabNorOpensThePageOrTheExport() {
        String name = TestData.unique("no-audit");
        data.consoleUser(name, "secret-password-1");
        ConsoleSession plain = new ConsoleSession(port);
        assertThat(plain.logIn(name, "secret-password-1")).isEqualTo("/");

        HttpResponse<String> page = plain.get(AUDIT);
        HttpResponse<String> export = plain.get(AUDIT + "/export?format=csv");
        HttpResponse<String> event = plain.get(AUDIT + "/1");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).doesNotContain("data-testid=\"audit-events\"");
        assertThat(export.statusCode()).isEqualTo(403);
        assertThat(export.headers().firstValue("Content-Disposition")).isEmpty();
        assertThat(event.statusCode()).isEqualTo(403);
        assertThat(plain.get("/settings/user/tokens").body()).doesNotContain("admin-tab-audit");
    }
}
