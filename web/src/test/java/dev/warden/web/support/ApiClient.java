package dev.warden.web.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the API: real sockets, no Spring test machinery between the test and the server. */
public final class ApiClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ApiClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    /** A GET with one more header. */
    public Response get(String path, String token, String header, String value) {
        return send(request(path, token).header(header, value).GET().build());
    }

    public Response post(String path, String token, String jsonBody) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody))
                .build());
    }

    public Response send(String method, String path, String token, String contentType, String body) {
        HttpRequest.Builder builder = request(path, token);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("User-Agent", "warden-api-test/1.0");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest request) {
        try {
            return new Response(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String json(String template, Object... args) {
        return String.format(template.replace('\'', '"'), args);
    }

    public record Response(HttpResponse<String> raw) {
        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** Warden's reason code from an error body's ErrorInfo detail. */
        public String reason() {
            JsonNode details = json().path("details");
            return details.isArray() && !details.isEmpty()
                    ? details.get(0).path("reason").asString()
                    : null;
        }

        public String errorCode() {
            return json().path("error_code").asString();
        }

        @Override
        public String toString() {
            return status() + " " + body();
        }
    }
}
