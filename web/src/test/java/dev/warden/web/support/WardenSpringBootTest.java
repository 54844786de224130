package dev.warden.web.support;

import dev.warden.WardenApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a random port over real HTTP, on its own in-memory H2 database, with a test clock
 * and a known bootstrap admin token. Every API test class uses this one configuration, so they share one
 * started application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        classes = WardenApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:warden-${random.uuid};MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
            "warden.data-dir=target/test-data",
            // the SDK logs a WARN with a stack trace for the (expected) 404 of OIDC discovery
            "logging.level.com.databricks.sdk=ERROR",
            "warden.bootstrap.admin-password=" + WardenSpringBootTest.ADMIN_PASSWORD,
            "warden.bootstrap.admin-token=" + WardenSpringBootTest.ADMIN_TOKEN,
            // every scrape of /actuator/prometheus counts the tokens afresh, so a test sees its own changes
            "warden.metrics.token-count-max-age=0s",
        })
@Import(TestClockConfiguration.class)
public @interface WardenSpringBootTest {
    String ADMIN_PASSWORD = "correct-horse-battery-staple";
    /** A well-formed token value (generated once for these tests); the bootstrap stores it for admin. */
    String ADMIN_TOKEN = "wdn_6hjLWrFsWJRbXDSquUamSMo8e9k3FRhKy3r0QuVqk7k2Tvjb2";
}
