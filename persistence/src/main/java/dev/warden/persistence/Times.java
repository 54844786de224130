package dev.warden.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Instants cross JDBC as UTC {@link LocalDateTime}s, so {@code DATETIME(6)} columns hold UTC wall-clock time
 * whatever the JVM's default zone and the driver's connection time zone are. ({@link java.sql.Timestamp} would go
 * through the JVM's zone: with mysql-connector-j's {@code connectionTimeZone=UTC} and a non-UTC JVM it was written
 * as UTC but read back as local time, shifting every instant by the zone's offset; on H2 it stored local time.)
 * Every adapter binds and reads its {@code DATETIME} columns through these methods.
 */
public final class Times {
    private Times() {}

    /** The value to bind for a {@code DATETIME} parameter. */
    public static LocalDateTime toDatabase(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant fromDatabase(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    /** Reads a {@code DATETIME} column without any time-zone conversion by the driver. */
    public static Instant read(ResultSet rs, String column) throws SQLException {
        return fromDatabase(rs.getObject(column, LocalDateTime.class));
    }

    /** As {@link #read(ResultSet, String)}, for the column at this position (1 the first). */
    public static Instant read(ResultSet rs, int column) throws SQLException {
        return fromDatabase(rs.getObject(column, LocalDateTime.class));
    }
}
