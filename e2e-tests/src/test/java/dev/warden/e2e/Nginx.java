package dev.warden.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Debian's nginx on loopback, with a configuration of the test's own, in a directory under {@code target/}. Where
 * nginx is missing the test is skipped, except where {@code WARDEN_REQUIRE_NGINX} is set (CI installs nginx and sets
 * it), where it fails. Stop it with {@link #close()}.
 */
public final class Nginx implements AutoCloseable {
    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The {@code http {}} block's content: server blocks; {@code dir} is the run directory. */
    public interface Servers {
        String of(Path dir);
    }

    /** Starts nginx with these servers and waits until {@code awaitPort} accepts connections. */
    public static Nginx start(Servers servers, int awaitPort) {
        Path binary = Stream.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        if (binary == null && System.getenv("WARDEN_REQUIRE_NGINX") != null) {
            throw new IllegalStateException("nginx is required here (WARDEN_REQUIRE_NGINX) but not installed");
        }
        assumeTrue(binary != null, "nginx is not installed");
        try {
            Path dir = Files.createDirectories(
                    Path.of("target", "nginx-" + System.nanoTime()).toAbsolutePath());
            String config = String.join(
                    "\n",
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
                    servers.of(dir),
                    "}",
                    "");
            Files.writeString(dir.resolve("nginx.conf"), config);
            Process process = new ProcessBuilder(
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
            awaitListening(process, awaitPort, dir);
            return new Nginx(process, awaitPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until nginx accepts connections; fails with its error log if it exits first (or hangs for 30 s). */
    private static void awaitListening(Process process, int port, Path dir) throws IOException, InterruptedException {
        long giveUp = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (ConnectException notYet) {
                if (!process.isAlive() || System.nanoTime() > giveUp) {
                    process.destroy();
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

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
