package dev.warden.core.token;

import java.math.BigInteger;

/** Base62 with the alphabet {@code 0-9A-Za-z} in that order, left-padded with '0' to a fixed width. */
final class Base62 {
    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(62);

    private Base62() {}

    static String encode(BigInteger value, int width) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("negative value");
        }
        StringBuilder digits = new StringBuilder();
        BigInteger rest = value;
        while (rest.signum() > 0) {
            BigInteger[] quotientAndRemainder = rest.divideAndRemainder(BASE);
            digits.append(ALPHABET.charAt(quotientAndRemainder[1].intValue()));
            rest = quotientAndRemainder[0];
        }
        if (digits.length() > width) {
            throw new IllegalArgumentException("value needs more than " + width + " base62 digits");
        }
        while (digits.length() < width) {
            digits.append('0');
        }
        return digits.reverse().toString();
    }

    static String encode(long unsignedValue, int width) {
        return encode(BigInteger.valueOf(unsignedValue), width);
    }

    static boolean isBase62(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean upper = c >= 'A' && c <= 'Z';
            boolean lower = c >= 'a' && c <= 'z';
            if (!digit && !upper && !lower) {
                return false;
            }
        }
        return true;
    }
}
