package dev.warden.web.role;

import dev.warden.core.permission.Permission;
import dev.warden.core.permission.PermissionCatalogue;
import dev.warden.core.principal.Actor;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleAssignment;
import dev.warden.core.role.RoleId;
import dev.warden.core.role.RoleService;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.web.console.HoldingView;
import dev.warden.web.console.PermissionGroupView;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Reads roles and their holders through {@link RoleService}, which checks {@code roles:read}. */
@Component
class RolePages {
    /** The most holders a role's page lists by name; the count says how many there are in all. */
    static final int MAX_HOLDERS = 200;

    private static final Comparator<HoldingView> BY_HOLDER = Comparator.comparing(HoldingView::holderKind)
            .thenComparing(HoldingView::holderName, String.CASE_INSENSITIVE_ORDER);

    private final RoleService roles;
    private final ServiceRegistry services;

    RolePages(RoleService roles, ServiceRegistry services) {
        this.roles = roles;
        this.services = services;
    }

    /**
     * What the role grants, grouped: Warden's own, then each registered service's scopes under its display name
     * (workspace-admin holds every scope of the catalogue).
     */
    List<PermissionGroupView> permissionGroups(Actor actor, long id) {
        Role role = roles.get(actor, new RoleId(id));
        PermissionCatalogue catalogue = services.catalogue(actor.workspace());
        List<Permission> granted =
                role.asBuiltIn().filter(BuiltInRole::holdsWholeCatalogue).isPresent()
                        ? catalogue.permissions()
                        : RoleSummaryView.effective(role);
        return PermissionGroupView.of(granted, services.displayNames(actor.workspace()));
    }

    List<RoleSummaryView> summaries(Actor actor) {
        Map<RoleId, List<RoleAssignment>> byRole =
                roles.assignments(actor).stream().collect(Collectors.groupingBy(RoleAssignment::role));
        return roles.list(actor).stream()
                .map(role -> {
                    List<RoleAssignment> held = byRole.getOrDefault(role.id(), List.of());
                    return RoleSummaryView.of(role, holders(actor, held, RoleSummaryView.SHOWN_HOLDERS), held.size());
                })
                .toList();
    }

    RoleSummaryView summary(Actor actor, long id) {
        Role role = roles.get(actor, new RoleId(id));
        List<RoleAssignment> held = roles.holders(actor, role.id());
        return RoleSummaryView.of(role, holders(actor, held, MAX_HOLDERS), held.size());
    }

    private List<HoldingView> holders(Actor actor, List<RoleAssignment> held, int max) {
        return roles.describe(actor, held.subList(0, Math.min(max, held.size()))).stream()
                .map(HoldingView::of)
                .sorted(BY_HOLDER)
                .toList();
    }
}
