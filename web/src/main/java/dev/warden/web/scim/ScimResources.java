package dev.warden.web.scim;

import dev.warden.core.entitlement.Entitlement;
import dev.warden.core.entitlement.EntitlementService;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupService;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.role.AuthorisedActor;
import dev.warden.core.role.EffectivePermissions;
import dev.warden.core.role.Grant;
import dev.warden.core.role.PermissionResolver;
import dev.warden.core.shared.Page;
import dev.warden.web.scim.ScimModels.ComplexValue;
import dev.warden.web.scim.ScimModels.ListResponse;
import dev.warden.web.scim.ScimModels.Meta;
import dev.warden.web.scim.ScimModels.Name;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders principals and groups as SCIM resources. Ids are the decimal 64-bit ids; {@code groups} lists the groups
 * a principal is directly in, {@code roles} the Warden roles it holds (direct, or inherited through a group),
 * {@code entitlements} those given to it directly (left out when none), and a group's {@code members} its users
 * and service principals with a {@code $ref} to their resource. A page's entitlements are read in one query.
 */
@Component
class ScimResources {
    private final GroupService groups;
    private final EntitlementService entitlements;
    private final PermissionResolver permissions;
    private final ObjectMapper json;

    ScimResources(
            GroupService groups, EntitlementService entitlements, PermissionResolver permissions, ObjectMapper json) {
        this.groups = groups;
        this.entitlements = entitlements;
        this.permissions = permissions;
        this.json = json;
    }

    JsonNode user(Actor actor, Principal user, ScimAttributes attributes) {
        return user(actor, user, attributes, entitlementsOf(actor, List.of(user), attributes));
    }

    /** A page of users, their entitlements read in one go. */
    ListResponse users(Actor actor, Page<Principal> page, ScimAttributes attributes) {
        Map<PrincipalId, Set<Entitlement>> held = entitlementsOf(actor, page.items(), attributes);
        return list(page, user -> user(actor, user, attributes, held));
    }

    JsonNode servicePrincipal(Actor actor, Principal servicePrincipal, ScimAttributes attributes) {
        return servicePrincipal(
                actor, servicePrincipal, attributes, entitlementsOf(actor, List.of(servicePrincipal), attributes));
    }

    ListResponse servicePrincipals(Actor actor, Page<Principal> page, ScimAttributes attributes) {
        Map<PrincipalId, Set<Entitlement>> held = entitlementsOf(actor, page.items(), attributes);
        return list(page, servicePrincipal -> servicePrincipal(actor, servicePrincipal, attributes, held));
    }

    JsonNode group(Actor actor, Group group, ScimAttributes attributes) {
        return group(actor, group, attributes, groupEntitlementsOf(actor, List.of(group), attributes));
    }

    ListResponse groups(Actor actor, Page<Group> page, ScimAttributes attributes) {
        Map<GroupId, Set<Entitlement>> held = groupEntitlementsOf(actor, page.items(), attributes);
        return list(page, group -> group(actor, group, attributes, held));
    }

    private JsonNode user(
            Actor actor, Principal user, ScimAttributes attributes, Map<PrincipalId, Set<Entitlement>> held) {
        Name name = user.givenName() == null && user.familyName() == null
                ? null
                : new Name(user.givenName(), user.familyName());
        List<ComplexValue> emails =
                user.email() == null ? null : List.of(new ComplexValue(user.email(), null, null, "work", true));
        String userName = user.userName() != null ? user.userName() : user.name();
        return render(
                new ScimModels.User(
                        List.of(Scim.USER, Scim.WORKSPACE_USER),
                        id(user),
                        userName,
                        user.displayName(),
                        user.active(),
                        name,
                        emails,
                        groupsOf(actor, user, attributes),
                        rolesOf(actor, user, attributes),
                        ScimEntitlements.of(held.get(user.id())),
                        user.externalId(),
                        new Meta("User")),
                attributes);
    }

    private JsonNode servicePrincipal(
            Actor actor,
            Principal servicePrincipal,
            ScimAttributes attributes,
            Map<PrincipalId, Set<Entitlement>> held) {
        return render(
                new ScimModels.ServicePrincipal(
                        List.of(Scim.SERVICE_PRINCIPAL),
                        id(servicePrincipal),
                        servicePrincipal.applicationId(),
                        servicePrincipal.displayName(),
                        servicePrincipal.active(),
                        groupsOf(actor, servicePrincipal, attributes),
                        rolesOf(actor, servicePrincipal, attributes),
                        ScimEntitlements.of(held.get(servicePrincipal.id())),
                        servicePrincipal.externalId(),
                        new Meta("ServicePrincipal")),
                attributes);
    }

    private JsonNode group(Actor actor, Group group, ScimAttributes attributes, Map<GroupId, Set<Entitlement>> held) {
        List<ComplexValue> members = !attributes.wants("members")
                ? null
                : groups.members(actor, group.id()).stream()
                        .map(member -> ComplexValue.of(
                                id(member),
                                member.displayName(),
                                (member.kind() == PrincipalKind.SERVICE_PRINCIPAL ? "ServicePrincipals/" : "Users/")
                                        + member.id()))
                        .toList();
        return render(
                new ScimModels.Group(
                        List.of(Scim.GROUP),
                        String.valueOf(group.id()),
                        group.displayName(),
                        members,
                        null,
                        null,
                        ScimEntitlements.of(held.get(group.id())),
                        group.externalId(),
                        new Meta("Group")),
                attributes);
    }

    private Map<PrincipalId, Set<Entitlement>> entitlementsOf(
            Actor actor, List<Principal> principals, ScimAttributes attributes) {
        return attributes.wants(ScimEntitlements.FIELD)
                ? entitlements.ofPrincipals(
                        actor, principals.stream().map(Principal::id).toList())
                : Map.of();
    }

    private Map<GroupId, Set<Entitlement>> groupEntitlementsOf(
            Actor actor, List<Group> found, ScimAttributes attributes) {
        return attributes.wants(ScimEntitlements.FIELD)
                ? entitlements.ofGroups(actor, found.stream().map(Group::id).toList())
                : Map.of();
    }

    <T> ListResponse list(Page<T> page, Function<T, JsonNode> render) {
        List<JsonNode> resources = page.items().stream().map(render).toList();
        return new ListResponse(
                List.of(Scim.LIST_RESPONSE), page.total(), page.request().offset() + 1L, resources.size(), resources);
    }

    private List<ComplexValue> groupsOf(Actor actor, Principal principal, ScimAttributes attributes) {
        if (!attributes.wants("groups")) {
            return null;
        }
        return groups.groupsOf(actor, principal.id()).stream()
                .map(group -> new ComplexValue(
                        String.valueOf(group.id()), group.displayName(), "Groups/" + group.id(), "direct", null))
                .toList();
    }

    /**
     * The roles assigned to the principal, whether or not it is active right now (the resolver answers "nothing"
     * for an inactive principal, which is right for access but not for showing its assignments).
     */
    private List<ComplexValue> rolesOf(Actor actor, Principal principal, ScimAttributes attributes) {
        if (!attributes.wants("roles")) {
            return null;
        }
        // the caller itself (SCIM Me) is active, and its request already resolved what it holds
        EffectivePermissions held = AuthorisedActor.of(actor)
                .filter(authorised -> authorised.principal().id().equals(principal.id()))
                .map(AuthorisedActor::permissions)
                .orElseGet(() -> permissions.of(principal.withActive(true)));
        return held.assignments().stream().map(ScimResources::role).distinct().toList();
    }

    private static ComplexValue role(Grant grant) {
        StringBuilder display = new StringBuilder(grant.role().name());
        if (!grant.atWorkspaceScope()) {
            display.append(" for group ").append(grant.scope().displayName());
        }
        if (grant.inherited()) {
            display.append(" via group ").append(grant.via().displayName());
        }
        return new ComplexValue(
                grant.role().name(), display.toString(), null, grant.inherited() ? "inherited" : "direct", null);
    }

    private JsonNode render(Object resource, ScimAttributes attributes) {
        ObjectNode node = json.valueToTree(resource);
        return attributes.apply(node);
    }

    private static String id(Principal principal) {
        return String.valueOf(principal.id());
    }
}
