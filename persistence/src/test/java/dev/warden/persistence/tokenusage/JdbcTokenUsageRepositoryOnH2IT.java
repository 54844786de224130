package dev.warden.persistence.tokenusage;

import dev.warden.persistence.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class JdbcTokenUsageRepositoryOnH2IT extends JdbcTokenUsageRepositoryContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry, "token_usage");
    }
}
