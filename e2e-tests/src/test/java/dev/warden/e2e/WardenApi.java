package dev.warden.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The token API as a script would call it: plain HTTP with a bearer token, no browser and no session. */
public final class WardenApi {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public WardenApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code GET /api/2.0/token/list} with the given bearer token. */
    public Response listTokens(String bearerToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/2.0/token/list"))
                .header("Authorization", "Bearer " + bearerToken)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Any API call with a bearer token and an optional JSON body, e.g.
     * {@code send("POST", "/api/2.0/token-management/on-behalf-of/tokens", token, "{...}")}.
     */
    public Response send(String method, String path, String bearerToken, String jsonBody) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + bearerToken)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        jsonBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(jsonBody))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @param headers the response's headers, e.g. {@code WWW-Authenticate} on a 401 or 403 */
    public record Response(int status, String body, HttpHeaders headers) {
        /** The first value of a response header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The text at a path of field names in the JSON body, e.g. {@code text("token_info", "token_id")}. */
        public String text(String... fieldNames) {
            JsonNode node = json();
            for (String name : fieldNames) {
                node = node.path(name);
            }
            return node.asString();
        }

        /** The {@code comment} (the console's "name") of each token in a token list. */
        public List<String> tokenNames() {
            List<String> names = new ArrayList<>();
            json().path("token_infos")
                    .forEach(info -> names.add(info.path("comment").asString()));
            return names;
        }

        /** Warden's reason code in the error's ErrorInfo detail, e.g. {@code TOKEN_REVOKED}. */
        public String reason() {
            return json().path("details").path(0).path("reason").asString();
        }

        public String errorCode() {
            return json().path("error_code").asString();
        }

        private JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
