package dev.warden.persistence.workspace;

import dev.warden.persistence.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class JdbcWorkspaceRepositoryOnMariaDbIT extends JdbcWorkspaceRepositoryContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.mariaDb(registry, "workspaces");
    }
}
