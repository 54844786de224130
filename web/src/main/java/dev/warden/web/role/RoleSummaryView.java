package dev.warden.web.role;

import dev.warden.core.permission.Permission;
import dev.warden.core.role.Role;
import dev.warden.web.console.HoldingView;
import java.util.List;

/**
 * A role as the Roles page lists it: its permissions (a built-in role's come from code), and who holds it,
 * the first few by name and how many in all.
 */
record RoleSummaryView(
        long id,
        String name,
        String description,
        boolean builtIn,
        boolean groupScoped,
        List<String> permissions,
        List<HoldingView> holders,
        int holderCount) {
    static final int SHOWN_HOLDERS = 5;

    static RoleSummaryView of(Role role, List<HoldingView> holders, int holderCount) {
        return new RoleSummaryView(
                role.id().value(),
                role.name(),
                role.description(),
                role.builtIn(),
                role.groupScopedOnly(),
                effective(role).stream().map(Permission::key).toList(),
                holders,
                holderCount);
    }

    /** What holding the role grants: built-in roles take theirs from code, custom roles from what was ticked. */
    static List<Permission> effective(Role role) {
        return role.asBuiltIn().map(b -> List.copyOf(b.permissions())).orElse(List.copyOf(role.permissions())).stream()
                .sorted()
                .toList();
    }

    public int moreHolders() {
        return holderCount - holders.size();
    }

    public String deleteConfirm() {
        return "Delete role " + name + "? "
                + (holderCount == 0
                        ? "Nobody holds it."
                        : (holderCount == 1 ? "Its 1 holder loses" : "Its " + holderCount + " holders lose")
                                + " its permissions at once.")
                + " This cannot be undone.";
    }
}
