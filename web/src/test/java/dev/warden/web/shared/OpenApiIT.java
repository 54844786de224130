package dev.warden.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.WardenSpringBootTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description: public, the API only, and each operation names the permission its route declares. */
@WardenSpringBootTest
class OpenApiIT {
    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping") // Actuator adds its own (controllerEndpointHandlerMapping)
    RequestMappingHandlerMapping mappings;

    @Test
    void describesTheApiWithoutLogInAndNamesEachOperationsPermission() {
        Response docs = new ApiClient(port).get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");
        assertThat(paths.propertyNames()).allMatch(path -> path.startsWith("/api/"));
        assertThat(paths.path("/api/2.0/preview/scim/v2/Users")
                        .path("get")
                        .path("x-required-permission")
                        .asString())
                .isEqualTo("scim:read");
        assertThat(paths.path("/api/2.0/preview/scim/v2/Groups/{id}")
                        .path("patch")
                        .path("x-required-permission")
                        .asString())
                .isEqualTo("scim:write");
        assertThat(paths.path("/api/2.0/roles")
                        .path("post")
                        .path("x-required-permission")
                        .asString())
                .isEqualTo("roles:write");
        assertThat(paths.path("/api/2.0/role-assignments")
                        .path("get")
                        .path("description")
                        .asString())
                .contains("roles:read");
        assertThat(docs.json()
                        .path("components")
                        .path("securitySchemes")
                        .path("bearer")
                        .path("scheme")
                        .asString())
                .isEqualTo("bearer");
        assertThat(docs.json().path("info").path("description").asString())
                .contains("step 8", "x-required-scope", "SCOPE_MISSING", "insufficient_scope");
        assertThat(docs.body())
                .as("the caller is resolved from the token, not a parameter")
                .doesNotContain("\"name\":\"actor\"");
        assertThat(paths.path("/api/2.0/preview/scim/v2/Users/{id}")
                        .path("get")
                        .path("responses")
                        .path("200")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/User");
    }

    /** The description and the enforcement read the same annotation: every API route is in the spec with it. */
    @Test
    void everyApiRouteIsDescribedWithTheSamePermissionItEnforces() {
        JsonNode paths = new ApiClient(port).get("/v3/api-docs", null).json().path("paths");
        int checked = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> route :
                mappings.getHandlerMethods().entrySet()) {
            RequiresPermission declared = route.getValue().getMethodAnnotation(RequiresPermission.class);
            for (String pattern : route.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (var method : route.getKey().getMethodsCondition().getMethods()) {
                    JsonNode operation = paths.path(pattern).path(method.name().toLowerCase());
                    assertThat(operation.path("x-required-permission").asString())
                            .as(method + " " + pattern)
                            .isEqualTo(declared.value());
                    assertThat(operation.path("x-required-scope").asString())
                            .as(method + " " + pattern)
                            .isEqualTo(declared.value());
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    /** The two paths answered by filters, not handlers, are described too; report-leak takes no credentials. */
    @Test
    void forwardAuthenticationAndLeakReportingAreDescribed() {
        JsonNode paths = new ApiClient(port).get("/v3/api-docs", null).json().path("paths");

        JsonNode forward = paths.path("/api/2.0/forward-auth");
        assertThat(forward.path("get").path("parameters").get(0).path("name").asString())
                .isEqualTo("scope");
        assertThat(forward.path("head").isMissingNode()).isFalse();
        assertThat(forward.path("get")
                        .path("responses")
                        .path("401")
                        .path("headers")
                        .has("X-Warden-Reason"))
                .isTrue();
        JsonNode leak = paths.path("/api/2.0/token/report-leak").path("post");
        assertThat(leak.path("requestBody").path("content").propertyNames())
                .containsExactlyInAnyOrder("text/plain", "application/json");
        assertThat(leak.path("security").isArray() && leak.path("security").isEmpty())
                .as("no bearer token asked for")
                .isTrue();
    }

    /** A token's scope for an operation is the permission's key; all-apis passes too, and the description says so. */
    @Test
    void eachOperationNamesTheTokenScopeItNeeds() {
        JsonNode paths = new ApiClient(port).get("/v3/api-docs", null).json().path("paths");

        JsonNode create = paths.path("/api/2.0/token/create").path("post");
        assertThat(create.path("x-required-scope").asString()).isEqualTo("tokens:write");
        assertThat(create.path("description").asString()).contains("Token scope: `tokens:write` (or `all-apis`)");
        assertThat(paths.path("/api/2.0/token-management/tokens")
                        .path("get")
                        .path("x-required-scope")
                        .asString())
                .isEqualTo("token-management:read");
        assertThat(paths.path("/api/2.0/groups/{group_id}/tokens")
                        .path("post")
                        .path("x-required-scope")
                        .asString())
                .isEqualTo("token-management:write");
        JsonNode scopes = paths.path("/api/2.0/scopes").path("get");
        assertThat(scopes.path("x-required-scope").asString()).isEqualTo("tokens:read");
        assertThat(scopes.path("x-required-permission").asString()).isEqualTo("tokens:read");
        assertThat(scopes.path("description").asString()).contains("Token scope: `tokens:read` (or `all-apis`)");
    }

    @Test
    void swaggerUiIsReachableWithoutLogIn() {
        ApiClient client = new ApiClient(port);

        Response index = client.get("/swagger-ui/index.html", null);
        Response config = client.get("/v3/api-docs/swagger-config", null);

        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("swagger");
        assertThat(config.status()).isEqualTo(200);
    }
}
