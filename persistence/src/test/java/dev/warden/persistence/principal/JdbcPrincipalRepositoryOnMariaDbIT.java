package dev.warden.persistence.principal;

import dev.warden.persistence.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class JdbcPrincipalRepositoryOnMariaDbIT extends JdbcPrincipalRepositoryContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.mariaDb(registry, "principals");
    }
}
