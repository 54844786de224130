package dev.warden.web.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-less console session over real HTTP: cookies, the CSRF token from the page, form posts. */
public final class ConsoleSession {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final CookieManager cookies;
    private final HttpClient http;
    private final String baseUrl;

    public ConsoleSession(int port) {
        this(port, new CookieManager());
    }

    /**
     * A session whose cookies live in {@code cookies}: two sessions to two nodes (other ports of 127.0.0.1) that share
     * them are one browser behind a load balancer.
     */
    public ConsoleSession(int port, CookieManager cookies) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.cookies = cookies;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A copy of this session's cookies, for another client that presents the same session. */
    public CookieManager copyOfCookies() {
        CookieManager copy = new CookieManager();
        URI uri = URI.create(baseUrl);
        cookies.getCookieStore()
                .getCookies()
                .forEach(cookie -> copy.getCookieStore().add(uri, cookie));
        return copy;
    }

    /** @return the Location the login form redirects to ("/" on success, "/login?error" on failure) */
    public String logIn(String userName, String password) {
        String csrf = csrfFrom(get("/login").body());
        HttpResponse<String> response =
                postForm("/login", Map.of("username", userName, "password", password, "_csrf", csrf), false);
        return URI.create(response.headers().firstValue("Location").orElse("")).getPath()
                + (response.headers().firstValue("Location").orElse("").contains("?error") ? "?error" : "");
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
    }

    /** Posts a console form with the page's CSRF token, as htmx would (HX-Request) or as a plain form. */
    public HttpResponse<String> postForm(String path, Map<String, String> fields, boolean htmx) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.computeIfAbsent("_csrf", k -> csrfFrom(get("/settings/user/tokens").body()));
        String body = all.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (htmx) {
            request.header("HX-Request", "true");
        }
        return send(request.build());
    }

    /**
     * Posts a console form whose fields may repeat (ticked checkboxes share a name), in the order given, with the
     * page's CSRF token.
     */
    public HttpResponse<String> postForm(String path, List<Map.Entry<String, String>> fields, boolean htmx) {
        List<Map.Entry<String, String>> all = new ArrayList<>(fields);
        if (fields.stream().noneMatch(e -> e.getKey().equals("_csrf"))) {
            all.add(Map.entry("_csrf", csrfFrom(get("/settings/user/tokens").body())));
        }
        String body = all.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (htmx) {
            request.header("HX-Request", "true");
        }
        return send(request.build());
    }

    /** A bodiless htmx request (e.g. DELETE) carrying the CSRF token in its header, as the console's htmx does. */
    public HttpResponse<String> htmx(String method, String path) {
        String csrf = csrfFrom(get("/settings/user/tokens").body());
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("HX-Request", "true")
                .header("X-CSRF-TOKEN", csrf)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** As {@link #htmx(String, String)}, with more headers as name, value pairs (say, the {@code HX-Target}). */
    public HttpResponse<String> htmx(String method, String path, String... headers) {
        String csrf = csrfFrom(get("/settings/user/tokens").body());
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("HX-Request", "true")
                .header("X-CSRF-TOKEN", csrf)
                .headers(headers)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    public HttpResponse<String> getHtmx(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("HX-Request", "true")
                .GET()
                .build());
    }

    public static String csrfFrom(String html) {
        Matcher matcher = CSRF.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF token in page");
        }
        return matcher.group(1);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
