package dev.warden.web.scim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.web.support.ApiClient;
import dev.warden.web.support.ApiClient.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** SCIM calls as the tests make them, over real HTTP; bodies use single quotes for readability. */
final class ScimApi {
    static final String BASE = "/api/2.0/preview/scim/v2";

    private final ApiClient api;
    private final String token;

    ScimApi(ApiClient api, String token) {
        this.api = api;
        this.token = token;
    }

    ScimApi as(String otherToken) {
        return new ScimApi(api, otherToken);
    }

    Response get(String path) {
        return api.get(BASE + path, token);
    }

    Response post(String path, String body) {
        return api.post(BASE + path, token, body.replace('\'', '"'));
    }

    Response put(String path, String body) {
        return api.send("PUT", BASE + path, token, "application/json", body.replace('\'', '"'));
    }

    Response patch(String path, String operations) {
        return api.send(
                "PATCH",
                BASE + path,
                token,
                "application/json",
                ("{'schemas':['urn:ietf:params:scim:api:messages:2.0:PatchOp'],'Operations':" + operations + "}")
                        .replace('\'', '"'));
    }

    Response delete(String path) {
        return api.send("DELETE", BASE + path, token, null, null);
    }

    /** A user created over SCIM; its userName is unique. */
    JsonNode createUser(String prefix) {
        String userName = prefix + "-" + UUID.randomUUID() + "@example.com";
        Response created = post("/Users", "{'userName':'" + userName + "','displayName':'" + prefix + " person'}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    JsonNode createServicePrincipal(String displayName) {
        Response created = post("/ServicePrincipals", "{'displayName':'" + displayName + "'}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    JsonNode createGroup(String displayName, String... memberIds) {
        StringBuilder members = new StringBuilder();
        for (String id : memberIds) {
            members.append(members.length() == 0 ? "" : ",")
                    .append("{'value':'")
                    .append(id)
                    .append("'}");
        }
        Response created = post("/Groups", "{'displayName':'" + displayName + "','members':[" + members + "]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    /** The filter as the SDK sends it: form-encoded, a space as '+', the value in %22 quotes. */
    static String filter(String attribute, String value) {
        return "filter=" + attribute + "+eq+%22" + URLEncoder.encode(value, StandardCharsets.UTF_8) + "%22";
    }

    /** Lists the way the Databricks SDK does: from startIndex 1, on until a page comes back empty. */
    List<JsonNode> listAll(String resource, String query, int count) {
        List<JsonNode> all = new ArrayList<>();
        long startIndex = 1;
        for (int requests = 0; requests < 10_000; requests++) {
            Response page = get("/" + resource + "?" + (query.isEmpty() ? "" : query + "&") + "count=" + count
                    + "&startIndex=" + startIndex);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode resources = page.json().path("Resources");
            if (resources.isEmpty()) {
                return all;
            }
            resources.forEach(all::add);
            startIndex += resources.size();
        }
        throw new AssertionError("paging did not terminate");
    }

    static List<String> ids(Iterable<JsonNode> resources) {
        List<String> ids = new ArrayList<>();
        resources.forEach(resource -> ids.add(resource.path("id").asString()));
        return ids;
    }

    static List<String> values(JsonNode complexValues) {
        List<String> values = new ArrayList<>();
        complexValues.forEach(value -> values.add(value.path("value").asString()));
        return values;
    }
}
