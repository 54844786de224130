package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.token.CreateTokenCommand;
import dev.warden.core.token.TokenService;
import dev.warden.core.workspace.WorkspaceRepository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Warden behind a real nginx that forwards as a TLS-terminating proxy would (the README's example block, with the
 * scheme fixed to https since the test has no certificate). Runs where nginx is installed (CI installs Debian's and
 * requires it); skipped elsewhere.
 */
@WardenE2ETest
class ReverseProxyIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    TokenService tokens;

    @Autowired
    PrincipalRepository principals;

    @Autowired
    WorkspaceRepository workspaces;

    private Nginx nginx;

    @BeforeEach
    void startNginx() {
        int proxy = Nginx.freePort();
        nginx = Nginx.start(dir -> server(proxy, port), proxy);
    }

    @AfterEach
    void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void throughTheProxyTheLoginPageGetsHstsAndASecureCookie() {
        HttpResponse<String> page = get(nginx.port(), "/login", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(sessionCookie(page)).contains("; Secure");
    }

    @Test
    void throughTheProxyTheApiGetsHstsAndRedirectsStayOnHttps() {
        HttpResponse<String> list = get(nginx.port(), "/api/2.0/token/list", adminToken());
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.headers().firstValue("Strict-Transport-Security")).isPresent();

        HttpResponse<String> redirect = get(nginx.port(), "/", null);
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).startsWith("https://"));
    }

    @Test
    void directlyTheSameRequestIsPlainHttp() {
        HttpResponse<String> page = get(port, "/login", null);

        assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(sessionCookie(page)).doesNotContain("Secure");
    }

    private String adminToken() {
        Actor admin = Actor.of(
                principals
                        .findByUserName(
                                workspaces.findByName("main").orElseThrow().id(), WardenE2ETest.ADMIN_USER)
                        .orElseThrow(),
                "127.0.0.1");
        return tokens.create(admin, new CreateTokenCommand("behind nginx", Duration.ofHours(1), List.of()))
                .secret()
                .reveal();
    }

    /** The README's reverse proxy block ("Behind a reverse proxy"), on loopback ports. */
    private static String server(int listen, int upstream) {
        return String.join(
                "\n",
                "  server {",
                "    listen 127.0.0.1:" + listen + ";",
                "    location / {",
                "      proxy_pass http://127.0.0.1:" + upstream + ";",
                "      proxy_set_header Host $http_host;",
                "      proxy_set_header X-Forwarded-For $remote_addr;",
                // behind `listen 443 ssl` this is $scheme; the test proxy has no certificate
                "      proxy_set_header X-Forwarded-Proto https;",
                "    }",
                "  }");
    }

    private static HttpResponse<String> get(int port, String path, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sessionCookie(HttpResponse<String> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie");
        return cookies.stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
    }
}
