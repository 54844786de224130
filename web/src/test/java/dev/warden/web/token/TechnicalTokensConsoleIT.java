package dev.warden.web.token;

import static dev.warden.web.support.TestData.unique;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.group.Group;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalQuery;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.settings.SettingsRepository;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.IssuedToken;
import dev.warden.core.token.TechnicalTokenService;
import dev.warden.core.token.TokenIssuePolicy;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * Organisation tokens (Admin Console → Access tokens → Organisation tokens) and a group's Access tokens tab over
 * real HTTP: the Create access token dialog with its field errors, the copy dialog that shows the secret once and
 * is never cached, the Status actions (revoke, restore, delete with the technical user), and who may see what.
 */
@WardenSpringBootTest
class TechnicalTokensConsoleIT {
    private static final String ORGANISATION = "/settings/admin/tokens/organisation";
    private static final Pattern SECRET = Pattern.compile("value=\"(wdn_[0-9A-Za-z]{49})\"");
    private static final Pattern TOKEN_ID = Pattern.compile("data-token-id=\"([^\"]+)\"");
    private static final Pattern TECHNICAL_USER = Pattern.compile("data-principal-id=\"([0-9]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Clock clock;

    @Autowired
    TechnicalTokenService technicalTokens;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    TokenIssuePolicy issuePolicy;

    @Autowired
    SettingsRepository settings;

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

    /** These tests count Warden's own catalogue: no registered service left by another test may add to it. */
    @BeforeEach
    void noRegisteredServices() {
        TestData.of(context).removeServices();
    }

    @Test
    void anOrganisationTokenCreatedInTheDialogIsShownOnceWorksWithItsRoleAndIsListed() {
        String name = unique("org-export");
        LocalDate expiry = today().plusDays(30);

        HttpResponse<String> page = console.get(ORGANISATION);
        HttpResponse<String> dialog = console.getHtmx(ORGANISATION + "/new");
        HttpResponse<String> created = console.postForm(
                ORGANISATION,
                List.of(
                        Map.entry("name", name),
                        Map.entry("expirationDate", expiry.toString()),
                        Map.entry("scopes", "all-apis"),
                        Map.entry("role", "workspace-admin")),
                true);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(
                        "data-testid=\"token-views\"",
                        "data-testid=\"create-token\"",
                        "data-testid=\"technical-tokens\"",
                        ">Organisation tokens</a>");
        assertThat(dialog.body())
                .doesNotContain("<html")
                .contains(
                        "data-testid=\"create-token-dialog\"",
                        "type=\"date\"",
                        "min=\"" + today().plusDays(1) + "\"",
                        "max=\"" + today().plusDays(maxDays()) + "\"",
                        "Admin role assignment",
                        "data-testid=\"role-user\"",
                        "data-testid=\"role-workspace-admin\"",
                        "data-testid=\"scope-all-apis\"",
                        "name=\"_csrf\"")
                .doesNotContain("data-testid=\"role-group-admin\"");
        assertThat(checkedRole(dialog.body()))
                .as("the narrower role is preselected")
                .isEqualTo("user");

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(created.headers().firstValue("HX-Trigger").orElse("")).contains("technical-tokens-changed");
        assertThat(created.headers().firstValue("HX-Retarget")).hasValue("#dialog-slot");
        assertThat(created.body())
                .contains(
                        "data-testid=\"issued-dialog\"",
                        "you will not be able to view the token again",
                        "Role: Workspace admin.",
                        "Scopes: all-apis.");
        String secret = secretIn(created.body());

        ApiClient.Response asAdmin = api.get("/api/2.0/token-management/tokens", secret);
        assertThat(asAdmin.status()).as("%s", asAdmin).isEqualTo(200);

        String list = console.get(ORGANISATION).body();
        String row = rowOf(list, name);
        assertThat(row)
                .contains(
                        "data-testid=\"token-role\">Workspace admin<",
                        "data-testid=\"token-creator\">admin<",
                        "data-testid=\"token-scope\">all-apis<",
                        "data-testid=\"token-status\">Active<",
                        "data-testid=\"token-expires\">" + expiry + " ",
                        "data-testid=\"revoke-token\"",
                        "data-testid=\"delete-token\"")
                .doesNotContain("data-testid=\"restore-token\"");
        Principal technical = technicalUserOf(row);
        assertThat(technical.kind()).isEqualTo(PrincipalKind.TECHNICAL_USER);
        assertThat(technical.canLogIn()).isFalse();
        assertThat(list).as("the secret is shown once, in the create response").doesNotContain(secret);
        assertThat(console.get("/settings/admin/tokens?kind=ORGANISATION&size=200")
                        .body())
                .contains(name, "data-testid=\"token-views\"");
        HttpResponse<String> fragment = console.getHtmx(ORGANISATION);
        assertThat(fragment.body()).startsWith("<div id=\"technical-tokens\"").contains(name);
    }

    @Test
    void withoutHtmxTheCopyDialogComesInTheWholePageWhichIsNotCached() {
        String name = unique("org-plain");

        HttpResponse<String> created = console.postForm(
                ORGANISATION,
                List.of(
                        Map.entry("name", name),
                        Map.entry("expirationDate", today().plusDays(7).toString()),
                        Map.entry("scopes", "tokens:read"),
                        Map.entry("role", "user")),
                false);

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(created.body())
                .contains("<html", "data-testid=\"issued-dialog\"", "data-testid=\"technical-tokens\"");
        String secret = secretIn(created.body());
        assertThat(api.get("/api/2.0/token/list", secret).status()).isEqualTo(200);
        assertThat(api.get("/api/2.0/token-management/tokens", secret).status())
                .as("a workspace user's token cannot manage tokens")
                .isEqualTo(403);
        assertThat(console.get(ORGANISATION).body()).doesNotContain(secret);
    }

    @Test
    void badNameExpiryScopeOrRoleIsShownNextToItsFieldAndCreatesNothing() {
        String tooFar = today().plusDays(maxDays() + 1).toString();
        String fine = today().plusDays(10).toString();

        String blank = createExpectingDialog("  ", tooFar, "all-apis", "user");
        String today = createExpectingDialog(unique("org-bad"), today().toString(), "all-apis", "user");
        String garbled = createExpectingDialog(unique("org-bad"), "31/12/2030", "all-apis", "user");
        String noScope = createExpectingDialog(unique("org-bad"), fine, null, "user");
        String badScope = createExpectingDialog(unique("org-bad"), fine, "tokens:fly", "user");
        String groupRole = createExpectingDialog(unique("org-bad"), fine, "all-apis", "group-admin");
        String noRole = createExpectingDialog(unique("org-bad"), fine, "all-apis", "");
        String longName = createExpectingDialog("x".repeat(256), fine, "all-apis", "user");

        assertThat(errorOf(blank, "name")).isEqualTo("Give the token a name, so you can recognise it later.");
        assertThat(errorOf(blank, "expirationDate"))
                .contains("Choose a date from " + today().plusDays(1) + " to " + today().plusDays(maxDays()));
        assertThat(blank).as("what was typed is kept").contains("value=\"" + tooFar + "\"");
        assertThat(errorOf(today, "expirationDate")).startsWith("Choose a date from");
        assertThat(errorOf(garbled, "expirationDate")).startsWith("Enter the date as yyyy-mm-dd.");
        assertThat(errorOf(noScope, "scopes")).isEqualTo("Choose at least one scope.");
        assertThat(errorOf(badScope, "scopes")).contains("tokens:fly");
        assertThat(errorOf(groupRole, "role"))
                .contains("role must be one of user, workspace-admin")
                .contains("group-admin");
        assertThat(errorOf(noRole, "role")).isEqualTo("Choose the role of the token's technical user.");
        assertThat(errorOf(longName, "name")).contains("255");
        for (String dialog : List.of(blank, today, garbled, noScope, badScope, groupRole, noRole, longName)) {
            assertThat(dialog).doesNotContain("data-testid=\"issued-dialog\"").doesNotContain("wdn_");
        }
        assertThat(console.get(ORGANISATION).body()).doesNotContain("org-bad-");
    }

    @Test
    void revokeRestoreAndDeleteFromTheStatusColumnAndDeleteTakesTheTechnicalUser() {
        String name = unique("org-cycle");
        IssuedToken issued = technicalTokens.createOrganisationToken(
                testData.admin(), new CreateTokenCommand(name, Duration.ofDays(5), List.of("tokens:read")), "user");
        String secret = issued.secret().reveal();
        String id = issued.token().id().value();
        PrincipalId technical = issued.token().owner();
        String row = rowOf(console.get(ORGANISATION).body(), name);
        assertThat(row)
                .contains(
                        "Delete &#39;" + name + "&#39; permanently? This cannot be undone",
                        "its technical user",
                        "Revoke &#39;" + name + "&#39;? It stops working until you restore it.");
        assertThat(api.get("/api/2.0/token/list", secret).status()).isEqualTo(200);

        HttpResponse<String> revoked = console.htmx("POST", ORGANISATION + "/" + id + "/revoke");
        ApiClient.Response refused = api.get("/api/2.0/token/list", secret);
        String revokedList = console.get(ORGANISATION).body();
        HttpResponse<String> restored = console.htmx("POST", ORGANISATION + "/" + id + "/restore");
        ApiClient.Response working = api.get("/api/2.0/token/list", secret);

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.body())
                .startsWith("<tr")
                .contains(
                        "data-token-id=\"" + id + "\"",
                        "data-testid=\"token-status\">Revoked<",
                        "data-testid=\"restore-token\"",
                        "data-testid=\"delete-token\"")
                .doesNotContain("data-testid=\"revoke-token\"");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.reason()).isEqualTo("TOKEN_REVOKED");
        assertThat(rowOf(revokedList, name))
                .as("stored, not only drawn")
                .contains("data-testid=\"token-status\">Revoked<");
        assertThat(restored.body())
                .contains("data-testid=\"token-status\">Active<", "data-testid=\"revoke-token\"")
                .doesNotContain("data-testid=\"restore-token\"");
        assertThat(working.status()).isEqualTo(200);

        HttpResponse<String> deleted = console.htmx("DELETE", ORGANISATION + "/" + id);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).isEmpty();
        assertThat(console.get(ORGANISATION).body()).doesNotContain(name);
        ApiClient.Response gone = api.get("/api/2.0/token/list", secret);
        assertThat(gone.status()).isEqualTo(401);
        assertThat(gone.reason()).isEqualTo("TOKEN_UNKNOWN");
        assertThat(principals.findById(testData.admin().workspace(), technical))
                .as("technical user deleted")
                .isEmpty();
        HttpResponse<String> again = console.htmx("POST", ORGANISATION + "/" + id + "/revoke");
        assertThat(again.headers().firstValue("HX-Reswap")).hasValue("none");
        assertThat(again.body()).contains("data-testid=\"flash-error\"", "does not exist");
    }

    @Test
    void aGroupAdminManagesTheirGroupsTokensOnItsTabAndIsRefusedAnothersTab() {
        String password = "group-admin-password-1";
        Principal groupAdmin = testData.consoleUser(unique("grp-admin"), password);
        testData.grantTokenUsage(groupAdmin); // it walks away with the secret, so it must be allowed to use tokens
        Group own = testData.group(unique("squad"));
        Group other = testData.group(unique("other-squad"));
        testData.assign(testData.builtIn(BuiltInRole.GROUP_ADMIN), groupAdmin, own);
        IssuedToken othersToken = technicalTokens.createGroupToken(
                testData.admin(),
                other.id(),
                new CreateTokenCommand(unique("others-bot"), Duration.ofDays(5), List.of("scim:read")),
                "group-member");
        ConsoleSession asGroupAdmin = new ConsoleSession(port);
        assertThat(asGroupAdmin.logIn(groupAdmin.userName(), password)).isEqualTo("/");
        String ownTab = "/settings/admin/groups/" + own.id() + "/tokens";
        String otherTab = "/settings/admin/groups/" + other.id() + "/tokens";
        String name = unique("squad-bot");

        String ownMembers = asGroupAdmin
                .get("/settings/admin/groups/" + own.id() + "/members")
                .body();
        HttpResponse<String> otherMembers = asGroupAdmin.get("/settings/admin/groups/" + other.id() + "/members");
        HttpResponse<String> tab = asGroupAdmin.get(ownTab);
        HttpResponse<String> dialog = asGroupAdmin.getHtmx(ownTab + "/new");
        HttpResponse<String> created = asGroupAdmin.postForm(
                ownTab,
                List.of(
                        Map.entry("name", name),
                        Map.entry("expirationDate", today().plusDays(3).toString()),
                        Map.entry("scopes", "scim:read"),
                        Map.entry("role", "group-member")),
                true);
        HttpResponse<String> refusedTab = asGroupAdmin.get(otherTab);
        HttpResponse<String> refusedCreate = asGroupAdmin.postForm(
                otherTab,
                List.of(
                        Map.entry("name", unique("x")),
                        Map.entry("expirationDate", today().plusDays(3).toString()),
                        Map.entry("scopes", "scim:read"),
                        Map.entry("role", "group-member")),
                false);
        HttpResponse<String> refusedRevoke = asGroupAdmin.htmx(
                "POST", otherTab + "/" + othersToken.token().id().value() + "/revoke");
        HttpResponse<String> refusedOrganisation = asGroupAdmin.get(ORGANISATION);

        assertThat(ownMembers).contains("data-testid=\"group-tab-tokens\"", "href=\"" + ownTab + "\"");
        assertThat(otherMembers.statusCode())
                .as("the user role reads every group")
                .isEqualTo(200);
        assertThat(otherMembers.body()).doesNotContain("data-testid=\"group-tab-tokens\"");
        assertThat(tab.statusCode()).isEqualTo(200);
        assertThat(tab.body())
                .contains(
                        "data-testid=\"group-tokens\"",
                        "data-testid=\"create-token\"",
                        "data-testid=\"group-tab-tokens\" aria-current=\"page\"")
                .doesNotContain("data-testid=\"admin-tab-tokens\"");
        assertThat(dialog.body())
                .contains(
                        "data-testid=\"role-group-member\"",
                        "data-testid=\"role-group-admin\"",
                        "group token of " + own.displayName())
                .doesNotContain("data-testid=\"role-workspace-admin\"");
        assertThat(checkedRole(dialog.body())).isEqualTo("group-member");
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        String secret = secretIn(created.body());
        assertThat(created.body()).contains("Role: Group member.");
        assertThat(api.get("/api/2.0/preview/scim/v2/Groups/" + own.id(), secret)
                        .status())
                .as("a group-member token reads its group")
                .isEqualTo(200);
        String row = rowOf(asGroupAdmin.get(ownTab).body(), name);
        assertThat(row)
                .contains(
                        "data-testid=\"token-role\">Group member<",
                        "data-testid=\"token-creator\">" + groupAdmin.userName() + "<",
                        "data-testid=\"revoke-token\"");

        assertThat(refusedTab.statusCode()).isEqualTo(403);
        assertThat(refusedTab.body())
                .contains("data-testid=\"forbidden\"", "token-management:read")
                .doesNotContain("data-testid=\"technical-tokens\"")
                .doesNotContain("Exception");
        assertThat(refusedCreate.statusCode()).isEqualTo(403);
        assertThat(refusedRevoke.body()).contains("data-testid=\"flash-error\"");
        assertThat(technicalTokens
                        .get(testData.admin(), other.id(), othersToken.token().id())
                        .token()
                        .isRevoked())
                .isFalse();
        assertThat(refusedOrganisation.statusCode()).isEqualTo(403);

        String asWorkspaceAdmin = console.get(ownTab).body();
        assertThat(asWorkspaceAdmin).contains(name, "data-testid=\"create-token\"");
        assertThat(console.get("/settings/admin/groups/" + other.id() + "/members")
                        .body())
                .contains("data-testid=\"group-tab-tokens\"");
        HttpResponse<String> wrongList =
                console.htmx("POST", ORGANISATION + "/" + idOf(asWorkspaceAdmin, name) + "/revoke");
        assertThat(wrongList.body())
                .as("a group token is not on the organisation list")
                .contains("data-testid=\"flash-error\"", "does not exist");
    }

    @Test
    void aPlainUserGetsTheForbiddenPageAndNoTab() {
        String password = "plain-password-1";
        Principal plain = testData.consoleUser(unique("tok-plain"), password);
        Group group = testData.group(unique("plain-squad"), plain);
        ConsoleSession asPlain = new ConsoleSession(port);
        assertThat(asPlain.logIn(plain.userName(), password)).isEqualTo("/");
        String groupTab = "/settings/admin/groups/" + group.id() + "/tokens";

        HttpResponse<String> organisation = asPlain.get(ORGANISATION);
        HttpResponse<String> dialog = asPlain.get(ORGANISATION + "/new");
        HttpResponse<String> create = asPlain.postForm(
                ORGANISATION,
                List.of(
                        Map.entry("name", unique("sneaky")),
                        Map.entry("expirationDate", today().plusDays(3).toString()),
                        Map.entry("scopes", "all-apis"),
                        Map.entry("role", "user")),
                false);
        HttpResponse<String> tab = asPlain.get(groupTab);

        assertThat(organisation.statusCode()).isEqualTo(403);
        assertThat(organisation.body())
                .contains("data-testid=\"forbidden\"")
                .doesNotContain("data-testid=\"technical-tokens\"");
        assertThat(dialog.statusCode()).isEqualTo(403);
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(create.body()).doesNotContain("wdn_");
        assertThat(tab.statusCode()).isEqualTo(403);
        assertThat(asPlain.get("/settings/admin/groups/" + group.id() + "/members")
                        .body())
                .doesNotContain("data-testid=\"group-tab-tokens\"");
    }

    @Test
    void theCreateDialogsScopesAreGroupedWithPresetsAndFollowTheChosenRole() {
        Group group = testData.group(unique("scoped-squad"));
        String groupTab = "/settings/admin/groups/" + group.id() + "/tokens";

        String organisation = console.getHtmx(ORGANISATION + "/new").body();
        String groupDialog = console.getHtmx(groupTab + "/new").body();
        HttpResponse<String> refreshed = console.postForm(
                groupTab,
                List.of(
                        Map.entry("name", unique("refresh")),
                        Map.entry("expirationDate", today().plusDays(3).toString()),
                        Map.entry("scopes", "scim:read"),
                        Map.entry("role", "group-admin"),
                        Map.entry("refreshScopes", "true")),
                true);

        assertThat(organisation)
                .contains(
                        "data-testid=\"scope-picker\"",
                        "data-role-driven=\"true\"",
                        "aria-describedby=\"technical-token-scopes-error\"",
                        "data-testid=\"scope-group-token-management\"",
                        "<legend>token-management</legend>",
                        "Read every access token in the workspace",
                        "data-testid=\"preset-read-only\"",
                        "data-testid=\"preset-read-write\"",
                        "data-testid=\"preset-admin\"",
                        "data-testid=\"scope-search\"");
        assertThat(checkedRole(organisation)).isEqualTo("user");
        assertThat(box(organisation, "tokens:write"))
                .doesNotContain("disabled")
                .contains("data-scope-roles=\"user workspace-admin\"");
        assertThat(box(organisation, "token-management:read"))
                .as("the user role does not grant it")
                .contains("disabled", "data-scope-roles=\"workspace-admin\"");
        assertThat(denialOf(organisation, "token-management:read"))
                .contains("the chosen role doesn&#39;t grant this")
                .doesNotContain("hidden");

        assertThat(checkedRole(groupDialog)).isEqualTo("group-member");
        for (String enabled : List.of("all-apis", "scim:read")) {
            assertThat(box(groupDialog, enabled)).as(enabled).doesNotContain("disabled");
        }
        for (String disabled :
                List.of("scim:write", "token-management:read", "token-management:write", "tokens:read", "roles:read")) {
            assertThat(box(groupDialog, disabled))
                    .as("group-member grants only scim:read, not " + disabled)
                    .contains("disabled");
        }
        assertThat(box(groupDialog, "scim:read")).contains("data-scope-roles=\"group-member group-admin\"");
        assertThat(box(groupDialog, "scim:write")).contains("data-scope-roles=\"group-admin\"");
        assertThat(box(groupDialog, "tokens:read"))
                .as("no group role grants it")
                .contains("disabled")
                .doesNotContain("data-scope-roles");

        assertThat(refreshed.body())
                .as("without JavaScript, the dialog again for the chosen role")
                .startsWith("<dialog id=\"create-token-dialog\"")
                .doesNotContain("wdn_")
                .doesNotContain("data-testid=\"error-");
        assertThat(checkedRole(refreshed.body())).isEqualTo("group-admin");
        assertThat(box(refreshed.body(), "scim:write")).doesNotContain("disabled");
        assertThat(box(refreshed.body(), "scim:read")).contains("checked");
        assertThat(console.get(groupTab).body()).contains("data-testid=\"no-technical-tokens\"");
    }

    @Test
    void aScopeTheChosenRoleDoesNotGrantIsRefusedNextToTheScopesAndCreatesNothing() {
        Group group = testData.group(unique("forged-squad"));
        String groupTab = "/settings/admin/groups/" + group.id() + "/tokens";
        String fine = today().plusDays(10).toString();
        String orgName = unique("org-forged");
        String groupName = unique("grp-forged");

        HttpResponse<String> organisation = console.postForm(
                ORGANISATION,
                List.of(
                        Map.entry("name", orgName),
                        Map.entry("expirationDate", fine),
                        Map.entry("scopes", "tokens:read"),
                        Map.entry("scopes", "token-management:write"),
                        Map.entry("role", "user")),
                true);
        HttpResponse<String> groupToken = console.postForm(
                groupTab,
                List.of(
                        Map.entry("name", groupName),
                        Map.entry("expirationDate", fine),
                        Map.entry("scopes", "scim:read"),
                        Map.entry("scopes", "scim:write"),
                        Map.entry("role", "group-member")),
                true);

        assertThat(errorOf(organisation.body(), "scopes")).contains("do not grant token-management:write, so");
        assertThat(errorOf(groupToken.body(), "scopes")).contains("do not grant scim:write, so");
        for (HttpResponse<String> refused : List.of(organisation, groupToken)) {
            assertThat(refused.body())
                    .startsWith("<dialog id=\"create-token-dialog\"")
                    .doesNotContain("wdn_")
                    .doesNotContain("data-testid=\"issued-dialog\"");
        }
        assertThat(box(groupToken.body(), "scim:read"))
                .as("what may be held stays chosen")
                .contains("checked");
        assertThat(console.get(ORGANISATION).body()).doesNotContain(orgName);
        assertThat(console.get(groupTab).body()).contains("data-testid=\"no-technical-tokens\"");
        for (String name : List.of(orgName, groupName)) {
            assertThat(principals
                            .search(
                                    testData.admin().workspace(),
                                    PrincipalKind.TECHNICAL_USER,
                                    PrincipalQuery.containing(name),
                                    PageRequest.first(10))
                            .total())
                    .as("no technical user %s is left behind", name)
                    .isZero();
        }
    }

    @Test
    void anOrganisationTokenHoldsEveryScopeItsRoleGrantsWithNoLimitOnHowMany() {
        String name = unique("org-many");
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(List.of(
                Map.entry("name", name),
                Map.entry("expirationDate", today().plusDays(5).toString()),
                Map.entry("role", "workspace-admin")));
        dev.warden.core.permission.PermissionCatalogue.with(List.of())
                .scopes()
                .forEach(scope -> fields.add(Map.entry("scopes", scope.key())));

        HttpResponse<String> created = console.postForm(ORGANISATION, fields, true);

        assertThat(created.body()).contains("data-testid=\"issued-dialog\"");
        String row = rowOf(console.get(ORGANISATION).body(), name);
        assertThat(row.split("data-testid=\"token-scope\"", -1))
                .hasSize(dev.warden.core.permission.PermissionCatalogue.with(List.of())
                                .scopes()
                                .size()
                        + 1);
        assertThat(row).contains(">token-management:write<", ">roles:write<", ">all-apis<");
    }

    private static String box(String html, String key) {
        Matcher box = Pattern.compile("<input[^>]*data-testid=\"scope-" + Pattern.quote(key) + "\"[^>]*>")
                .matcher(html);
        assertThat(box.find()).as("a checkbox for " + key).isTrue();
        return box.group();
    }

    private static String denialOf(String html, String key) {
        Matcher note = Pattern.compile("<small[^>]*data-testid=\"scope-denied-" + Pattern.quote(key) + "\"[^>]*>[^<]*")
                .matcher(html);
        assertThat(note.find()).as("the note of " + key).isTrue();
        return note.group();
    }

    private String createExpectingDialog(String name, String expirationDate, String scope, String role) {
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(
                List.of(Map.entry("name", name), Map.entry("expirationDate", expirationDate), Map.entry("role", role)));
        if (scope != null) {
            fields.add(Map.entry("scopes", scope));
        }
        HttpResponse<String> response = console.postForm(ORGANISATION, fields, true);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("<dialog id=\"create-token-dialog\"");
        return response.body();
    }

    private static String errorOf(String html, String field) {
        Matcher error = Pattern.compile(
                        "<p id=\"[^\"]+\" class=\"field-error\" data-testid=\"error-" + field + "\">([^<]*)</p>")
                .matcher(html);
        assertThat(error.find()).as("an error for " + field + " in " + html).isTrue();
        return error.group(1).replace("&#39;", "'");
    }

    private static String checkedRole(String html) {
        Matcher checked = Pattern.compile("<input type=\"radio\" name=\"role\"[^>]*value=\"([^\"]+)\"[^>]*checked")
                .matcher(html);
        assertThat(checked.find()).as("a checked role").isTrue();
        return checked.group(1);
    }

    private static String secretIn(String html) {
        Matcher secret = SECRET.matcher(html);
        assertThat(secret.find()).as("a token value in " + html).isTrue();
        return secret.group(1);
    }

    private Principal technicalUserOf(String row) {
        Matcher id = TECHNICAL_USER.matcher(row);
        assertThat(id.find()).isTrue();
        return principals
                .findById(testData.admin().workspace(), new PrincipalId(Long.parseLong(id.group(1))))
                .orElseThrow();
    }

    private long maxDays() {
        return issuePolicy.lifetimes(settings.get(testData.admin().workspace())).maxDays();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
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
