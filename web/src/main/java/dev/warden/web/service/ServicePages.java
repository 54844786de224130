package dev.warden.web.service;

import dev.warden.core.directory.DirectoryService;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.principal.PrincipalQuery;
import dev.warden.core.role.BuiltInRole;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleService;
import dev.warden.core.service.RegisteredService;
import dev.warden.core.service.ServiceId;
import dev.warden.core.service.ServiceRegistry;
import dev.warden.core.shared.PageRequest;
import dev.warden.web.console.ConsoleAccess;
import dev.warden.web.console.PrincipalLink;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Reads registered services for the console through {@link ServiceRegistry} (which checks {@code services:read}),
 * with their service principals' names and, when the viewer may read roles, the roles that grant each scope.
 */
@Component
class ServicePages {
    /** The most service principals the register dialog offers; a workspace has few services, and fewer robots. */
    static final int MAX_CHOICES = 500;

    private final ServiceRegistry services;
    private final RoleService roles;
    private final PrincipalNames principals;
    private final DirectoryService directory;
    private final ConsoleAccess access;

    ServicePages(
            ServiceRegistry services,
            RoleService roles,
            PrincipalNames principals,
            DirectoryService directory,
            ConsoleAccess access) {
        this.services = services;
        this.roles = roles;
        this.principals = principals;
        this.directory = directory;
        this.access = access;
    }

    List<ServiceSummaryView> summaries(Actor actor) {
        List<RegisteredService> all = services.list(actor);
        Map<PrincipalId, Principal> robots = principals.byId(
                actor.workspace(),
                all.stream().map(RegisteredService::servicePrincipal).toList());
        boolean linked = access.of(actor).readDirectory();
        return all.stream()
                .map(s -> new ServiceSummaryView(
                        s.id().value(),
                        s.name(),
                        s.displayName(),
                        link(robots.get(s.servicePrincipal()), linked),
                        s.scopes().size()))
                .toList();
    }

    ServiceDetailView detail(Actor actor, long id) {
        RegisteredService service = services.get(actor, new ServiceId(id));
        Principal robot =
                principals.find(actor.workspace(), service.servicePrincipal()).orElse(null);
        boolean rolesKnown = access.of(actor).readRoles();
        List<Role> all = rolesKnown ? roles.list(actor) : List.of();
        List<Role> custom = all.stream().filter(r -> !r.builtIn()).toList();
        // workspace-admin grants every scope of the catalogue without naming it
        Role admin = all.stream()
                .filter(r ->
                        r.asBuiltIn().filter(BuiltInRole::holdsWholeCatalogue).isPresent())
                .findFirst()
                .orElse(null);
        List<ServiceDetailView.ScopeView> scopes = service.scopes().stream()
                .map(scope -> scopeView(service, scope, custom, admin, rolesKnown))
                .toList();
        Set<String> grantingRoles = custom.stream()
                .filter(role -> role.permissions().stream().anyMatch(p -> service.declares(p.key())))
                .map(Role::name)
                .collect(Collectors.toSet());
        return new ServiceDetailView(
                service.id().value(),
                service.name(),
                service.displayName(),
                link(robot, access.of(actor).readDirectory()),
                robot == null ? null : robot.applicationId(),
                scopes,
                rolesKnown,
                grantingRoles.size());
    }

    /**
     * The workspace's service principals, by display name, for the register dialog's choice; null when the viewer may
     * not read the directory (the dialog then asks for the application id).
     */
    List<PrincipalChoice> servicePrincipalChoices(Actor actor) {
        if (!access.of(actor).readDirectory()) {
            return null;
        }
        Set<PrincipalId> taken = services.list(actor).stream()
                .map(RegisteredService::servicePrincipal)
                .collect(Collectors.toSet());
        return directory
                .search(actor, PrincipalKind.SERVICE_PRINCIPAL, PrincipalQuery.ALL, PageRequest.first(MAX_CHOICES))
                .items()
                .stream()
                .map(p -> new PrincipalChoice(p.applicationId(), p.displayName(), taken.contains(p.id())))
                .sorted((a, b) -> a.displayName().compareToIgnoreCase(b.displayName()))
                .toList();
    }

    /**
     * One service principal the dialog offers.
     * @param taken it already authenticates for another service (offered, but marked: core refuses it)
     */
    record PrincipalChoice(String applicationId, String displayName, boolean taken) {
        public String label() {
            return displayName + " (" + applicationId + ")" + (taken ? " — already used by a service" : "");
        }
    }

    private static ServiceDetailView.ScopeView scopeView(
            RegisteredService service, Permission scope, List<Role> custom, Role admin, boolean rolesKnown) {
        List<ServiceDetailView.RoleLink> grantedBy = custom.stream()
                .filter(role -> role.permissions().contains(scope))
                .map(role -> new ServiceDetailView.RoleLink(
                        role.name(), "/settings/admin/roles/" + role.id().value(), false))
                .toList();
        List<ServiceDetailView.RoleLink> shown = admin == null
                ? grantedBy
                : java.util.stream.Stream.concat(
                                java.util.stream.Stream.of(new ServiceDetailView.RoleLink(
                                        admin.name(),
                                        "/settings/admin/roles/" + admin.id().value(),
                                        true)),
                                grantedBy.stream())
                        .toList();
        return new ServiceDetailView.ScopeView(
                scope.key(), scope.description(), shown, grantedBy.size(), rolesKnown, service.displayName());
    }

    private static PrincipalLink link(Principal principal, boolean mayOpen) {
        if (principal == null) {
            return PrincipalLink.removed();
        }
        PrincipalLink link = PrincipalLink.of(principal);
        return mayOpen ? link : link.unlinked();
    }
}
