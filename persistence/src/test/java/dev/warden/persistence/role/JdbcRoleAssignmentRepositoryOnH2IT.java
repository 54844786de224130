package dev.warden.persistence.role;

import dev.warden.persistence.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class JdbcRoleAssignmentRepositoryOnH2IT extends JdbcRoleAssignmentRepositoryContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry, "role_assignments");
    }
}
