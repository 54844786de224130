package dev.warden.web.token;

import dev.warden.core.access.TokenSuspensions.Suspension;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenKind;
import dev.warden.core.token.TokenStatus;
import dev.warden.web.shared.TokenStatusLabel;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** One row of the Admin Console's token inventory, formatted for people. */
record TokenInventoryRow(String id, String name, String hint, String ownerName, String ownerHref, String kind,
                         String creatorName, List<String> scopes, String created, String expires, String lastUsed,
                         String lastUsedAddress, String status, String statusLabel, String statusReason,
                         boolean revocable,
                         boolean restorable) {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /**
     * @param suspension why the decision chain refuses this active token because of its owner or workspace, or null;
     *                   a suspended token shows as such and can still be revoked
     * @param mayRestore whether the viewer may restore it (the token access policy says), so Restore shows only then
     */
    static TokenInventoryRow of(AccessToken token, Principal owner, Principal creator, Suspension suspension,
                                boolean mayRestore, Instant now) {
        TokenStatus status = token.statusAt(now);
        boolean suspended = suspension != null && status == TokenStatus.ACTIVE;
        return new TokenInventoryRow(token.id().value(),
                token.comment() == null || token.comment().isEmpty() ? "(no name)" : token.comment(),
                token.displayHint(),
                owner == null ? "(removed)" : label(owner),
                owner == null ? null : href(owner),
                kindLabel(token.kind()),
                creator == null ? "(removed)" : label(creator),
                token.scopes().stream().map(Scope::key).toList(),
                FORMAT.format(token.createdAt()),
                token.expiresAt() == null ? "never" : FORMAT.format(token.expiresAt()),
                token.lastUse() == null ? "never" : FORMAT.format(token.lastUse().at()),
                token.lastUse() == null ? null : token.lastUse().clientAddress(),
                suspended ? "SUSPENDED" : status.name(),
                suspended ? "Suspended" : TokenStatusLabel.of(status),
                suspended ? suspension.message() : null,
                status == TokenStatus.ACTIVE,
                status == TokenStatus.REVOKED && !token.isExpiredAt(now) && mayRestore);
    }

    static String label(Principal principal) {
        return principal.kind() == PrincipalKind.USER && principal.userName() != null
                ? principal.userName() : principal.displayName();
    }

    /** The principal's console page; null for a technical user, which has none. */
    static String href(Principal principal) {
        return switch (principal.kind()) {
            case USER -> "/settings/admin/users/" + principal.id().value();
            case SERVICE_PRINCIPAL -> "/settings/admin/service-principals/" + principal.id().value();
            case TECHNICAL_USER -> null;
        };
    }

    static String kindLabel(TokenKind kind) {
        return switch (kind) {
            case PERSONAL -> "Personal";
            case ON_BEHALF_OF -> "On behalf of";
            case ORGANISATION -> "Organisation";
            case GROUP -> "Group";
        };
    }
}
