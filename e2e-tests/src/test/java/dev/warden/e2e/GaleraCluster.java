package dev.warden.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A MariaDB Galera cluster from Debian's packages ({@code mariadb-server}'s {@code mariadbd}, {@code galera-4}'s
 * provider, state transfer by {@code rsync}) on loopback ports, each node with its own data directory under
 * {@code target/}. Where the packages are missing the test is skipped, except where {@code WARDEN_REQUIRE_GALERA} is
 * set (CI installs them and sets it), where it fails. {@link #close()} kills every node and what it started.
 * <p>
 * The servers run as the {@code mysql} user the package creates, also when the test runs as root: the joiner's
 * {@code rsync} daemon, started by a root server, would switch to {@code nobody} and could not write the data
 * directory.
 */
public final class GaleraCluster implements AutoCloseable {
    static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");
    static final Path RSYNC = Path.of("/usr/bin/rsync");
    static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    static final Path CLIENT = Path.of("/usr/bin/mariadb");

    /** Galera's failure detection, shortened from 5 s / 15 s so that a killed node is evicted within ~3 s. */
    private static final String FAILURE_DETECTION = "evs.keepalive_period=PT0.5S;evs.inactive_check_period=PT0.5S;"
            + "evs.suspect_timeout=PT2S;evs.inactive_timeout=PT3S;evs.install_timeout=PT3S";

    private final Path dir;
    private final List<Node> nodes = new ArrayList<>();
    /** Kills the nodes should the test JVM end without {@link #close()} (a build stopped half-way). */
    private final Thread onExit = new Thread(this::killAll, "galera-cluster-exit");

    private GaleraCluster(Path dir) {
        this.dir = dir;
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** One server: its ports, directory and (while it runs) process. */
    public static final class Node {
        final int index;
        final int port;
        final int galeraPort;
        final int sstPort;
        final int istPort;
        final Path dir;
        Process process;

        Node(int index, Path dir) {
            this.index = index;
            this.dir = dir;
            this.port = Nginx.freePort();
            this.galeraPort = Nginx.freePort();
            this.sstPort = Nginx.freePort();
            this.istPort = Nginx.freePort();
        }

        public int port() {
            return port;
        }

        public String name() {
            return "node" + index;
        }

        Path socket() {
            return dir.resolve("mysqld.sock");
        }
    }

    /** Skips the test (or fails it, under {@code WARDEN_REQUIRE_GALERA}) unless Debian's packages are installed. */
    public static void assumeInstalled() {
        List<String> missing = Stream.of(MARIADBD, PROVIDER, RSYNC, INSTALL_DB, CLIENT)
                .filter(path -> !Files.exists(path))
                .map(Path::toString)
                .toList();
        if (!missing.isEmpty() && System.getenv("WARDEN_REQUIRE_GALERA") != null) {
            throw new IllegalStateException("A Galera cluster is required here (WARDEN_REQUIRE_GALERA) but " + missing
                    + " are missing: apt-get install mariadb-server galera-4 rsync");
        }
        assumeTrue(
                missing.isEmpty(),
                "Galera test skipped: " + missing + " missing (apt-get install mariadb-server galera-4 rsync)");
    }

    /**
     * Starts {@code size} nodes: the first bootstraps the cluster ({@code --wsrep-new-cluster}), gets the database
     * and its user, then the others join by state transfer. Returns once every node is Synced in a cluster of
     * {@code size}.
     */
    public static GaleraCluster start(int size, String database, String user, String password) {
        assumeInstalled();
        Path dir = Path.of("target", "galera-" + System.nanoTime()).toAbsolutePath();
        GaleraCluster cluster = new GaleraCluster(dir);
        try {
            Files.createDirectories(dir);
            for (int i = 1; i <= size; i++) {
                cluster.nodes.add(new Node(i, dir.resolve("n" + i)));
            }
            List<Process> installs = new ArrayList<>();
            for (Node node : cluster.nodes) {
                installs.add(cluster.install(node));
            }
            for (int i = 0; i < installs.size(); i++) {
                Node node = cluster.nodes.get(i);
                if (!installs.get(i).waitFor(60, TimeUnit.SECONDS)
                        || installs.get(i).exitValue() != 0) {
                    throw new IllegalStateException("mariadb-install-db failed for " + node.name() + ": "
                            + Files.readString(node.dir.resolve("install.log")));
                }
            }
            Node first = cluster.nodes.get(0);
            cluster.launch(first, true);
            cluster.awaitSynced(first, 1, Duration.ofSeconds(60));
            cluster.sql(
                    first,
                    "CREATE DATABASE " + database + ";"
                            + "CREATE USER '" + user + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';"
                            + "GRANT ALL ON " + database + ".* TO '" + user + "'@'127.0.0.1';");
            for (Node node : cluster.nodes.subList(1, size)) {
                cluster.launch(node, false);
            }
            for (Node node : cluster.nodes) {
                cluster.awaitSynced(node, size, Duration.ofSeconds(90));
            }
            return cluster;
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            cluster.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The cluster's directory under {@code target/}: a directory per node, with its logs. */
    public Path dir() {
        return dir;
    }

    public Node node(int index) {
        return nodes.get(index - 1);
    }

    public int size() {
        return nodes.size();
    }

    /**
     * MariaDB Connector/J's {@code sequential} mode over every node: each connection goes to the first node that
     * answers, in this order, so all Warden nodes write to the same Galera node (no certification conflicts between
     * them) until it fails.
     */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb:sequential://"
                + nodes.stream().map(node -> "127.0.0.1:" + node.port).collect(Collectors.joining(",")) + "/"
                + database;
    }

    /** Kills the node's server at once (SIGKILL), as a crash or a pulled plug would. */
    public void kill(Node node) throws InterruptedException {
        killTree(node.process);
        node.process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts a (killed) node again; it rejoins the cluster by IST or SST. */
    public void restart(Node node) {
        launch(node, false);
    }

    /** Waits until the node is Synced in a primary component of {@code clusterSize} nodes. */
    public void awaitSynced(Node node, int clusterSize, Duration limit) throws InterruptedException {
        long giveUp = System.nanoTime() + limit.toNanos();
        Map<String, String> status = Map.of();
        while (System.nanoTime() < giveUp) {
            if (!node.process.isAlive()) {
                throw new IllegalStateException(node.name() + " exited: " + tail(node.dir.resolve("error.log")));
            }
            status = status(node);
            if ("Synced".equals(status.get("wsrep_local_state_comment"))
                    && String.valueOf(clusterSize).equals(status.get("wsrep_cluster_size"))
                    && "Primary".equals(status.get("wsrep_cluster_status"))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(node.name() + " not Synced in a cluster of " + clusterSize + " within " + limit
                + ": " + status + " " + tail(node.dir.resolve("error.log")));
    }

    /** The node's {@code wsrep_%} status variables (empty while it does not answer). */
    public Map<String, String> status(Node node) {
        Map<String, String> status = new HashMap<>();
        String out = query(node, "SHOW GLOBAL STATUS LIKE 'wsrep_%'", false);
        for (String line : out.split("\n")) {
            String[] cells = line.split("\t", 2);
            if (cells.length == 2) {
                status.put(cells[0], cells[1]);
            }
        }
        return status;
    }

    /** Runs statements on the node as root over its socket; fails on an error. */
    public String sql(Node node, String statements) {
        return query(node, statements, true);
    }

    private String query(Node node, String statements, boolean failOnError) {
        try {
            Process client = new ProcessBuilder(
                            CLIENT.toString(),
                            "--no-defaults",
                            "--socket=" + node.socket(),
                            "--user=root",
                            "--batch",
                            "--skip-column-names",
                            "--connect-timeout=2",
                            "--execute=" + statements)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!client.waitFor(10, TimeUnit.SECONDS)) {
                killTree(client);
                if (failOnError) {
                    throw new IllegalStateException(node.name() + ": no answer to " + statements);
                }
                return "";
            }
            if (client.exitValue() != 0) {
                if (failOnError) {
                    throw new IllegalStateException(node.name() + ": " + out);
                }
                return "";
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process install(Node node) throws IOException, InterruptedException {
        Files.createDirectories(node.dir.resolve("data"));
        Files.createDirectories(node.dir.resolve("tmp"));
        Files.writeString(node.dir.resolve("my.cnf"), config(node));
        chownToMysql(node.dir);
        return new ProcessBuilder(
                        INSTALL_DB.toString(),
                        "--defaults-file=" + node.dir.resolve("my.cnf"),
                        "--auth-root-authentication-method=normal",
                        "--skip-test-db")
                .redirectErrorStream(true)
                .redirectOutput(node.dir.resolve("install.log").toFile())
                .start();
    }

    private String config(Node node) {
        String peers =
                nodes.stream().map(peer -> "127.0.0.1:" + peer.galeraPort).collect(Collectors.joining(","));
        return String.join(
                "\n",
                "[mysqld]",
                "user=mysql",
                "datadir=" + node.dir.resolve("data"),
                "tmpdir=" + node.dir.resolve("tmp"),
                "socket=" + node.socket(),
                "pid-file=" + node.dir.resolve("mysqld.pid"),
                "log-error=" + node.dir.resolve("error.log"),
                "port=" + node.port,
                "bind-address=127.0.0.1",
                "skip-name-resolve",
                "character-set-server=utf8mb4",
                "collation-server=utf8mb4_bin",
                // what Galera requires
                "binlog_format=ROW",
                "default_storage_engine=InnoDB",
                "innodb_autoinc_lock_mode=2",
                // small, for a test on a shared machine; durability comes from the other nodes
                "innodb_buffer_pool_size=64M",
                "innodb_log_file_size=16M",
                "innodb_flush_log_at_trx_commit=2",
                "performance_schema=OFF",
                "wsrep_on=ON",
                "wsrep_provider=" + PROVIDER,
                "wsrep_cluster_name=warden-test",
                "wsrep_cluster_address=gcomm://" + peers,
                "wsrep_node_name=" + node.name(),
                "wsrep_node_address=127.0.0.1:" + node.galeraPort,
                "wsrep_sst_method=rsync",
                "wsrep_sst_receive_address=127.0.0.1:" + node.sstPort,
                "wsrep_provider_options=\"gmcast.listen_addr=tcp://127.0.0.1:" + node.galeraPort
                        + ";ist.recv_addr=127.0.0.1:" + node.istPort + ";gcache.size=32M;" + FAILURE_DETECTION + "\"",
                "");
    }

    private void launch(Node node, boolean bootstrap) {
        List<String> command =
                new ArrayList<>(List.of(MARIADBD.toString(), "--defaults-file=" + node.dir.resolve("my.cnf")));
        if (bootstrap) {
            command.add("--wsrep-new-cluster");
        }
        try {
            node.process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            node.dir.resolve("mariadbd.out").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chownToMysql(Path dir) throws IOException, InterruptedException {
        // only root can hand the directory over; a non-root run keeps it (mariadbd then runs as that user)
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        Process chown = new ProcessBuilder("chown", "-R", "mysql:mysql", dir.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(chown.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (chown.waitFor() != 0) {
            throw new IllegalStateException("chown mysql " + dir + ": " + out);
        }
    }

    private static void killTree(Process process) {
        if (process == null) {
            return;
        }
        // the state transfer's rsync daemon and scripts are the server's children
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    static String tail(Path log) {
        try {
            if (!Files.exists(log)) {
                return "(no " + log + ")";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    /** Kills every node (and its state-transfer helpers), then deletes the data directories; the logs stay. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting; the hook runs anyway
        }
        killAll();
        for (Node node : nodes) {
            if (node.process != null) {
                try {
                    node.process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            deleteTree(node.dir.resolve("data"));
            deleteTree(node.dir.resolve("tmp"));
        }
    }

    private void killAll() {
        for (Node node : nodes) {
            killTree(node.process);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // leftovers under target/ only; mvn clean removes them
        }
    }
}
