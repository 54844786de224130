package dev.warden.web.security;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.audit.AuditLog;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.web.support.RunningWarden;
import dev.warden.web.support.WardenSpringBootTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Behind a TLS-terminating proxy on a trusted address (loopback by default), {@code X-Forwarded-Proto: https}
 * makes the request secure: the session cookie is {@code Secure} and HSTS is sent; {@code X-Forwarded-For} is the
 * client address Warden records. Over plain HTTP, or from an address that is not a trusted proxy, none of that. Every answer, console and API, carries {@code Referrer-Policy}.
 */
@WardenSpringBootTest
class ForwardedHeadersIT {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @Autowired
    AuditLog audit;

    @Autowired
    WorkspaceRepository workspaces;

    @Nested
    class FromATrustedProxy {

        @Test
        void anHttpsForwardedLoginPageGetsHstsAndASecureSessionCookie() {
            HttpResponse<String> page = get(port, "/login", "X-Forwarded-Proto", "https");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Strict-Transport-Security"))
                    .hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age=31536000"));
            assertThat(sessionCookie(page)).contains("; Secure").contains("HttpOnly");
        }

        @Test
        void anHttpsForwardedRedirectStaysOnHttps() {
            HttpResponse<String> redirect = get(port, "/", "X-Forwarded-Proto", "https");

            assertThat(redirect.statusCode()).isEqualTo(302);
            assertThat(redirect.headers().firstValue("Location"))
                    .hasValueSatisfying(location -> assertThat(location).startsWith("https://"));
        }

        @Test
        void anHttpsForwardedApiAnswerGetsHsts() {
            HttpResponse<String> list = get(
                    port,
                    "/api/2.0/token/list",
                    "X-Forwarded-Proto",
                    "https",
                    "Authorization",
                    "Bearer " + ADMIN_TOKEN);

            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.headers().firstValue("Strict-Transport-Security")).isPresent();
        }

        @Test
        void theForwardedClientAddressIsTheOneWardenAudits() {
            HttpResponse<String> created = createToken(port, ADMIN_TOKEN, "X-Forwarded-For", "203.0.113.7");

            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            assertThat(latestAuditedAddress(audit, workspaces)).isEqualTo("203.0.113.7");
        }
    }

    @Nested
    class OverPlainHttp {

        @Test
        void theLoginPageGetsNoHstsAndAPlainSessionCookie() {
            HttpResponse<String> page = get(port, "/login");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
            assertThat(sessionCookie(page)).doesNotContain("Secure").contains("HttpOnly");
        }

        @Test
        void aForwardedHttpRequestIsNotSecureEither() {
            HttpResponse<String> page = get(port, "/login", "X-Forwarded-Proto", "http");

            assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
            assertThat(sessionCookie(page)).doesNotContain("Secure");
        }
    }

    @Nested
    class ReferrerPolicy {

        @Test
        void consolePagesSendSameOrigin() {
            assertThat(get(port, "/login").headers().firstValue("Referrer-Policy"))
                    .contains("same-origin");
            assertThat(get(port, "/").headers().firstValue("Referrer-Policy")).contains("same-origin");
        }

        @Test
        void apiAnswersSendSameOriginToo() {
            assertThat(get(port, "/api/2.0/token/list", "Authorization", "Bearer " + ADMIN_TOKEN)
                            .headers()
                            .firstValue("Referrer-Policy"))
                    .contains("same-origin");
            HttpResponse<String> refused = get(port, "/api/2.0/token/list");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("Referrer-Policy")).contains("same-origin");
        }
    }

    /** A Warden whose trusted proxies ({@code WARDEN_TRUSTED_PROXIES}) leave out loopback ignores what we forward. */
    @Test
    void anUntrustedAddressCannotClaimHttpsNorAnotherClientAddress() {
        try (RunningWarden warden = RunningWarden.start(
                RunningWarden.newDataDir("untrusted-proxy"),
                "WARDEN_TRUSTED_PROXIES=192.0.2.0/24",
                "warden.bootstrap.admin-token=" + ADMIN_TOKEN)) {
            HttpResponse<String> page = get(warden.port(), "/login", "X-Forwarded-Proto", "https");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
            assertThat(sessionCookie(page)).doesNotContain("Secure");

            HttpResponse<String> created = createToken(warden.port(), ADMIN_TOKEN, "X-Forwarded-For", "203.0.113.7");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            assertThat(latestAuditedAddress(warden.bean(AuditLog.class), warden.bean(WorkspaceRepository.class)))
                    .isEqualTo("127.0.0.1");
        }
    }

    private static HttpResponse<String> createToken(int port, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/2.0/token/create"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .headers(headers)
                .POST(HttpRequest.BodyPublishers.ofString("{\"comment\":\"forwarded\",\"lifetime_seconds\":600}"));
        return send(request);
    }

    private static String latestAuditedAddress(AuditLog audit, WorkspaceRepository workspaces) {
        return audit.recent(workspaces.findByName("main").orElseThrow().id(), 1)
                .get(0)
                .clientAddress();
    }

    static HttpResponse<String> get(int port, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sessionCookie(HttpResponse<String> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie");
        return cookies.stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
    }
}
