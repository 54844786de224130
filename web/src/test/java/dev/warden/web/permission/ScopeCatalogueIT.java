package dev.warden.web.permission;

import static dev.warden.web.support.TestData.unique;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_PASSWORD;
import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.permission.Permission;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenService;
import dev.warden.web.shared.ApiRoutes;
import dev.warden.web.shared.ApiRoutes.Route;
import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.ConsoleSession;
import dev.warden.web.support.TestData;
import dev.warden.web.support.WardenSpringBootTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The scope catalogue over real HTTP: every {@code /api/**} route declares its permission, {@code GET
 * /api/2.0/scopes} serves the catalogue generated from those declarations, and the console's Scopes page shows it
 * to any signed-in user, filtered on the server.
 */
@WardenSpringBootTest
class ScopeCatalogueIT {
    private static final Pattern ROW_SCOPE = Pattern.compile("data-testid=\"scope-row\" data-scope=\"([^\"]+)\"");
    private static final Pattern GROUP = Pattern.compile("data-testid=\"scope-group\" data-resource=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ApiRoutes routes;

    @Autowired
    TokenService tokens;

    /** These tests count Warden's own catalogue: no registered service left by another test may add to it. */
    @BeforeEach
    void noRegisteredServices() {
        TestData.of(context).removeServices();
    }

    /** The runtime twin of the ArchUnit rule: whatever the controller's shape, no API route goes undeclared. */
    @Test
    void everyApiRouteDeclaresThePermissionItNeeds() {
        List<Route> all = routes.all();

        assertThat(all).hasSizeGreaterThan(40);
        assertThat(all).allSatisfy(route -> {
            assertThat(route.path()).startsWith("/api/");
            assertThat(route.permission())
                    .as(route.label() + " declares no @RequiresPermission")
                    .isNotNull();
        });
        assertThat(all)
                .extracting(Route::label)
                .doesNotHaveDuplicates()
                .contains("GET /api/2.0/scopes", "POST /api/2.0/token/create");
    }

    @Test
    void theApiServesEveryScopeInCatalogueOrderWithTheEndpointsThatNeedIt() {
        Response response = new ApiClient(port).get("/api/2.0/scopes", ADMIN_TOKEN);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> scopes = list(response.json().path("scopes"));
        assertThat(scopes)
                .extracting(s -> s.path("scope").asString())
                .containsExactlyElementsOf(
                        dev.warden.core.permission.PermissionCatalogue.with(List.of()).scopes().stream()
                                .map(Scope::key)
                                .toList());
        assertThat(scopes)
                .allSatisfy(s -> assertThat(s.path("description").asString())
                        .isEqualTo(dev.warden.core.permission.PermissionCatalogue.with(List.of())
                                .describe(new Scope(s.path("scope").asString()))));

        JsonNode allApis = scopes.get(0);
        assertThat(allApis.path("scope").asString()).isEqualTo("all-apis");
        assertThat(allApis.path("all_endpoints").asBoolean()).isTrue();
        assertThat(labels(allApis))
                .containsExactlyElementsOf(
                        routes.all().stream().map(Route::label).toList());

        List<String> underPermissions = new ArrayList<>();
        for (JsonNode scope : scopes.subList(1, scopes.size())) {
            Permission permission =
                    Permission.fromKey(scope.path("scope").asString()).orElseThrow();
            assertThat(scope.has("all_endpoints")).isFalse();
            assertThat(scope.path("resource").asString())
                    .isEqualTo(permission.key().split(":")[0]);
            assertThat(labels(scope))
                    .as(permission.key())
                    .containsExactlyElementsOf(routes.needing(permission).stream()
                            .map(Route::label)
                            .toList());
            underPermissions.addAll(labels(scope));
        }
        assertThat(underPermissions)
                .as("every route under exactly one permission's scope")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        routes.all().stream().map(Route::label).toList());

        assertThat(labels(scope(scopes, "tokens:write")))
                .contains("POST /api/2.0/token/create", "POST /api/2.0/token/revoke")
                .doesNotContain("GET /api/2.0/token/list");
        assertThat(labels(scope(scopes, "tokens:read"))).contains("GET /api/2.0/token/list", "GET /api/2.0/scopes");
        assertThat(labels(scope(scopes, "scim:read"))).contains("GET /api/2.0/preview/scim/v2/Me");
        JsonNode groupTokenCreate = list(scope(scopes, "token-management:write").path("endpoints")).stream()
                .filter(e -> e.path("path").asString().equals("/api/2.0/groups/{group_id}/tokens")
                        && e.path("method").asString().equals("POST"))
                .findFirst()
                .orElseThrow();
        assertThat(groupTokenCreate.path("group_parameter").asString()).isEqualTo("group_id");
        assertThat(list(scope(scopes, "tokens:write").path("endpoints")))
                .allSatisfy(e -> assertThat(e.has("group_parameter")).isFalse());
    }

    /** The catalogue declares tokens:read: a token scoped to it reads the catalogue, one without it is refused. */
    @Test
    void aTokenWithoutTheDeclaredScopeIsRefused() {
        TestData testData = TestData.of(context);
        Principal owner = testData.consoleUser(unique("scoped"), "pw-" + unique("x"));
        testData.grantTokenUsage(owner);
        ApiClient api = new ApiClient(port);

        Response narrow = api.get("/api/2.0/scopes", tokenWith(owner, "scim:read"));
        Response reader = api.get("/api/2.0/scopes", tokenWith(owner, "tokens:read"));

        assertThat(narrow.status()).as(narrow.toString()).isEqualTo(403);
        assertThat(narrow.reason()).isEqualTo("SCOPE_MISSING");
        assertThat(narrow.body()).contains("tokens:read");
        assertThat(reader.status()).as(reader.toString()).isEqualTo(200);
        assertThat(reader.json().path("scopes").size())
                .isEqualTo(dev.warden.core.permission.PermissionCatalogue.with(List.of())
                        .scopes()
                        .size());
    }

    @Test
    void anySignedInUserSeesTheScopesPageGroupedByResource() {
        TestData testData = TestData.of(context);
        String userName = unique("reader");
        testData.consoleUser(userName, "pw-" + userName);
        ConsoleSession console = new ConsoleSession(port);
        assertThat(console.logIn(userName, "pw-" + userName)).isEqualTo("/");

        HttpResponse<String> page = console.get("/settings/scopes");

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html)
                .contains("<html", "data-testid=\"scope-filter\"", "hx-target=\"#scope-table\"", "id=\"scope-table\"");
        assertThat(all(ROW_SCOPE, html))
                .containsExactlyElementsOf(
                        dev.warden.core.permission.PermissionCatalogue.with(List.of()).scopes().stream()
                                .map(Scope::key)
                                .toList());
        assertThat(all(GROUP, html))
                .startsWith("all-apis", "tokens", "token-management")
                .contains("scim", "roles")
                .doesNotHaveDuplicates();
        assertThat(html)
                .contains(
                        "data-testid=\"every-endpoint\"",
                        "Every endpoint (" + routes.all().size() + ")",
                        Permission.TOKENS_WRITE.description(),
                        "data-method=\"POST\" data-path=\"/api/2.0/token/create\"",
                        "data-method=\"POST\" data-path=\"/api/2.0/groups/{group_id}/tokens\"",
                        "data-testid=\"group-scoped\"");
        assertThat(console.get("/settings/user/tokens").body())
                .contains("data-testid=\"scopes-link\"", "href=\"/settings/scopes\"");
    }

    @Test
    void theFilterNarrowsTheTableOnTheServer() {
        ConsoleSession console = new ConsoleSession(port);
        assertThat(console.logIn("admin", ADMIN_PASSWORD)).isEqualTo("/");

        HttpResponse<String> byPath = console.getHtmx("/settings/scopes?q=token/create");
        HttpResponse<String> byKey = console.get("/settings/scopes?q=SCIM:");
        HttpResponse<String> nothing = console.getHtmx("/settings/scopes?q=no-such-thing");

        assertThat(byPath.body())
                .as("an htmx request gets the table only")
                .doesNotContain("<html")
                .startsWith("<table id=\"scope-table\"");
        assertThat(all(ROW_SCOPE, byPath.body())).containsExactly("all-apis", "tokens:write");
        assertThat(byPath.body())
                .contains("data-path=\"/api/2.0/token/create\"")
                .doesNotContain("data-path=\"/api/2.0/token/revoke\"");
        assertThat(all(ROW_SCOPE, byKey.body())).containsExactly("scim:read", "scim:write");
        assertThat(byKey.body()).contains("<html", "value=\"SCIM:\"", "data-path=\"/api/2.0/preview/scim/v2/Users\"");
        assertThat(all(ROW_SCOPE, nothing.body())).isEmpty();
        assertThat(nothing.body()).contains("data-testid=\"no-scopes\"");
        assertThat(console.get("/settings/admin/roles").body()).contains("data-testid=\"admin-scopes-link\"");
    }

    private String tokenWith(Principal owner, String scope) {
        return tokens.create(Actor.of(owner, "127.0.0.1"), new CreateTokenCommand("scoped", null, List.of(scope)))
                .secret()
                .reveal();
    }

    private static JsonNode scope(List<JsonNode> scopes, String key) {
        return scopes.stream()
                .filter(s -> s.path("scope").asString().equals(key))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> labels(JsonNode scope) {
        return list(scope.path("endpoints")).stream()
                .map(e -> e.path("method").asString() + " " + e.path("path").asString())
                .toList();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static List<String> all(Pattern pattern, String html) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(html);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
