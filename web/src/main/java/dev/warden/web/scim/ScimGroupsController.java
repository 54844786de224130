package dev.warden.web.scim;

import dev.warden.core.entitlement.Entitlement;
import dev.warden.core.entitlement.EntitlementService;
import dev.warden.core.filter.FilterParser;
import dev.warden.core.group.Group;
import dev.warden.core.group.GroupAttributes;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupQuery;
import dev.warden.core.group.GroupService;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.TransactionRunner;
import dev.warden.web.scim.GroupPatch.AddMembers;
import dev.warden.web.scim.GroupPatch.ChangeEntitlements;
import dev.warden.web.scim.GroupPatch.RemoveMembers;
import dev.warden.web.scim.GroupPatch.Rename;
import dev.warden.web.scim.GroupPatch.ReplaceMembers;
import dev.warden.web.scim.GroupPatch.SetExternalId;
import dev.warden.web.scim.ScimModels.ComplexValue;
import dev.warden.web.scim.ScimModels.ListResponse;
import dev.warden.web.scim.ScimModels.PatchRequest;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * SCIM Groups in the Databricks dialect; members are users and service principals of the workspace.
 *
 * <p>Reading one group, PATCH and PUT declare their permission for the group in the path, so a group's
 * {@code group-admin} (who holds {@code scim:write} only at that group's scope) passes step 7 for its own group;
 * the group service then allows it member changes only (renaming, creating and deleting groups need
 * {@code scim:write} at workspace scope).
 */
@ApiController
@Tag(name = "SCIM Groups")
@RequestMapping(
        path = Scim.BASE + "/Groups",
        produces = {MediaType.APPLICATION_JSON_VALUE, Scim.SCIM_JSON})
class ScimGroupsController {
    private final GroupService groups;
    private final EntitlementService entitlements;
    private final ScimResources resources;
    private final TransactionRunner tx;

    ScimGroupsController(
            GroupService groups, EntitlementService entitlements, ScimResources resources, TransactionRunner tx) {
        this.groups = groups;
        this.entitlements = entitlements;
        this.resources = resources;
        this.tx = tx;
    }

    @GetMapping
    @RequiresPermission("scim:read")
    ListResponse list(
            Actor actor,
            @RequestParam(required = false) String filter,
            @RequestParam(required = false) String attributes,
            @RequestParam(required = false) String excludedAttributes,
            @RequestParam(required = false) String sortBy,
            @RequestParam(required = false) String sortOrder,
            @RequestParam(required = false) String startIndex,
            @RequestParam(required = false) String count) {
        GroupQuery query = GroupQuery.filtered(
                FilterParser.parse(filter, GroupAttributes.GROUPS),
                GroupAttributes.GROUPS.sortOrder(sortBy, sortOrder));
        ScimAttributes wanted = ScimAttributes.of(attributes, excludedAttributes);
        return resources.groups(actor, groups.search(actor, query, Scim.page(startIndex, count)), wanted);
    }

    @GetMapping("/{id}")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ScimModels.Group.class)))
    @RequiresPermission(value = "scim:read", group = "id")
    JsonNode get(
            Actor actor,
            @PathVariable String id,
            @RequestParam(required = false) String attributes,
            @RequestParam(required = false) String excludedAttributes) {
        return resources.group(
                actor, groups.get(actor, Scim.groupId(id)), ScimAttributes.of(attributes, excludedAttributes));
    }

    @PostMapping
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = ScimModels.Group.class)))
    @RequiresPermission("scim:write")
    ResponseEntity<JsonNode> create(Actor actor, @RequestBody ScimModels.Group body) {
        List<String> wanted = ScimEntitlements.values(body.entitlements());
        Group group = tx.inTransaction(() -> {
            Group created = groups.create(actor, body.displayName(), body.externalId(), members(body.members()));
            if (wanted != null) {
                entitlements.replace(actor, created.id(), wanted);
            }
            return created;
        });
        return ResponseEntity.created(URI.create(Scim.BASE + "/Groups/" + group.id()))
                .body(resources.group(actor, group, ScimAttributes.ALL));
    }

    /** Full replace: members left out means no members; entitlements left out stay as they are. */
    @PutMapping("/{id}")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ScimModels.Group.class)))
    @RequiresPermission(value = "scim:write", group = "id")
    JsonNode replace(Actor actor, @PathVariable String id, @RequestBody ScimModels.Group body) {
        GroupId groupId = Scim.groupId(id);
        List<String> wanted = ScimEntitlements.values(body.entitlements());
        Group group = tx.inTransaction(() -> {
            Group replaced =
                    groups.replace(actor, groupId, body.displayName(), body.externalId(), members(body.members()));
            if (wanted != null) {
                entitlements.replace(actor, groupId, wanted);
            }
            return replaced;
        });
        return resources.group(actor, group, ScimAttributes.ALL);
    }

    @PatchMapping("/{id}")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ScimModels.Group.class)))
    @RequiresPermission(value = "scim:write", group = "id")
    JsonNode patch(Actor actor, @PathVariable String id, @RequestBody PatchRequest body) {
        GroupId groupId = Scim.groupId(id);
        List<GroupPatch.Step> steps = GroupPatch.steps(ScimPatch.read(body));
        Group patched = tx.inTransaction(() -> {
            Group group = groups.get(actor, groupId);
            for (GroupPatch.Step step : steps) {
                group = apply(actor, group, step);
            }
            return group;
        });
        return resources.group(actor, patched, ScimAttributes.ALL);
    }

    /** Deletes the group with its memberships and the roles given to it; its members stay. */
    @DeleteMapping("/{id}")
    @RequiresPermission("scim:write")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String id) {
        groups.delete(actor, Scim.groupId(id));
        return ResponseEntity.noContent().build();
    }

    private Group apply(Actor actor, Group group, GroupPatch.Step step) {
        if (step instanceof Rename rename) {
            return groups.replace(actor, group.id(), rename.displayName(), group.externalId(), null);
        }
        if (step instanceof SetExternalId external) {
            return groups.replace(actor, group.id(), group.displayName(), external.externalId(), null);
        }
        if (step instanceof AddMembers add) {
            groups.addMembers(actor, group.id(), add.members());
        } else if (step instanceof RemoveMembers remove) {
            groups.removeMembers(actor, group.id(), remove.members());
        } else if (step instanceof ReplaceMembers replace) {
            return groups.replace(actor, group.id(), group.displayName(), group.externalId(), replace.members());
        } else if (step instanceof ChangeEntitlements change) {
            Set<String> held =
                    entitlements.ofGroups(actor, List.of(group.id())).getOrDefault(group.id(), Set.of()).stream()
                            .map(Entitlement::value)
                            .collect(Collectors.toSet());
            entitlements.replace(actor, group.id(), ScimEntitlements.apply(held, change.change()));
        }
        return group;
    }

    private static List<PrincipalId> members(List<ComplexValue> members) {
        return members == null
                ? List.of()
                : members.stream()
                        .map(member -> ScimPatch.memberId(member.value()))
                        .toList();
    }
}
