package dev.warden.core.token;

import java.security.SecureRandom;

/** A {@link SecureRandom} that hands out the same bytes every time, repeated to fill the request. */
public final class FixedBytesRandom extends SecureRandom {
    private final byte[] pattern;

    public FixedBytesRandom(byte... pattern) {
        if (pattern.length == 0) {
            throw new IllegalArgumentException("need at least one byte");
        }
        this.pattern = pattern.clone();
    }

    public static FixedBytesRandom zeros() {
        return new FixedBytesRandom((byte) 0);
    }

    @Override
    public void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = pattern[i % pattern.length];
        }
    }
}
