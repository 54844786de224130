package dev.warden.web.principal;

import dev.warden.core.token.DenialReason;
import dev.warden.core.access.TokenSuspensions.Suspension;
import dev.warden.core.access.TokenSuspensions;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenStatus;
import dev.warden.web.shared.TokenStatusLabel;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One credential on a principal's page: everything about it except its secret. A token that is itself active but
 * that the decision chain refuses because of its owner or workspace shows as suspended, with the reason and how to
 * lift it (see {@link TokenSuspensions}).
 * @param createdByHref the creator's page, or null (a technical user, or a creator that is gone)
 * @param lastUsedAddress the client address of the last use, or null
 * @param statusReason the decision chain's reason code when suspended, else null
 * @param statusMessage why it is suspended and how to fix it, else null
 */
record OwnedTokenView(String id, String name, String hint, List<String> scopes, String created, String createdBy,
                      String createdByHref, String expires, String lastUsed, String lastUsedAddress, String status,
                      String statusLabel, String statusReason, String statusMessage) {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /**
     * @param creator the principal that created the token, or null when it is gone
     * @param suspension why the token is suspended, or null when it is not
     */
    static OwnedTokenView of(AccessToken token, Principal creator, Suspension suspension, Instant now) {
        TokenStatus status = token.statusAt(now);
        boolean suspended = suspension != null && status == TokenStatus.ACTIVE;
        return new OwnedTokenView(token.id().value(),
                token.comment().isEmpty() ? "(no name)" : token.comment(),
                token.displayHint(),
                token.scopes().stream().map(Scope::key).toList(),
                FORMAT.format(token.createdAt()),
                creator == null ? "(removed, id " + token.createdBy().value() + ")" : label(creator),
                creator == null ? null : href(creator),
                token.expiresAt() == null ? "never" : FORMAT.format(token.expiresAt()),
                token.lastUse() == null ? "never" : FORMAT.format(token.lastUse().at()),
                token.lastUse() == null ? null : token.lastUse().clientAddress(),
                suspended ? "suspended" : status.name().toLowerCase(),
                suspended ? "Suspended: " + shortReason(suspension.reason()) : TokenStatusLabel.of(status),
                suspended ? suspension.reason().name() : null,
                suspended ? suspension.message() : null);
    }

    private static String shortReason(DenialReason reason) {
        return switch (reason) {
            case OWNER_INACTIVE -> "owner inactive";
            case TOKENS_DISABLED -> "tokens disabled";
            case NO_TOKEN_USAGE_PERMISSION -> "no token usage permission";
            default -> reason.name().toLowerCase().replace('_', ' ');
        };
    }

    private static String label(Principal principal) {
        return principal.kind() == PrincipalKind.USER && principal.userName() != null
                ? principal.userName() : principal.displayName();
    }

    private static String href(Principal principal) {
        return switch (principal.kind()) {
            case USER -> DirectoryKind.USER.path() + "/" + principal.id().value();
            case SERVICE_PRINCIPAL -> DirectoryKind.SERVICE_PRINCIPAL.path() + "/" + principal.id().value();
            case TECHNICAL_USER -> null;
        };
    }
}
