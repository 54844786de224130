package dev.warden.core.shared;

import java.util.Locale;

/**
 * How the database's {@code utf8mb4_bin} columns compare names, for the in-memory fakes: case-sensitive, but
 * trailing spaces do not count (PAD SPACE), so {@code "alice "} finds {@code "alice"}. Searches use
 * {@code LOWER(...) LIKE}, a case-insensitive substring.
 */
public final class BinaryCollation {
    private BinaryCollation() {}

    public static boolean equal(String a, String b) {
        return a != null && b != null && padSpace(a).equals(padSpace(b));
    }

    public static boolean containsIgnoringCase(String value, String text) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
    }

    private static String padSpace(String value) {
        int end = value.length();
        while (end > 0 && value.charAt(end - 1) == ' ') {
            end--;
        }
        return value.substring(0, end);
    }
}
