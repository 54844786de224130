package dev.warden.web.directory;

import dev.warden.core.group.Group;
import dev.warden.core.group.GroupQuery;
import dev.warden.core.group.GroupService;
import dev.warden.core.principal.Actor;
import dev.warden.core.role.Role;
import dev.warden.core.role.RoleService;
import dev.warden.core.shared.PageRequest;
import dev.warden.web.console.Abilities;
import dev.warden.web.console.ConsoleAccess;
import dev.warden.web.directory.ServicePrincipalActionsView.Choice;
import dev.warden.web.oauth.SecretsPanels;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Everything a service principal's page shows (its facts, groups, roles, tokens and OAuth secrets) and what the
 * viewer may do there, for the page and for each region an action answers with.
 */
@Component
class ServicePrincipalPageModel {
    /** Groups offered in one select; a workspace with more adds members on the group's own page. */
    private static final int GROUP_CHOICES = 500;

    static final String GROUP_FORM = "groupForm";
    static final String ROLE_FORM = "roleForm";

    private final PrincipalPages pages;
    private final SecretsPanels secrets;
    private final GroupService groups;
    private final RoleService roles;
    private final ConsoleAccess access;

    ServicePrincipalPageModel(
            PrincipalPages pages, SecretsPanels secrets, GroupService groups, RoleService roles, ConsoleAccess access) {
        this.pages = pages;
        this.secrets = secrets;
        this.groups = groups;
        this.roles = roles;
        this.access = access;
    }

    /** The page's model; forms already in the model (sent back with their errors) stay. */
    void add(Actor actor, long id, Model model) {
        PrincipalDetailView principal = pages.detail(actor, DirectoryKind.SERVICE_PRINCIPAL, id);
        model.addAttribute("kind", DirectoryKind.SERVICE_PRINCIPAL);
        model.addAttribute("principal", principal);
        addDetails(actor, principal, model);
    }

    /** What the service principal's page shows besides the common facts: its secrets and the actions. */
    void addDetails(Actor actor, PrincipalDetailView principal, Model model) {
        model.addAttribute("secrets", secrets.of(actor, principal.id()));
        model.addAttribute("actions", actions(actor, principal));
        if (!model.containsAttribute(GROUP_FORM)) {
            model.addAttribute(GROUP_FORM, new AddToGroupForm());
        }
        if (!model.containsAttribute(ROLE_FORM)) {
            model.addAttribute(ROLE_FORM, new PrincipalRoleForm());
        }
    }

    private ServicePrincipalActionsView actions(Actor actor, PrincipalDetailView principal) {
        Abilities can = access.of(actor);
        Set<Long> memberOf = principal.groups().stream()
                .map(PrincipalDetailView.GroupLink::id)
                .collect(Collectors.toSet());
        List<Group> readable = can.readGroups()
                ? groups.search(actor, GroupQuery.ALL, PageRequest.first(GROUP_CHOICES))
                        .items()
                : List.of();
        List<Choice> joinable = readable.stream()
                .filter(g -> !memberOf.contains(g.id().value()) && can.writeGroup(g.id().value()))
                .map(ServicePrincipalPageModel::choice)
                .toList();
        Set<Long> removable = memberOf.stream().filter(can::writeGroup).collect(Collectors.toSet());
        boolean mayAssign = can.writeRoles() && can.readRoles();
        List<Choice> roleChoices = mayAssign
                ? roles.list(actor).stream()
                        .sorted(Comparator.comparing(Role::name))
                        .map(r -> new Choice(r.id().value(), r.name()))
                        .toList()
                : List.of();
        return new ServicePrincipalActionsView(
                can.writeTokens() && principal.active(),
                joinable,
                removable,
                mayAssign,
                roleChoices,
                mayAssign
                        ? readable.stream()
                                .map(ServicePrincipalPageModel::choice)
                                .toList()
                        : List.of());
    }

    private static Choice choice(Group group) {
        return new Choice(group.id().value(), group.displayName());
    }
}
