package dev.warden.web.token;

import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.role.LastAdminGuard;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The names of the workspace's active admins, for telling a user whom to ask for token usage. A plain read
 * without a permission check (TokenUsageService.implicitManagers needs 'permissions:read', which users lack):
 * only names are shown, as any user could learn them by asking around.
 */
@Component
class WorkspaceAdminNames {
    private final LastAdminGuard admins;
    private final PrincipalNames principals;

    WorkspaceAdminNames(LastAdminGuard admins, PrincipalNames principals) {
        this.admins = admins;
        this.principals = principals;
    }

    List<String> of(Actor actor) {
        return principals.byId(actor.workspace(), admins.activeWorkspaceAdmins(actor.workspace())).values().stream()
                .map(Principal::name)
                .sorted()
                .toList();
    }
}
