package dev.warden.persistence;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class FlywayMigrationOnH2IT extends FlywayMigrationContract {
    private static final AtomicInteger UPGRADES = new AtomicInteger();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry, "migration");
    }

    @Override
    protected DriverManagerDataSource newEmptyDatabase() {
        return new DriverManagerDataSource(TestDatabases.h2Url("upgrade_" + UPGRADES.incrementAndGet()), "sa", "");
    }
}
