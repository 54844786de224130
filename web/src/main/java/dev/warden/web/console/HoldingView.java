package dev.warden.web.console;

import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.role.RoleHolding;

/** One role assignment as the console shows it: the role, who holds it (with a link to them) and for what. */
public record HoldingView(
        long assignmentId,
        long roleId,
        String role,
        boolean builtIn,
        String holderKind,
        String holderName,
        String holderHref,
        Long scopeGroupId,
        String scopeGroup) {

    public static HoldingView of(RoleHolding holding) {
        Principal principal = holding.principal();
        String kind;
        String name;
        String href;
        if (principal != null) {
            kind = principal.kind() == PrincipalKind.USER ? "user" : "service principal";
            PrincipalLink link = PrincipalLink.of(principal);
            name = link.label();
            href = link.href();
        } else {
            kind = "group";
            name = holding.group().displayName();
            href = "/settings/admin/groups/" + holding.group().id().value() + "/members";
        }
        return new HoldingView(
                holding.assignment().id().value(),
                holding.role().id().value(),
                holding.role().name(),
                holding.role().builtIn(),
                kind,
                name,
                href,
                holding.scope() == null ? null : holding.scope().id().value(),
                holding.scope() == null ? null : holding.scope().displayName());
    }

    public String scopeLabel() {
        return scopeGroup == null ? "Workspace" : "Group " + scopeGroup;
    }

    /**
     * Whether removing it can stop tokens (the workspace-admin role at workspace scope), so the console asks with the
     * impact ({@link RoleRemovalDialog}) rather than a plain question.
     */
    public boolean mayStopTokens() {
        return scopeGroup == null && RoleRemovalDialog.mayStopTokens(this);
    }

    /** "Remove the role deployer from group ops?" */
    public String unassignConfirm() {
        return "Remove the role " + role + " from " + holderKind + " " + holderName
                + (scopeGroup == null ? "" : " (for group " + scopeGroup + ")")
                + "? They lose its permissions at once.";
    }
}
