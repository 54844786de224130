package dev.warden.core.shared;

/** Field checks shared by the directory's use cases; the field is named as SCIM spells it. */
public final class Validation {
    private Validation() {}

    public static String required(String value, String field, int max) {
        String checked = optional(value, field, max);
        if (checked == null || checked.isEmpty()) {
            throw new InvalidParameterException(field, field + " is required.");
        }
        return checked;
    }

    /** Trimmed (databases compare names without trailing spaces), at most {@code max}, no control characters. */
    public static String optional(String value, String field, int max) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            throw new InvalidParameterException(
                    field, field + " must be at most " + max + " characters; got " + trimmed.length() + ".");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException(field, field + " must not contain control characters.");
        }
        return trimmed;
    }

    public static String email(String value) {
        String email = optional(value, "emails", 320);
        if (email != null && !email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new InvalidParameterException("emails", "'" + email + "' is not an e-mail address.");
        }
        return email == null || email.isEmpty() ? null : email;
    }
}
