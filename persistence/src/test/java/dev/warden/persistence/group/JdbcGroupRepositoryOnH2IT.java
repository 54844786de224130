package dev.warden.persistence.group;

import dev.warden.persistence.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class JdbcGroupRepositoryOnH2IT extends JdbcGroupRepositoryContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry, "groups");
    }
}
