package dev.warden.core.audit;

import dev.warden.core.shared.InvalidParameterException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keyset position in the audit log (newest first): the time and id of the last event of the previous page. Callers
 * see it as an opaque {@code page_token}; times are kept to the microsecond, as the database stores them.
 */
public record AuditCursor(Instant occurredAt, long id) {
    public static final String FIELD = "page_token";
    /** The last microsecond a DATETIME column holds (9999-12-31T23:59:59.999999Z): a forged later time is refused. */
    private static final long MAX_MICROS = 253_402_300_799_999_999L;

    private static final Pattern TOKEN = Pattern.compile("a(\\d{1,18})\\.(\\d{1,18})");

    public static AuditCursor after(StoredAuditEvent last) {
        return new AuditCursor(last.event().occurredAt(), last.id());
    }

    /** Whether the event comes after this position in newest-first order. */
    boolean isBefore(StoredAuditEvent stored) {
        int byTime = stored.event().occurredAt().compareTo(occurredAt);
        return byTime < 0 || (byTime == 0 && stored.id() < id);
    }

    /** The opaque page token: base64url of the time in microseconds and the id. */
    public String token() {
        long micros = occurredAt.getEpochSecond() * 1_000_000L + occurredAt.getNano() / 1_000;
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("a" + micros + "." + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads a page token this class wrote; anything else is refused naming {@value #FIELD}. */
    public static AuditCursor parse(String token) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        Matcher matcher = TOKEN.matcher(decoded);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) > MAX_MICROS) {
            throw new InvalidParameterException(
                    FIELD, FIELD + " is not a page token of this list: pass the next_page_token of the previous page.");
        }
        // At most 18 digits each, so both fit a long; the time is from 1970 to what the database holds.
        long micros = Long.parseLong(matcher.group(1));
        Instant at =
                Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        return new AuditCursor(at, Long.parseLong(matcher.group(2)));
    }
}
