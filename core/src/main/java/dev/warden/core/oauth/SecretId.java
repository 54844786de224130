package dev.warden.core.oauth;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** The public, URL-safe id of a service principal secret (32 hex characters). It is not the secret. */
public record SecretId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    public SecretId {
        Objects.requireNonNull(value, "value");
    }

    public static SecretId random(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return new SecretId(HexFormat.of().formatHex(bytes));
    }

    /** Whether a value sent by a caller can be a secret id at all (anything else is no secret of anyone). */
    public static boolean isWellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
