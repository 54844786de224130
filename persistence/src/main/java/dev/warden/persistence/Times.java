package dev.warden.persistence;

import java.sql.Timestamp;
import java.time.Instant;

/** Instants cross JDBC as Timestamps, the same way Spring Data JDBC converts them. */
public final class Times {
    private Times() {
    }

    public static Timestamp toTimestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant toInstant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
