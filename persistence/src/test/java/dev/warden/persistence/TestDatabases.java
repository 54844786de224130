package dev.warden.persistence;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a test's {@code spring.datasource.*} at a fresh database of one kind; one database per test class. */
public final class TestDatabases {
    private static final AtomicInteger H2_DATABASES = new AtomicInteger();

    private TestDatabases() {
    }

    /** A fresh database on the embedded MariaDB 11.4, or on the external server the environment names. */
    public static void mariaDb(DynamicPropertyRegistry registry, String name) {
        EmbeddedMariaDb.registerNewDatabase(registry, name);
    }

    /** A fresh in-memory H2 in MySQL mode, as the embedded default runs it. */
    public static void h2(DynamicPropertyRegistry registry, String name) {
        String url = h2Url(name + "_" + H2_DATABASES.incrementAndGet());
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }

    public static String h2Url(String database) {
        return "jdbc:h2:mem:" + database
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    }
}
