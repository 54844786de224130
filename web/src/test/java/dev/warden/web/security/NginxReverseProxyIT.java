package dev.warden.web.security;

import static dev.warden.web.support.WardenSpringBootTest.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.warden.web.support.WardenSpringBootTest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Warden behind a real nginx that forwards as a TLS-terminating proxy would (the README's example block, with the
 * scheme fixed to https since the test has no certificate). Runs where nginx is installed (CI installs Debian's);
 * skipped elsewhere.
 */
@WardenSpringBootTest
class NginxReverseProxyIT {
    private Process nginx;
    private int proxyPort;

    @LocalServerPort
    int port;

    @BeforeEach
    void startNginx() throws IOException, InterruptedException {
        Path binary = Stream.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        // CI installs nginx and sets WARDEN_REQUIRE_NGINX, so there a missing nginx fails instead of skipping.
        if (binary == null && System.getenv("WARDEN_REQUIRE_NGINX") != null) {
            throw new IllegalStateException("nginx is required here (WARDEN_REQUIRE_NGINX) but not installed");
        }
        assumeTrue(binary != null, "nginx is not installed");
        Path dir = Files.createDirectories(
                Path.of("target", "nginx-" + System.nanoTime()).toAbsolutePath());
        proxyPort = freePort();
        Files.writeString(dir.resolve("nginx.conf"), config(dir, proxyPort, port));
        nginx = new ProcessBuilder(
                        binary.toString(),
                        "-p",
                        dir.toString(),
                        "-c",
                        dir.resolve("nginx.conf").toString(),
                        "-e",
                        dir.resolve("error.log").toString(),
                        "-g",
                        "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        awaitListening(proxyPort, dir);
    }

    @AfterEach
    void stopNginx() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor();
        }
    }

    @Test
    void throughTheProxyTheLoginPageGetsHstsAndASecureCookie() {
        HttpResponse<String> page = ForwardedHeadersIT.get(proxyPort, "/login");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(ForwardedHeadersIT.sessionCookie(page)).contains("; Secure");
    }

    @Test
    void throughTheProxyTheApiGetsHstsAndRedirectsStayOnHttps() {
        HttpResponse<String> list =
                ForwardedHeadersIT.get(proxyPort, "/api/2.0/token/list", "Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Strict-Transport-Security")).isPresent();

        HttpResponse<String> redirect = ForwardedHeadersIT.get(proxyPort, "/");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).startsWith("https://"));
    }

    @Test
    void directlyTheSameRequestIsPlainHttp() {
        HttpResponse<String> page = ForwardedHeadersIT.get(port, "/login");

        assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(ForwardedHeadersIT.sessionCookie(page)).doesNotContain("Secure");
    }

    private static String config(Path dir, int listen, int upstream) {
        return String.join(
                "\n",
                List.of(
                        "worker_processes 1;",
                        "pid " + dir.resolve("nginx.pid") + ";",
                        "error_log " + dir.resolve("error.log") + ";",
                        "events { worker_connections 64; }",
                        "http {",
                        "  access_log off;",
                        "  client_body_temp_path " + dir.resolve("client_body") + ";",
                        "  proxy_temp_path " + dir.resolve("proxy") + ";",
                        "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
                        "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
                        "  scgi_temp_path " + dir.resolve("scgi") + ";",
                        "  server {",
                        "    listen 127.0.0.1:" + listen + ";",
                        "    location / {",
                        "      proxy_pass http://127.0.0.1:" + upstream + ";",
                        "      proxy_set_header Host $http_host;",
                        "      proxy_set_header X-Forwarded-For $remote_addr;",
                        // behind `listen 443 ssl` this is $scheme; the test proxy has no certificate
                        "      proxy_set_header X-Forwarded-Proto https;",
                        "    }",
                        "  }",
                        "}",
                        ""));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits until nginx accepts connections; fails with its error log if it exits first (or hangs for 30 s). */
    private void awaitListening(int port, Path dir) throws IOException, InterruptedException {
        long giveUp = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (ConnectException notYet) {
                if (!nginx.isAlive() || System.nanoTime() > giveUp) {
                    throw new IllegalStateException(
                            "nginx did not start: " + Files.readString(dir.resolve("nginx.out")) + " "
                                    + (Files.exists(dir.resolve("error.log"))
                                            ? Files.readString(dir.resolve("error.log"))
                                            : ""));
                }
                Thread.sleep(50);
            }
        }
    }
}
