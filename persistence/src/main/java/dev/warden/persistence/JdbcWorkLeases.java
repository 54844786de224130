package dev.warden.persistence;

import dev.warden.core.shared.WorkLeases;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Leases in table {@code work_lease}, one row per piece of work. Taking or renewing is one conditional UPDATE, which
 * the database runs atomically, so of two nodes asking at the same moment exactly one gets the row; the first lease of
 * a piece of work is an INSERT, and a node that loses that race sees the duplicate key. Meant to be called outside a
 * transaction (each statement commits on its own).
 */
@Repository
class JdbcWorkLeases implements WorkLeases {
    private static final String TAKE = """
            UPDATE work_lease SET owner = :node, lease_until = :until
             WHERE name = :work AND (owner = :node OR lease_until <= :now)""";

    private final JdbcClient jdbc;

    JdbcWorkLeases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean tryHold(String work, String node, Instant now, Duration length) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        Instant until = at.plus(length).truncatedTo(ChronoUnit.MICROS);
        int taken = jdbc.sql(TAKE)
                .param("node", node)
                .param("until", Times.toDatabase(until))
                .param("work", work)
                .param("now", Times.toDatabase(at))
                .update();
        if (taken == 1) {
            return true;
        }
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM work_lease WHERE name = :work")
                        .param("work", work)
                        .query(Integer.class)
                        .single()
                > 0;
        if (exists) {
            return false; // another node holds it
        }
        try {
            jdbc.sql("INSERT INTO work_lease (name, owner, lease_until) VALUES (:work, :node, :until)")
                    .param("work", work)
                    .param("node", node)
                    .param("until", Times.toDatabase(until))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false; // another node inserted it first
        }
    }

    @Override
    public void release(String work, String node) {
        jdbc.sql("DELETE FROM work_lease WHERE name = :work AND owner = :node")
                .param("work", work)
                .param("node", node)
                .update();
    }
}
