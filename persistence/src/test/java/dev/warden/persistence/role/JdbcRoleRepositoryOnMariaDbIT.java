package dev.warden.persistence.role;

import dev.warden.persistence.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class JdbcRoleRepositoryOnMariaDbIT extends JdbcRoleRepositoryContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.mariaDb(registry, "roles");
    }
}
