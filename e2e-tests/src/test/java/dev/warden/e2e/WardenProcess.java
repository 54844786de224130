package dev.warden.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Warden as production runs it: {@code java -jar} on the web module's executable jar (built by the reactor before
 * this module's tests), configured through the environment. {@link #close()} stops it (SIGTERM, then SIGKILL).
 */
public final class WardenProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    /** Stops the process should the test JVM end without {@link #close()}. */
    private final Thread onExit;

    private WardenProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.onExit = new Thread(process::destroyForcibly, "warden-process-exit");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** Starts the jar on a free port with these environment variables and waits until it is ready. */
    public static WardenProcess start(String name, Path dir, Map<String, String> environment) {
        int port = Nginx.freePort();
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                executableJar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("WARDEN_DATA_DIR", dir.resolve(name + "-data").toString());
        try {
            WardenProcess warden = new WardenProcess(builder.start(), port, log);
            try {
                warden.awaitReady(Duration.ofSeconds(120));
            } catch (RuntimeException e) {
                warden.close();
                throw e;
            }
            return warden;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code web/target/warden-web-<version>-exec.jar}, next to this module. */
    static Path executableJar() {
        Path target = Path.of("..", "web", "target").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(path -> path.getFileName().toString().matches("warden-web-.*-exec\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no warden-web-*-exec.jar in " + target
                            + ": build through the reactor (./mvnw verify -pl e2e-tests -am)"));
        } catch (IOException e) {
            throw new UncheckedIOException("no " + target + ": build through the reactor", e);
        }
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return LocalApp.baseUrl(port);
    }

    private void awaitReady(Duration limit) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long giveUp = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < giveUp) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Warden exited: " + GaleraCluster.tail(log));
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Warden not ready within " + limit + ": " + GaleraCluster.tail(log));
    }

    /** The last lines of its log, for a failure message. */
    public String logTail() {
        return GaleraCluster.tail(log);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting; the hook runs anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
