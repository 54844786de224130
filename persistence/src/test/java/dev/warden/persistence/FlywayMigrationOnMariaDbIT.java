package dev.warden.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

@OnMariaDb
class FlywayMigrationOnMariaDbIT extends FlywayMigrationContract {
    @Override
    protected DriverManagerDataSource newEmptyDatabase() {
        return new DriverManagerDataSource(
                EmbeddedMariaDb.newDatabase("upgrade"), EmbeddedMariaDb.username(), EmbeddedMariaDb.password());
    }

    /** Without an explicit COLLATE, MariaDB would pick utf8mb4_general_ci (case- and accent-insensitive). */
    @Test
    void everyTableIsInnoDbWithABinaryCollation() {
        List<String> tables = jdbc.sql("""
                        SELECT LOWER(table_name) FROM information_schema.tables
                         WHERE table_schema = DATABASE() AND engine = 'InnoDB' AND table_collation = 'utf8mb4_bin'""").query(String.class).list();

        assertThat(tables).containsAll(TABLES);
    }

    /** Fractional seconds survive only when the server does not pose as MySQL 5.5 (MariaDB 10.x does). */
    @Test
    void theServerIsNotAMariaDb10PosingAsMySql55() {
        String version = jdbc.sql("SELECT VERSION()").query(String.class).single();

        assertThat(version).doesNotStartWith("5.5.5-");
    }
}
