package dev.warden.core.shared;

/**
 * Field checks shared by every use case that stores text a caller typed (names, comments, descriptions, reasons);
 * the field is named as the API spells it. One rule for all of them, so H2 and MariaDB store the same thing.
 */
public final class Validation {
    /** At most this many characters of a caller's input are quoted back in a message. */
    public static final int ECHO_MAX = 200;

    private Validation() {}

    public static String required(String value, String field, int max) {
        String checked = optional(value, field, max);
        if (checked == null || checked.isEmpty()) {
            throw new InvalidParameterException(field, field + " is required.");
        }
        return checked;
    }

    /**
     * Trimmed (databases compare names without trailing spaces), at most {@code max} characters, and
     * {@linkplain #requirePlainText plain text}.
     */
    public static String optional(String value, String field, int max) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            throw new InvalidParameterException(
                    field, field + " must be at most " + max + " characters; got " + trimmed.length() + ".");
        }
        return requirePlainText(trimmed, field);
    }

    /**
     * Refuses control characters (tabs and line breaks included: a name is one line) and lone surrogates. A lone
     * surrogate is no character at all: H2 would store it as it came, MariaDB as '?', and neither can be shown.
     */
    public static String requirePlainText(String value, String field) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidParameterException(
                        field,
                        field + " must not contain control characters (such as tabs or line breaks); found U+"
                                + String.format("%04X", (int) c) + " at position " + (i + 1) + ".");
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a pair: one character outside the Basic Multilingual Plane, such as an emoji
            } else if (Character.isSurrogate(c)) {
                throw new InvalidParameterException(
                        field,
                        field + " must be valid Unicode text; found a lone surrogate U+"
                                + String.format("%04X", (int) c) + " at position " + (i + 1) + ".");
            }
        }
        return value;
    }

    public static String email(String value) {
        String email = optional(value, "emails", 320);
        if (email != null && !email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new InvalidParameterException("emails", echo(email) + " is not an e-mail address.");
        }
        return email == null || email.isEmpty() ? null : email;
    }

    /**
     * A caller's input as a message quotes it: in single quotes, cut to {@link #ECHO_MAX} characters with an
     * ellipsis, so an error never carries back (or logs) an unbounded value.
     */
    public static String echo(Object input) {
        return "'" + shorten(String.valueOf(input)) + "'";
    }

    /** Several inputs as a message lists them: the first five {@linkplain #echo echoed}, then how many more. */
    public static String echoAll(java.util.Collection<?> inputs) {
        java.util.List<String> shown =
                inputs.stream().limit(5).map(Validation::echo).collect(java.util.stream.Collectors.toList());
        if (inputs.size() > shown.size()) {
            shown.add("and " + (inputs.size() - shown.size()) + " more");
        }
        return String.join(", ", shown);
    }

    /** {@code text} cut to {@link #ECHO_MAX} characters, with an ellipsis when cut; a surrogate pair stays whole. */
    public static String shorten(String text) {
        if (text == null || text.length() <= ECHO_MAX) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(ECHO_MAX - 1)) ? ECHO_MAX - 1 : ECHO_MAX;
        return text.substring(0, end) + "…";
    }
}
