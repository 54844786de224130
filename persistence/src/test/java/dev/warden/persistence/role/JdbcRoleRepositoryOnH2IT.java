package dev.warden.persistence.role;

import dev.warden.persistence.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class JdbcRoleRepositoryOnH2IT extends JdbcRoleRepositoryContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry, "roles");
    }
}
