package dev.warden.persistence.lifecycle;

import dev.warden.persistence.TestDatabases;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * H2 waits for a row lock only {@code LOCK_TIMEOUT} ms (2000 by default in H2 2.x) before it gives up with
 * "Timeout trying to lock table"; under these 16-way parallel calls a waiter may queue behind several holders, so
 * this database allows ten seconds, as MariaDB's much longer {@code innodb_lock_wait_timeout} (50 s) effectively does.
 */
class TokenLifecycleConcurrencyOnH2IT extends TokenLifecycleConcurrencyContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestDatabases.h2Url("lifecycle_concurrency_" + UUID.randomUUID().toString().replace("-", ""))
                + ";LOCK_TIMEOUT=10000";
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }
}
