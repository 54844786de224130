package dev.warden.core.token;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Warden's token format: {@code <prefix><body><checksum>}.
 * <ul>
 *   <li>body: 32 bytes from a secure random source, read as an unsigned big-endian integer,
 *       base62 ({@code 0-9A-Za-z}), left-padded with '0' to 43 characters;</li>
 *   <li>checksum: CRC32 of the ASCII bytes of prefix + body, base62, left-padded to 6 characters.</li>
 * </ul>
 * So a default token ({@code wdn_}) is 53 characters, and a mistyped or foreign value is rejected offline.
 */
public final class TokenFormat {
    public static final String DEFAULT_PREFIX = "wdn_";
    static final int BODY_BYTES = 32;
    static final int BODY_LENGTH = 43;
    static final int CHECKSUM_LENGTH = 6;
    /**
     * The shortest run of base62 after the prefix that {@link #masked} hides. Shorter than a token on purpose: a
     * log line cut mid-token (Spring truncates long values at DEBUG) must not leave a secret short of a few
     * characters that its checksum would then confirm; a fragment this short leaves 33 unknown characters.
     */
    static final int MASKED_FRAGMENT = 16;

    private static final int MASK_KEEPS = 4;
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,15}");

    private final String prefix;
    private final Pattern lookalike;
    private final Pattern candidate;

    public TokenFormat(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("Token prefix must be 1 to 16 characters of A-Z, a-z, 0-9, '_' or '-',"
                    + " starting with a letter; got '" + prefix + "'");
        }
        this.prefix = prefix;
        // any case: a token case-folded by a search filter is no longer valid, but it is still most of the secret
        this.lookalike = Pattern.compile("(?i:" + Pattern.quote(prefix) + ")[0-9A-Za-z]{" + MASKED_FRAGMENT + ",}");
        this.candidate = Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(prefix) + "[0-9A-Za-z]{"
                + (BODY_LENGTH + CHECKSUM_LENGTH) + "}" + "(?![0-9A-Za-z])");
    }

    public String prefix() {
        return prefix;
    }

    public int length() {
        return prefix.length() + BODY_LENGTH + CHECKSUM_LENGTH;
    }

    public TokenSecret generate(SecureRandom random) {
        byte[] bytes = new byte[BODY_BYTES];
        random.nextBytes(bytes);
        String body = Base62.encode(new BigInteger(1, bytes), BODY_LENGTH);
        return new TokenSecret(prefix + body + checksum(prefix + body));
    }

    /** True when the value has this format and its checksum matches; needs no database. */
    public boolean isWellFormed(CharSequence value) {
        if (value == null || value.length() != length()) {
            return false;
        }
        String text = value.toString();
        if (!text.startsWith(prefix) || !Base62.isBase62(text, prefix.length(), text.length())) {
            return false;
        }
        int checksumStart = text.length() - CHECKSUM_LENGTH;
        return checksum(text.substring(0, checksumStart)).equals(text.substring(checksumStart));
    }

    /**
     * The values of this format in a text whose checksum matches, each once, in order of appearance: what a leak
     * report names. A value glued to further letters or digits is no token (it would be longer).
     */
    public List<String> findIn(CharSequence text) {
        if (text == null) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = candidate.matcher(text);
        while (matcher.find()) {
            if (isWellFormed(matcher.group())) {
                found.add(matcher.group());
            }
        }
        return List.copyOf(found);
    }

    /**
     * The text with every value that looks like one of these tokens (the prefix in any case and at least
     * {@value #MASKED_FRAGMENT} base62 characters, valid checksum or not) replaced by the prefix, {@code ...} and
     * its last four characters, as in a token's display hint. For log lines: nothing else is touched.
     */
    public String masked(String text) {
        if (text == null) {
            return null;
        }
        return lookalike.matcher(text).replaceAll(found -> {
            String value = found.group();
            return Matcher.quoteReplacement(prefix + "..." + value.substring(value.length() - MASK_KEEPS));
        });
    }

    static String checksum(String prefixAndBody) {
        CRC32 crc = new CRC32();
        crc.update(prefixAndBody.getBytes(StandardCharsets.US_ASCII));
        return Base62.encode(crc.getValue(), CHECKSUM_LENGTH);
    }
}
