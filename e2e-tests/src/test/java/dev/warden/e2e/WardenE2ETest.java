package dev.warden.e2e;

import dev.warden.WardenApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application inside the test JVM on a random port, on its own in-memory H2 database (MySQL mode, the
 * real Flyway migrations), with a known admin password. Every journey class uses exactly this configuration, so they
 * share one started application; each journey works on tokens with its own unique names.
 * Address it through {@link LocalApp#baseUrl(int)}.
 * <p>
 * The last-use flush tick is shortened from 1 s so "Last used" shows up quickly after an API call; the write
 * interval per token (60 s) is left as in production.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        classes = WardenApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:e2e-${random.uuid};MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
            "warden.data-dir=target/e2e-data",
            "warden.bootstrap.admin-password=" + WardenE2ETest.ADMIN_PASSWORD,
            "warden.tokens.last-use-flush-tick=200ms",
        })
public @interface WardenE2ETest {
    String ADMIN_USER = "admin";
    String ADMIN_PASSWORD = "e2e-admin-password-7Qx";
}
