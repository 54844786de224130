package dev.warden.persistence;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

@OnH2
class FlywayMigrationOnH2IT extends FlywayMigrationContract {
    private static final AtomicInteger UPGRADES = new AtomicInteger();

    @Override
    protected DriverManagerDataSource newEmptyDatabase() {
        return new DriverManagerDataSource(TestDatabases.h2Url("upgrade_" + UPGRADES.incrementAndGet()), "sa", "");
    }
}
