package dev.warden.persistence;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class JdbcTransactionRunnerOnMariaDbIT extends JdbcTransactionRunnerContract {
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.mariaDb(registry, "transactions");
    }
}
