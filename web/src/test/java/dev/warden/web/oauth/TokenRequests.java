package dev.warden.web.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token requests over real HTTP, each from a client address of its own ({@code X-Forwarded-For}, which Warden
 * believes from the loopback proxy the tests are), so that failed authentications of one test never lock another's.
 */
final class TokenRequests {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    TokenRequests(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    record Answer(HttpResponse<String> raw) {
        int status() {
            return raw.statusCode();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        JsonNode json() {
            return JSON.readTree(raw.body());
        }

        String error() {
            return json().path("error").asString();
        }

        String accessToken() {
            return json().path("access_token").asString();
        }

        @Override
        public String toString() {
            return raw.statusCode() + " " + raw.body();
        }
    }

    /** A random address in 10.0.0.0/8: a client of its own. */
    static String anAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    static String basic(String clientId, String secret) {
        return "Basic "
                + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String form(Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }

    /** {@code client_secret_basic}, as the Databricks SDK sends it. */
    Answer withBasic(String clientId, String secret, String scope) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", "client_credentials");
        if (scope != null) {
            fields.put("scope", scope);
        }
        return post(
                "/oidc/v1/token",
                Map.of("Authorization", basic(clientId, secret), "X-Forwarded-For", anAddress()),
                "application/x-www-form-urlencoded",
                form(fields));
    }

    /** {@code client_secret_post}. */
    Answer withPost(String clientId, String secret, String scope) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", "client_credentials");
        fields.put("client_id", clientId);
        fields.put("client_secret", secret);
        if (scope != null) {
            fields.put("scope", scope);
        }
        return post(
                "/oidc/v1/token",
                Map.of("X-Forwarded-For", anAddress()),
                "application/x-www-form-urlencoded",
                form(fields));
    }

    Answer post(String path, Map<String, String> headers, String contentType, String body) {
        return send("POST", path, headers, contentType, body);
    }

    Answer send(String method, String path, Map<String, String> headers, String contentType, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        headers.forEach(builder::header);
        try {
            return new Answer(http.send(builder.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
