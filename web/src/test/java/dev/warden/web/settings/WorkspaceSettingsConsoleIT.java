package dev.warden.web.settings;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.access.TokenStopImpact;
import dev.warden.core.audit.AuditAction;
import dev.warden.core.group.Group;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Principal;
import dev.warden.core.settings.SettingsService;
import dev.warden.core.settings.WorkspaceSettings;
import dev.warden.core.token.TokenKind;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Settings → Admin Console → Workspace settings over real HTTP: the Personal Access Tokens form (errors next to
 * fields, read-only without settings:write) and the Token Usage dialog (working copy, preview, save, cancel).
 */
@WardenSpringBootTest
class WorkspaceSettingsConsoleIT {
    private static final String PAGE = "/settings/admin/workspace";
    private static final String DRAFT = PAGE + "/token-usage/draft";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    SettingsService settings;

    @Autowired
    TokenUsageService tokenUsage;

    @Autowired
    TokenStopImpact impact;

    @Autowired
    JdbcTemplate jdbc;

    TestData testData;
    ConsoleSession console;
    List<TokenUsageEntry> entriesBefore;

    @BeforeEach
    void logIn() {
        testData = TestData.of(context);
        console = new ConsoleSession(port);
        assertThat(console.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");
        entriesBefore = tokenUsage.entries(testData.admin());
    }

    @AfterEach
    void restore() {
        settings.update(testData.admin(), SettingsService.asConf(WorkspaceSettings.DEFAULTS));
        tokenUsage.replace(testData.admin(), entriesBefore);
    }

    @Test
    void theTabShowsTheCurrentSettingsAndSavesThemThroughTheForm() {
        String page = console.get(PAGE).body();
        assertThat(page)
                .contains("data-testid=\"token-settings\"")
                .contains("Personal Access Tokens")
                .contains("data-testid=\"open-token-usage\"")
                .contains("aria-current=\"page\"");

        HttpResponse<String> saved = console.postForm(
                PAGE,
                Map.of(
                        "maxTokenLifetimeDays",
                        "90",
                        "defaultTokenLifetimeDays",
                        "30",
                        "tokenQuotaPerPrincipal",
                        "50",
                        "_enableTokensConfig",
                        "on",
                        "confirmDisable",
                        "true"),
                true);

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("data-testid=\"settings-saved\"").doesNotContain("<html");
        WorkspaceSettings now = settings.get(testData.admin());
        assertThat(now).isEqualTo(new WorkspaceSettings(false, 90, 30, 50));
        assertThat(console.get(PAGE).body()).contains("value=\"90\"").contains("value=\"50\"");
    }

    /** The test application has no SMTP host: the Notifications panel says what that means before anyone relies on it. */
    @Test
    void theNotificationsPanelSaysWhenEMailIsOff() {
        assertThat(console.get(PAGE).body())
                .contains("data-testid=\"mail-off\"")
                .contains("E-mail is off on this")
                .contains("SPRING_MAIL_HOST");
    }

    @Test
    void theSwitchSaysItStopsTokensOfEveryKind() {
        assertThat(console.get(PAGE).body())
                .contains("API tokens (all kinds) are on")
                .contains("personal, on behalf of, organisation")
                .doesNotContain("Personal access tokens are on");
    }

    @Test
    void switchingTokensOffAsksFirstWithTheWorkingTokensByKindAndSavesNothing() {
        Principal owner = testData.user(TestData.unique("switch-owner"));
        testData.token(owner);
        TokenStopImpact.Impact expected = impact.ofDisablingTokens(testData.admin());
        assertThat(expected.byKind()).containsKey(TokenKind.PERSONAL);

        HttpResponse<String> asked =
                console.postForm(PAGE, Map.of("tokenQuotaPerPrincipal", "50", "_enableTokensConfig", "on"), true);

        assertThat(asked.body())
                .contains("data-testid=\"disable-tokens-confirm\"")
                .contains("data-tokens=\"" + expected.tokens() + "\"")
                .contains("Switching tokens off stops every token of every kind: " + expected.tokensText()
                        + " will stop working at once")
                .contains("data-testid=\"confirm-disable-tokens\"")
                .doesNotContain("data-testid=\"settings-saved\"");
        assertThat(settings.get(testData.admin()).tokensEnabled()).isTrue();

        HttpResponse<String> confirmed = console.postForm(
                PAGE,
                Map.of("tokenQuotaPerPrincipal", "50", "_enableTokensConfig", "on", "confirmDisable", "true"),
                true);

        assertThat(confirmed.body()).contains("data-testid=\"settings-saved\"");
        assertThat(settings.get(testData.admin()).tokensEnabled()).isFalse();
    }

    @Test
    void invalidValuesAreErrorsNextToTheirFieldsAndChangeNothing() {
        HttpResponse<String> tooLong = console.postForm(
                PAGE,
                Map.of(
                        "enableTokensConfig",
                        "true",
                        "maxTokenLifetimeDays",
                        "731",
                        "defaultTokenLifetimeDays",
                        "",
                        "tokenQuotaPerPrincipal",
                        "600"),
                true);
        assertThat(tooLong.body())
                .contains("data-testid=\"error-maxTokenLifetimeDays\"")
                .contains("from 1 to 730")
                .doesNotContain("data-testid=\"settings-saved\"");

        HttpResponse<String> defaultOverMax = console.postForm(
                PAGE,
                Map.of(
                        "enableTokensConfig",
                        "true",
                        "maxTokenLifetimeDays",
                        "10",
                        "defaultTokenLifetimeDays",
                        "20",
                        "tokenQuotaPerPrincipal",
                        "600"),
                true);
        assertThat(defaultOverMax.body())
                .contains("data-testid=\"error-defaultTokenLifetimeDays\"")
                .contains("must not exceed");

        HttpResponse<String> quota = console.postForm(
                PAGE,
                Map.of(
                        "enableTokensConfig",
                        "true",
                        "maxTokenLifetimeDays",
                        "",
                        "defaultTokenLifetimeDays",
                        "",
                        "tokenQuotaPerPrincipal",
                        "lots"),
                true);
        assertThat(quota.body())
                .contains("data-testid=\"error-tokenQuotaPerPrincipal\"")
                .contains("whole number");

        assertThat(settings.get(testData.admin())).isEqualTo(WorkspaceSettings.DEFAULTS);
    }

    @Test
    void withOnlySettingsReadTheFormIsReadOnlyAndAPostIsRefused() {
        String name = TestData.unique("settings-reader");
        Principal reader = testData.consoleUser(name, "a long password 1");
        testData.assign(testData.customRole(TestData.unique("settings-read"), Permission.SETTINGS_READ), reader, null);
        ConsoleSession theirs = new ConsoleSession(port);
        assertThat(theirs.logIn(name, "a long password 1")).isEqualTo("/");

        HttpResponse<String> page = theirs.get(PAGE);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-testid=\"settings-read-only\"")
                .contains("disabled")
                .doesNotContain("data-testid=\"save-settings\"")
                .doesNotContain("data-testid=\"open-token-usage\"");

        HttpResponse<String> post =
                theirs.postForm(PAGE, Map.of("enableTokensConfig", "false", "tokenQuotaPerPrincipal", "600"), false);
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(settings.get(testData.admin()).tokensEnabled()).isTrue();
    }

    @Test
    void theDialogShowsEntriesAndTheImplicitAdminsWithoutARemoveButton() {
        Group group = testData.group(TestData.unique("readers"));
        testData.grantTokenUsage(group);

        String dialog = console.getHtmx(PAGE + "/token-usage").body();

        assertThat(dialog)
                .contains("data-testid=\"token-usage-dialog\"")
                .contains("data-testid=\"implicit-admin-row\"")
                .contains("Always (workspace admin)")
                .contains("data-subject=\"group:" + group.id().value() + "\"")
                .contains("name=\"entry\" value=\"group:" + group.id().value() + ":CAN_USE\"")
                .contains("Nobody loses token usage")
                .contains("CAN_MANAGE cannot be granted here")
                .doesNotContainPattern("<option[^>]*CAN_MANAGE");
        String adminRow = dialog.substring(
                dialog.indexOf("implicit-admin-row"), dialog.indexOf("</tr>", dialog.indexOf("implicit-admin-row")));
        assertThat(adminRow).contains("CAN_MANAGE").doesNotContain("remove-entry");
    }

    @Test
    void editsChangeOnlyTheWorkingCopyAndThePreviewNamesWhoLosesWhichTokens() {
        String name = TestData.unique("analyst");
        Principal user = testData.consoleUser(name, "a long password 1");
        Group group = testData.group(TestData.unique("data-eng"), user);
        testData.grantTokenUsage(group);
        testData.usableToken(user, "one");
        testData.usableToken(user, "two");
        // usableToken gave the user a direct entry too; only the group's entry stays
        tokenUsage.replace(testData.admin(), List.of(TokenUsageEntry.forGroup(group.id(), TokenUsageLevel.CAN_USE)));
        String groupEntry = "group:" + group.id().value() + ":CAN_USE";

        HttpResponse<String> removed = console.postForm(
                DRAFT,
                List.of(
                        Map.entry("entry", groupEntry),
                        Map.entry("remove", "group:" + group.id().value())),
                true);

        assertThat(removed.body())
                .doesNotContain("data-subject=\"group:" + group.id().value() + "\"")
                .contains("1 principal loses token usage; its 2 tokens will stop working")
                .contains("data-testid=\"impact-row\" data-name=\"" + name + "\"")
                .contains("2 working tokens")
                .contains("data-testid=\"unsaved-changes\"");
        assertThat(tokenUsage.entries(testData.admin())).hasSize(1);

        HttpResponse<String> added = console.postForm(
                DRAFT,
                List.of(
                        Map.entry("op", "add"),
                        Map.entry("assignee", "principal:" + user.id().value()),
                        Map.entry("addLevel", "CAN_USE")),
                true);
        assertThat(added.body())
                .contains("data-subject=\"principal:" + user.id().value() + "\"")
                .contains("value=\"principal:" + user.id().value() + ":CAN_USE\"")
                .contains("Nobody loses token usage");

        HttpResponse<String> nothingChosen = console.postForm(DRAFT, List.of(Map.entry("op", "add")), true);
        assertThat(nothingChosen.body()).contains("data-testid=\"error-add\"");
        assertThat(tokenUsage.entries(testData.admin()))
                .containsExactly(TokenUsageEntry.forGroup(group.id(), TokenUsageLevel.CAN_USE));
    }

    @Test
    void saveStoresTheWholeCopyAsOneAuditedChange() {
        Principal bot = testData.servicePrincipal(TestData.unique("bot"));
        Group group = testData.group(TestData.unique("ops"));
        int before = auditCount();

        HttpResponse<String> saved = console.postForm(
                PAGE + "/token-usage",
                List.of(
                        Map.entry("entry", "group:" + group.id().value() + ":CAN_USE"),
                        Map.entry("entry", "principal:" + bot.id().value() + ":CAN_USE")),
                true);

        assertThat(saved.headers().firstValue("HX-Redirect").orElse("")).endsWith(PAGE + "?saved=token-usage");
        assertThat(tokenUsage.entries(testData.admin()))
                .containsExactlyInAnyOrder(
                        TokenUsageEntry.forGroup(group.id(), TokenUsageLevel.CAN_USE),
                        TokenUsageEntry.forPrincipal(bot.id(), TokenUsageLevel.CAN_USE));
        assertThat(auditCount() - before).isEqualTo(1);
        assertThat(console.get(PAGE + "?saved=token-usage").body()).contains("Token usage saved.");
    }

    /** The dialog never offers CAN_MANAGE; a hand-made form asking for it gets the reason and changes nothing. */
    @Test
    void canManageIsAnErrorInTheDialogAndNothingChanges() {
        Principal bot = testData.servicePrincipal(TestData.unique("bot"));
        List<TokenUsageEntry> before = tokenUsage.entries(testData.admin());
        int audited = auditCount();

        HttpResponse<String> response = console.postForm(
                PAGE + "/token-usage",
                List.of(Map.entry("entry", "principal:" + bot.id().value() + ":CAN_MANAGE")),
                true);

        assertThat(response.body())
                .contains("data-testid=\"form-error\"")
                .contains("CAN_MANAGE cannot be granted")
                .contains("reserved for workspace admins");
        assertThat(tokenUsage.entries(testData.admin())).isEqualTo(before);
        assertThat(auditCount()).isEqualTo(audited);
    }

    @Test
    void anUnknownPrincipalIsAnErrorInTheDialogAndNothingChanges() {
        List<TokenUsageEntry> before = tokenUsage.entries(testData.admin());

        HttpResponse<String> response = console.postForm(
                PAGE + "/token-usage", List.of(Map.entry("entry", "principal:999999999:CAN_USE")), true);

        assertThat(response.body())
                .contains("data-testid=\"token-usage-dialog\"")
                .contains("data-testid=\"form-error\"")
                .contains("does not exist");
        assertThat(tokenUsage.entries(testData.admin())).isEqualTo(before);
    }

    @Test
    void theDialogAndItsEditsAreForAdminsOnly() {
        String name = TestData.unique("plain");
        testData.consoleUser(name, "a long password 1");
        ConsoleSession theirs = new ConsoleSession(port);
        assertThat(theirs.logIn(name, "a long password 1")).isEqualTo("/");

        assertThat(theirs.get(PAGE + "/token-usage").statusCode()).isEqualTo(403);
        assertThat(theirs.postForm(PAGE + "/token-usage", List.of(Map.entry("entry", "principal:1:CAN_USE")), false)
                        .statusCode())
                .isEqualTo(403);
    }

    private int auditCount() {
        Integer count = jdbc.queryForObject(
                "select count(*) from audit_event where action = ?",
                Integer.class,
                AuditAction.TOKEN_ACL_CHANGED.name());
        return count == null ? 0 : count;
    }
}
