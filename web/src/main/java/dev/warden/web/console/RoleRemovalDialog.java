package dev.warden.web.console;

import dev.warden.core.access.TokenStopImpact;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleAssignmentId;
import dev.warden.core.role.RoleService;
import dev.warden.core.shared.ResourceNotFoundException;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Removing the workspace-admin role, wherever it is removed (a role's holders, a group's roles): admins hold token
 * usage only through that role, so the removal can stop the holder's tokens. Instead of a plain "are you sure", the
 * console asks with the impact Warden computes ({@link TokenStopImpact}) and offers the way out: add the holder to the
 * token usage list in the same change.
 */
@Component
public class RoleRemovalDialog {
    public static final String VIEW = "fragments/role-removal :: role-removal-dialog";

    private final RoleService roles;
    private final TokenStopImpact impact;
    private final ConsoleAccess access;

    RoleRemovalDialog(RoleService roles, TokenStopImpact impact, ConsoleAccess access) {
        this.roles = roles;
        this.impact = impact;
        this.access = access;
    }

    /** Whether removing this holding asks through this dialog: the built-in workspace-admin role. */
    public static boolean mayStopTokens(HoldingView holding) {
        return holding.builtIn() && BuiltInRole.WORKSPACE_ADMIN.roleName().equals(holding.role());
    }

    /**
     * Adds the dialog's model and returns its view.
     * @param deletePath where the removal is sent (DELETE, with {@code keepTokenUsage=true} for the way out)
     * @param target the region the removal's answer replaces
     */
    public String show(Actor actor, long assignmentId, String deletePath, String target, Model model) {
        RoleAssignmentId id = new RoleAssignmentId(assignmentId);
        RoleAssignment assignment = roles.assignments(actor).stream()
                .filter(a -> a.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("Role assignment " + id + " does not exist."));
        HoldingView holding =
                HoldingView.of(roles.describe(actor, List.of(assignment)).get(0));
        model.addAttribute(
                "removal",
                new View(
                        holding,
                        impact.ofUnassigning(actor, id),
                        deletePath,
                        target,
                        access.of(actor).holds(Permission.PERMISSIONS_WRITE)));
        return VIEW;
    }

    /** Removes the assignment; with {@code keepTokenUsage}, adds its holder to the token usage list in the same change. */
    public void remove(Actor actor, long assignmentId, boolean keepTokenUsage) {
        RoleAssignmentId id = new RoleAssignmentId(assignmentId);
        if (keepTokenUsage) {
            impact.unassignKeepingTokenUsage(actor, id);
        } else {
            roles.unassign(actor, id);
        }
    }

    /**
     * @param canKeep whether the viewer may change the token usage list (permissions:write), so the way out works
     */
    public record View(
            HoldingView holding, TokenStopImpact.Impact impact, String deletePath, String target, boolean canKeep) {

        public String question() {
            return holding.unassignConfirm();
        }

        /** What stops, in a sentence. */
        public String impactText() {
            if (impact.none()) {
                return "No token stops working: " + holding.holderName()
                        + (holding.holderKind().equals("group") ? "'s members" : "")
                        + " keep token usage through the token usage list, another admin role, or have no working"
                        + " tokens.";
            }
            String who = impact.losses().size() == 1
                    ? PrincipalLink.labelOf(impact.losses().get(0).principal())
                    : impact.losses().size() + " members of " + holding.holderName();
            return "Workspace admins hold token usage only through this role, and " + who
                    + (impact.losses().size() == 1 ? " is" : " are")
                    + " not on the token usage list: " + impact.tokensText() + " will stop working (suspended, not"
                    + " deleted) until token usage is given back.";
        }

        public String keepLabel() {
            return "Also add " + holding.holderName() + " to the token usage list, so these tokens keep working";
        }
    }
}
