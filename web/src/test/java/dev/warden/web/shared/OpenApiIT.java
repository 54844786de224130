package dev.warden.web.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import dev.warden.web.support.WardenSpringBootTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
    RequestMappingHandlerMapping mappings;

    @Test
    void describesTheApiWithoutLogInAndNamesEachOperationsPermission() {
        Response docs = new ApiClient(port).get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");
        assertThat(paths.propertyNames()).allMatch(path -> path.startsWith("/api/"));
        assertThat(paths.path("/api/2.0/preview/scim/v2/Users").path("get").path("x-required-permission").asString())
                .isEqualTo("scim:read");
        assertThat(paths.path("/api/2.0/preview/scim/v2/Groups/{id}").path("patch").path("x-required-permission")
                .asString()).isEqualTo("scim:write");
        assertThat(paths.path("/api/2.0/roles").path("post").path("x-required-permission").asString())
                .isEqualTo("roles:write");
        assertThat(paths.path("/api/2.0/role-assignments").path("get").path("description").asString())
                .contains("roles:read");
        assertThat(docs.json().path("components").path("securitySchemes").path("bearer").path("scheme").asString())
                .isEqualTo("bearer");
        assertThat(docs.body()).as("the caller is resolved from the token, not a parameter")
                .doesNotContain("\"name\":\"actor\"");
        assertThat(paths.path("/api/2.0/preview/scim/v2/Users/{id}").path("get").path("responses").path("200")
                .path("content").path("application/json").path("schema").path("$ref").asString())
                .isEqualTo("#/components/schemas/User");
    }

    /** The description and the enforcement read the same annotation: every API route is in the spec with it. */
    @Test
    void everyApiRouteIsDescribedWithTheSamePermissionItEnforces() {
        JsonNode paths = new ApiClient(port).get("/v3/api-docs", null).json().path("paths");
        int checked = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> route : mappings.getHandlerMethods().entrySet()) {
            RequiresPermission declared = route.getValue().getMethodAnnotation(RequiresPermission.class);
            for (String pattern : route.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (var method : route.getKey().getMethodsCondition().getMethods()) {
                    JsonNode operation = paths.path(pattern).path(method.name().toLowerCase());
                    assertThat(operation.path("x-required-permission").asString()).as(method + " " + pattern)
                            .isEqualTo(declared.value().key());
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
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
