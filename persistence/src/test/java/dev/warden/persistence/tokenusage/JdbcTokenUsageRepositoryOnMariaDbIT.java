package dev.warden.persistence.tokenusage;

import dev.warden.persistence.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class JdbcTokenUsageRepositoryOnMariaDbIT extends JdbcTokenUsageRepositoryContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.mariaDb(registry, "token_usage");
    }
}
