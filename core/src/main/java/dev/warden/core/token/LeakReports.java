package dev.warden.core.token;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.TransactionRunner;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reports of leaked tokens (a secret scanner, or anyone who found one): every value that is a Warden token that works
 * now is revoked with {@link RevocationAuthority#INCIDENT} and audited with where it was found, one transaction per
 * token. Nobody authenticates: holding the value is proof enough, since whoever holds it could use it anyway. Values
 * that are not well-formed, unknown, expired or already revoked change nothing, and the caller learns nothing about
 * which was which ({@link #report} returns a count for the log only).
 */
public final class LeakReports {
    /** The most token values one report may carry; a scanner sends a few at a time. */
    public static final int MAX_TOKENS = 100;
    /** Where a value was found, as the audit record keeps it: the reporter's words, cut to this length. */
    static final int MAX_SOURCE = 500;

    static final String REPORTER = "leak report";
    private static final String TARGET = "token";

    private final TokenRepository tokens;
    private final TokenFormat format;
    private final AuditLog audit;
    private final TransactionRunner tx;
    private final CanaryTrips canaries;
    private final Clock clock;

    public LeakReports(TokenRepository tokens, TokenFormat format, AuditLog audit, TransactionRunner tx, Clock clock) {
        this(tokens, format, audit, tx, CanaryTrips.NONE, clock);
    }

    /** @param canaries where a reported canary token goes: it raises its alert instead of being revoked */
    public LeakReports(
            TokenRepository tokens,
            TokenFormat format,
            AuditLog audit,
            TransactionRunner tx,
            CanaryTrips canaries,
            Clock clock) {
        this.tokens = tokens;
        this.format = format;
        this.audit = audit;
        this.tx = tx;
        this.canaries = canaries;
        this.clock = clock;
    }

    /** One reported value and where it was found (a URL, "plain text report from 10.0.0.7"). */
    public record Leak(String value, String source) {}

    /** The well-formed Warden tokens in a text (checksum verified), each once, in order of appearance. */
    public List<String> findIn(String text) {
        return format.findIn(text);
    }

    /**
     * Revokes every reported value that is a working Warden token.
     * @param reporter the client address the report came from, for the audit record
     * @return how many tokens it revoked: for Warden's log only, never for the reporter
     * @throws InvalidParameterException when the report holds more than {@link #MAX_TOKENS} values
     */
    public int report(List<Leak> leaks, String reporter) {
        if (leaks.size() > MAX_TOKENS) {
            throw new InvalidParameterException(
                    "tokens", "A report holds at most " + MAX_TOKENS + " token values; it held " + leaks.size() + ".");
        }
        int revoked = 0;
        for (Leak leak : leaks) {
            if (leak.value() != null && format.isWellFormed(leak.value()) && revoke(leak, reporter)) {
                revoked++;
            }
        }
        return revoked;
    }

    /** One token, in a transaction of its own: a failure on one leaves the others revoked. */
    private boolean revoke(Leak leak, String reporter) {
        TokenDigest digest = new TokenSecret(leak.value()).digest();
        Optional<AccessToken> canary = tokens.findByDigest(digest).filter(token -> token.kind() == TokenKind.CANARY);
        if (canary.isPresent()) {
            // a canary found somewhere is the alarm it was planted for: raise it (source = where found), revoke nothing
            Instant now = clock.instant();
            if (canary.get().statusAt(now) == TokenStatus.ACTIVE) {
                canaries.tripped(canary.get(), new CanaryUse(now, reporter, null, null, null, source(leak, reporter)));
            }
            return false;
        }
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            Optional<AccessToken> found = tokens.findByDigest(digest)
                    .flatMap(token -> tokens.findByIdForUpdate(token.workspace(), token.id()))
                    .filter(token -> works(token, digest, now));
            if (found.isEmpty()) {
                return false;
            }
            AccessToken token = found.get();
            String source = source(leak, reporter);
            String reason = "reported as leaked (" + source + ")";
            if (!token.revoke(null, RevocationAuthority.INCIDENT, now) || !tokens.update(token)) {
                return false;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", reason);
            details.put("authority", RevocationAuthority.INCIDENT);
            details.put("source", source);
            details.put("reporter_address", reporter);
            details.put("secret", token.digest().matches(digest) ? "current" : "previous (rotated)");
            AuditEvent.Builder event = AuditEvent.anonymous(token.workspace(), AuditAction.TOKEN_LEAK_REPORTED, now)
                    .actor(null, REPORTER)
                    .clientAddress(reporter)
                    .target(TARGET, token.id().value());
            details.forEach(event::detail);
            audit.record(event.build()); // and so token.leaked with its e-mail alert (event.EventingAuditLog)
            return true;
        });
    }

    /** The presented secret works now: the token's current one, or its previous one still in its grace period. */
    private static boolean works(AccessToken token, TokenDigest digest, Instant now) {
        if (token.statusAt(now) != TokenStatus.ACTIVE) {
            return false;
        }
        return token.digest().matches(digest) || token.acceptsPrevious(digest, now);
    }

    private static String source(Leak leak, String reporter) {
        String source = leak.source() == null || leak.source().isBlank()
                ? "plain text report from " + reporter
                : leak.source().strip();
        return source.length() <= MAX_SOURCE ? source : source.substring(0, MAX_SOURCE) + "…";
    }
}
