package dev.warden.core.oauth;

import dev.warden.core.shared.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keyset position in a service principal's secrets (newest first): the creation time and id of the last secret of
 * the previous page. Callers see it as an opaque {@code page_token}.
 */
public record SecretCursor(Instant createdAt, SecretId id) {
    public static final String FIELD = "page_token";
    private static final Pattern TOKEN = Pattern.compile("(\\d{1,19})\\.([0-9a-f]{32})");

    public static SecretCursor after(ServicePrincipalSecret secret) {
        return new SecretCursor(secret.createdAt(), secret.id());
    }

    /** The opaque page token: base64url of the creation time in microseconds and the id. */
    public String token() {
        long micros = createdAt.getEpochSecond() * 1_000_000L + createdAt.getNano() / 1_000;
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((micros + "." + id.value()).getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads a page token this class wrote; anything else is refused naming {@value #FIELD}. */
    public static SecretCursor parse(String token) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        Matcher matcher = TOKEN.matcher(decoded);
        if (!matcher.matches()) {
            throw new InvalidParameterException(
                    FIELD, FIELD + " is not a page token of this list: pass the next_page_token of the previous page.");
        }
        long micros;
        try {
            micros = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(FIELD, FIELD + " is not a page token of this list.");
        }
        Instant at =
                Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        return new SecretCursor(at, new SecretId(matcher.group(2)));
    }
}
