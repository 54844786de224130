package dev.warden.web.principal;

import dev.warden.core.permission.Scope;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One token on a principal's page. A token that is itself active but whose owner is inactive shows as
 * suspended: the decision chain stops it at {@code OWNER_INACTIVE}.
 */
record OwnedTokenView(String id, String name, String hint, List<String> scopes, String expires, String lastUsed,
                      String status, String statusLabel) {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    static OwnedTokenView of(AccessToken token, boolean ownerActive, Instant now) {
        TokenStatus status = token.statusAt(now);
        boolean suspended = status == TokenStatus.ACTIVE && !ownerActive;
        return new OwnedTokenView(token.id().value(),
                token.comment().isEmpty() ? "(no name)" : token.comment(),
                token.displayHint(),
                token.scopes().stream().map(Scope::key).toList(),
                token.expiresAt() == null ? "never" : FORMAT.format(token.expiresAt()),
                token.lastUse() == null ? "never" : FORMAT.format(token.lastUse().at()),
                suspended ? "suspended" : status.name().toLowerCase(),
                suspended ? "Suspended: owner inactive" : switch (status) {
                    case ACTIVE -> "Active";
                    case REVOKED -> "Revoked";
                    case EXPIRED -> "Expired";
                });
    }
}
