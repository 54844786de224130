package dev.warden.web.token;

import dev.warden.core.token.TechnicalToken;
import dev.warden.core.permission.Scope;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TokenStatus;
import dev.warden.web.shared.TokenStatusLabel;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One row of an organisation or group token list, formatted for people, with the paths of its row actions.
 * @param path the token's path under the list it is shown in ({@code …/tokens/organisation/{id}})
 */
public record TechnicalTokenRow(String id, String name, String hint, String technicalUser, long technicalUserId,
                                String role, List<String> scopes, String created, String createdBy, String expires,
                                String lastUsed, String lastUsedAddress, String status, String statusLabel,
                                boolean revocable, boolean restorable, String path) {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    static TechnicalTokenRow of(TechnicalToken technical, Principal creator, String listPath, boolean mayRestore,
                                Instant now) {
        AccessToken token = technical.token();
        TokenStatus status = token.statusAt(now);
        return new TechnicalTokenRow(token.id().value(),
                token.comment() == null || token.comment().isEmpty() ? "(no name)" : token.comment(),
                token.displayHint(),
                technical.technicalUser().displayName(),
                technical.technicalUser().id().value(),
                roleLabel(technical.role()),
                token.scopes().stream().map(Scope::key).toList(),
                FORMAT.format(token.createdAt()),
                creator == null ? "(removed)" : creator.kind() == PrincipalKind.USER && creator.userName() != null
                        ? creator.userName() : creator.displayName(),
                token.expiresAt() == null ? "never" : FORMAT.format(token.expiresAt()),
                token.lastUse() == null ? "never" : FORMAT.format(token.lastUse().at()),
                token.lastUse() == null ? null : token.lastUse().clientAddress(),
                status.name(),
                TokenStatusLabel.of(status),
                status == TokenStatus.ACTIVE,
                status == TokenStatus.REVOKED && !token.isExpiredAt(now) && mayRestore,
                listPath + "/" + token.id().value());
    }

    /** "Workspace admin" for {@code workspace-admin}, and so on; a custom or removed role by its name. */
    static String roleLabel(String roleName) {
        if (roleName == null) {
            return "(none: removed)";
        }
        return BuiltInRole.named(roleName).map(TechnicalTokenRow::roleLabel).orElse(roleName);
    }

    static String roleLabel(BuiltInRole role) {
        return switch (role) {
            case WORKSPACE_ADMIN -> "Workspace admin";
            case USER -> "Workspace user";
            case AUDITOR -> "Auditor";
            case GROUP_ADMIN -> "Group admin";
            case GROUP_MEMBER -> "Group member";
        };
    }

    public String revokePath() {
        return path + "/revoke";
    }

    public String restorePath() {
        return path + "/restore";
    }

    public String revokeConfirm() {
        return "Revoke '" + name + "'? It stops working until you restore it.";
    }

    public String deleteConfirm() {
        return "Delete '" + name + "' permanently? This cannot be undone: the token and its technical user ("
                + technicalUser + ") are deleted.";
    }
}
