package dev.warden.persistence.lifecycle;

import dev.warden.persistence.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class TokenLifecycleConcurrencyOnMariaDbIT extends TokenLifecycleConcurrencyContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.mariaDb(registry, "lifecycle_concurrency");
    }
}
