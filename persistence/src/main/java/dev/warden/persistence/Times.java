package dev.warden.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;

/**
 * Instants cross JDBC as UTC {@link LocalDateTime}s, so {@code DATETIME(6)} columns hold UTC wall-clock time
 * whatever the JVM's default zone and the driver's connection time zone are. ({@link Timestamp} would go through
 * the JVM's zone: with mysql-connector-j's {@code connectionTimeZone=UTC} and a non-UTC JVM it was written as UTC
 * but read back as local time, shifting every instant by the zone's offset; on H2 it stored local time.)
 * Used by the JdbcClient code directly and, through {@link #converters()}, by Spring Data JDBC.
 */
public final class Times {
    private Times() {
    }

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

    /** Spring Data JDBC converters doing the same for the row records' {@link Instant} properties. */
    static List<Object> converters() {
        return List.of(InstantToUtcDateTime.INSTANCE, UtcDateTimeToInstant.INSTANCE, TimestampToInstant.INSTANCE);
    }

    @WritingConverter
    enum InstantToUtcDateTime implements Converter<Instant, LocalDateTime> {
        INSTANCE;

        @Override
        public LocalDateTime convert(Instant source) {
            return toDatabase(source);
        }
    }

    /** mysql-connector-j returns {@code DATETIME} as {@link LocalDateTime}. */
    @ReadingConverter
    enum UtcDateTimeToInstant implements Converter<LocalDateTime, Instant> {
        INSTANCE;

        @Override
        public Instant convert(LocalDateTime source) {
            return fromDatabase(source);
        }
    }

    /**
     * H2 returns {@code DATETIME} as {@link Timestamp}, built from the stored wall clock in the JVM's zone:
     * {@link Timestamp#toLocalDateTime()} gives that wall clock back.
     */
    @ReadingConverter
    enum TimestampToInstant implements Converter<Timestamp, Instant> {
        INSTANCE;

        @Override
        public Instant convert(Timestamp source) {
            return fromDatabase(source.toLocalDateTime());
        }
    }
}
