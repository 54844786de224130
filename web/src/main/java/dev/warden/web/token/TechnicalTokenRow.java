package dev.warden.web.token;

import dev.warden.core.access.ScopeState;
import dev.warden.core.access.TokenSuspensions.Suspension;
import dev.warden.core.principal.Principal;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.token.AccessToken;
import dev.warden.core.token.TechnicalToken;
import dev.warden.web.console.PrincipalLink;
import java.time.Instant;
import java.util.List;

/**
 * One row of an organisation or group token list: the token's facts, its technical user and role, who made it, and
 * the paths of its row actions.
 * @param path the token's path under the list it is shown in ({@code …/tokens/organisation/{id}})
 */
public record TechnicalTokenRow(
        TokenFacts facts,
        String technicalUser,
        long technicalUserId,
        String role,
        PrincipalLink createdBy,
        String path,
        String statusReason,
        String statusWhy)
        implements TokenFacts.Row {

    /**
     * @param suspension why the decision chain refuses this active token (tokens off, its technical user
     *                   deactivated), or null
     * @param deadScopes its scopes that no longer work, or null
     */
    static TechnicalTokenRow of(
            TechnicalToken technical,
            Principal creator,
            String listPath,
            boolean mayRestore,
            boolean mayRotate,
            Suspension suspension,
            List<ScopeState> deadScopes,
            Instant now) {
        AccessToken token = technical.token();
        TokenFacts facts =
                TokenFacts.of(token, mayRestore, now).withRotate(mayRotate).withDeadScopes(deadScopes);
        boolean suspended = suspension != null && facts.isActive();
        return new TechnicalTokenRow(
                suspended ? facts.suspended() : facts,
                technical.technicalUser().displayName(),
                technical.technicalUser().id().value(),
                roleLabel(technical.role()),
                PrincipalLink.ofNullable(creator),
                listPath + "/" + token.id().value(),
                suspended ? suspension.message() : null,
                suspended ? TokenFacts.shortReason(suspension.reason()) : null);
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
        return "Revoke '" + name() + "'? It stops working until you restore it.";
    }

    public String deleteConfirm() {
        return "Delete '" + name() + "' permanently? This cannot be undone: the token and its technical user ("
                + technicalUser + ") are deleted.";
    }
}
