package dev.warden.core.token;

import java.util.Objects;

/**
 * The clear-text token value. It exists only between generation and the create response;
 * {@link #toString()} never reveals it, so it cannot slip into a log line by accident.
 */
public final class TokenSecret {
    private static final int HINT_SUFFIX = 4;
    private final String value;

    public TokenSecret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The secret itself: call this only to hand it to its owner, once. */
    public String reveal() {
        return value;
    }

    public TokenDigest digest() {
        return TokenDigest.of(value);
    }

    /** Prefix and the last four characters, enough to recognise a token in a list. */
    public String displayHint(String prefix) {
        return prefix + "…" + value.substring(value.length() - HINT_SUFFIX);
    }

    @Override
    public String toString() {
        return "TokenSecret[redacted]";
    }
}
