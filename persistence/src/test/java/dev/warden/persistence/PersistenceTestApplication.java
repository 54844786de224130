package dev.warden.persistence;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The configuration {@code @JdbcTest} ({@link JdbcAdapterTest}) finds by searching upwards from the test's package: auto-configuration
 * plus the persistence module's adapters. Kept out of the test-jar (see pom.xml), because the web module's
 * {@code PersistenceConfiguration} scan would otherwise pick it up from there.
 */
@SpringBootApplication
@Import(PersistenceConfiguration.class)
class PersistenceTestApplication {}
