package dev.warden.core.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** SHA-256 of a whole token value, in lower-case hex: the only form in which a secret is stored. */
public record TokenDigest(String hex) {
    public TokenDigest {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != 64) {
            throw new IllegalArgumentException("a SHA-256 digest has 64 hex characters");
        }
    }

    public static TokenDigest of(CharSequence tokenValue) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(tokenValue.toString().getBytes(StandardCharsets.UTF_8));
            return new TokenDigest(HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Constant-time comparison, so timing tells nothing about how much of a digest matched. */
    public boolean matches(TokenDigest other) {
        return other != null
                && MessageDigest.isEqual(
                        hex.getBytes(StandardCharsets.US_ASCII), other.hex.getBytes(StandardCharsets.US_ASCII));
    }
}
