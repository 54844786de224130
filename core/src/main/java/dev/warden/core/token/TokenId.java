package dev.warden.core.token;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/** The public, URL-safe id of a token (32 hex characters). It is not the secret. */
public record TokenId(String value) {
    public static final int MAX_LENGTH = 64;

    public TokenId {
        Objects.requireNonNull(value, "value");
    }

    public static TokenId random(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return new TokenId(HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
