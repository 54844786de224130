package dev.warden.persistence.audit;

import dev.warden.persistence.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class JdbcAuditLogOnMariaDbIT extends JdbcAuditLogContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.mariaDb(registry, "audit");
    }
}
