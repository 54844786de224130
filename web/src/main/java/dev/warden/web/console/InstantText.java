package dev.warden.web.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How the console writes an instant for people: {@code 2026-01-31 14:05 UTC}, in UTC whatever the viewer's zone.
 * A token's own page, which lists its history, adds the seconds.
 */
public final class InstantText {
    private static final String DAY_AND_MINUTE = "yyyy-MM-dd HH:mm";
    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern(DAY_AND_MINUTE + " 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern(DAY_AND_MINUTE + ":ss 'UTC'").withZone(ZoneOffset.UTC);

    private final DateTimeFormatter format;

    private InstantText(DateTimeFormatter format) {
        this.format = format;
    }

    /** To the minute, as lists and dialogs show times. */
    public static final InstantText TO_THE_MINUTE = new InstantText(MINUTES);
    /** To the second, as a token's page and its history show times. */
    public static final InstantText TO_THE_SECOND = new InstantText(SECONDS);

    public String of(Instant instant) {
        return format.format(instant);
    }

    /** "never" for a missing instant: a token that does not expire, or was never used. */
    public String orNever(Instant instant) {
        return instant == null ? "never" : format.format(instant);
    }

    /** To the minute; the common case. */
    public static String format(Instant instant) {
        return TO_THE_MINUTE.of(instant);
    }
}
