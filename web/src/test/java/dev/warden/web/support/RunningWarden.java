package dev.warden.web.support;

import dev.warden.WardenApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Starts and stops a whole Warden in the test JVM, on a file database of its own, for tests about start-up
 * and shutdown that a shared test context cannot show.
 */
public final class RunningWarden implements AutoCloseable {
    private final ConfigurableApplicationContext context;

    private RunningWarden(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** A fresh data directory under target/. */
    public static Path newDataDir(String name) {
        return Path.of("target", name + "-" + UUID.randomUUID()).toAbsolutePath();
    }

    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("warden")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;LOCK_TIMEOUT=10000";
    }

    public static RunningWarden start(Path dataDir, String... properties) {
        return run(Map.of("server.port", "0", "spring.datasource.url", h2Url(dataDir)), properties);
    }

    /**
     * As {@link #start}, with the test clock of {@link TestClockConfiguration} ({@code bean(MutableClock.class)}), for
     * tests that move Warden's time forward while a client outside keeps the real one.
     */
    public static RunningWarden startWithTestClock(Path dataDir, String... properties) {
        return run(
                List.of(WardenApplication.class, TestClockConfiguration.class),
                Map.of("server.port", "0", "spring.datasource.url", h2Url(dataDir)),
                properties);
    }

    /**
     * As {@link #start}, on the database at {@code jdbcUrl} (a MariaDB the test controls, for example);
     * {@code properties} may also set {@code server.port}.
     */
    public static RunningWarden startOn(String jdbcUrl, String user, String password, String... properties) {
        return run(
                Map.of(
                        "server.port", "0",
                        "spring.datasource.url", jdbcUrl,
                        "spring.datasource.username", user,
                        "spring.datasource.password", password),
                properties);
    }

    /** {@code properties} ({@code key=value}) replace the defaults of the same key. */
    private static RunningWarden run(Map<String, String> defaults, String... properties) {
        return run(List.of(WardenApplication.class), defaults, properties);
    }

    private static RunningWarden run(List<Class<?>> sources, Map<String, String> defaults, String... properties) {
        Map<String, String> settings = new LinkedHashMap<>(defaults);
        for (String property : properties) {
            int equals = property.indexOf('=');
            settings.put(property.substring(0, equals), property.substring(equals + 1));
        }
        List<String> args = new ArrayList<>();
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new RunningWarden(new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
                .listeners(new LoggingSetUpOneAtATime.Enter(), new LoggingSetUpOneAtATime.Leave())
                .run(args.toArray(String[]::new)));
    }

    /**
     * Boot sets up Logback anew for each application, and two set-ups at once in one JVM break each other (a
     * half-configured pattern fails the start). Nodes started together (MultiNodeIT) take turns for that step only;
     * everything after it, the database work of the first start included, still runs at the same time.
     */
    private static final class LoggingSetUpOneAtATime {
        private static final ReentrantLock LOCK = new ReentrantLock();

        /** Just before Boot's {@code LoggingApplicationListener} (order HIGHEST_PRECEDENCE + 20). */
        static final class Enter implements ApplicationListener<ApplicationEvent>, Ordered {
            @Override
            public void onApplicationEvent(ApplicationEvent event) {
                if (event instanceof ApplicationStartingEvent) {
                    LOCK.lock();
                }
            }

            @Override
            public int getOrder() {
                return Ordered.HIGHEST_PRECEDENCE + 19;
            }
        }

        /** Just after it, once it has set up logging for the environment (or the start failed before that). */
        static final class Leave implements ApplicationListener<ApplicationEvent>, Ordered {
            @Override
            public void onApplicationEvent(ApplicationEvent event) {
                if ((event instanceof ApplicationEnvironmentPreparedEvent || event instanceof ApplicationFailedEvent)
                        && LOCK.isHeldByCurrentThread()) {
                    LOCK.unlock();
                }
            }

            @Override
            public int getOrder() {
                return Ordered.HIGHEST_PRECEDENCE + 21;
            }
        }
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public ApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
