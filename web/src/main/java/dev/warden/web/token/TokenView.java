package dev.warden.web.token;

import dev.warden.core.permission.Scope;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenStatus;
import dev.warden.web.shared.TokenStatusLabel;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** One row of a token table, formatted for people. */
record TokenView(String id, String name, String hint, List<String> scopes, String created, String expires,
                 String lastUsed, String lastUsedAddress, String status, String statusLabel, boolean revocable,
                 boolean restorable) {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** @param mayRestore whether its owner may restore it (not when an admin or an incident revoked it) */
    static TokenView of(AccessToken token, boolean mayRestore, Instant now) {
        TokenStatus status = token.statusAt(now);
        return new TokenView(token.id().value(),
                token.comment().isEmpty() ? "(no name)" : token.comment(),
                token.displayHint(),
                token.scopes().stream().map(Scope::key).toList(),
                format(token.createdAt()),
                token.expiresAt() == null ? "never" : format(token.expiresAt()),
                token.lastUse() == null ? "never" : format(token.lastUse().at()),
                token.lastUse() == null ? null : token.lastUse().clientAddress(),
                status.name(),
                TokenStatusLabel.of(status),
                status == TokenStatus.ACTIVE,
                status == TokenStatus.REVOKED && !token.isExpiredAt(now) && mayRestore);
    }

    /** The same row for a token that would work but does not now: its owner lost token usage, or tokens are off. */
    TokenView suspended() {
        return "ACTIVE".equals(status)
                ? new TokenView(id, name, hint, scopes, created, expires, lastUsed, lastUsedAddress, "SUSPENDED",
                        "Suspended", revocable, restorable)
                : this;
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
