package dev.warden.persistence.role;

import dev.warden.persistence.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class JdbcRoleAssignmentRepositoryOnMariaDbIT extends JdbcRoleAssignmentRepositoryContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.mariaDb(registry, "role_assignments");
    }
}
