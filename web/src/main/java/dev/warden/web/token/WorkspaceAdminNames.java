package dev.warden.web.token;

import dev.warden.core.directory.LastAdminGuard;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalRepository;
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
    private final PrincipalRepository principals;

    WorkspaceAdminNames(LastAdminGuard admins, PrincipalRepository principals) {
        this.admins = admins;
        this.principals = principals;
    }

    List<String> of(Actor actor) {
        return principals.findAllById(actor.workspace(), admins.activeWorkspaceAdmins(actor.workspace())).stream()
                .map(Principal::name).sorted().toList();
    }
}
