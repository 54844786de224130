package dev.warden.web.tokenusage;

import dev.warden.core.group.Group;
import dev.warden.core.group.GroupId;
import dev.warden.core.group.GroupNames;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.principal.PrincipalNames;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import dev.warden.core.tokenusage.TokenUsageEntry;
import dev.warden.core.tokenusage.TokenUsageLevel;
import dev.warden.core.tokenusage.TokenUsageService;
import dev.warden.web.shared.ApiController;
import dev.warden.web.shared.RequiresPermission;
import dev.warden.web.tokenusage.TokenPermissionsModels.AclRequest;
import dev.warden.web.tokenusage.TokenPermissionsModels.EntryRequest;
import dev.warden.web.tokenusage.TokenPermissionsModels.EntryResponse;
import dev.warden.web.tokenusage.TokenPermissionsModels.PermissionLevel;
import dev.warden.web.tokenusage.TokenPermissionsModels.PermissionLevels;
import dev.warden.web.tokenusage.TokenPermissionsModels.PermissionResponse;
import dev.warden.web.tokenusage.TokenPermissionsModels.TokenPermissions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The token usage list, the Databricks object {@code authorization/tokens}: who may create and use tokens.
 * PATCH adds or changes the given entries and keeps the rest; PUT replaces every direct entry; both answer the
 * complete resulting list. An entry grants CAN_USE; CAN_MANAGE is the workspace admins' level, held through their
 * role: always listed, never removable, never granted (a request for it is 400, as Databricks recommends). Every
 * name in a write is resolved before anything changes, so an unknown name or level changes nothing.
 */
@ApiController
@Tag(name = "Token permissions", description = "Databricks: who may use tokens (authorization/tokens)")
@RequestMapping(
        path = {"/api/2.0/permissions/authorization/tokens", "/api/2.0/preview/permissions/authorization/tokens"},
        produces = "application/json")
class TokenPermissionsApiController {
    private static final String FIELD = "access_control_list";
    private static final String GRANTS = "An entry's permission_level is CAN_USE: create, use and revoke one's own"
            + " tokens. CAN_MANAGE is reserved for workspace admins, who hold it through the workspace-admin role and"
            + " are always listed with it; asking for it is 400 INVALID_PARAMETER_VALUE naming"
            + " access_control_list[i].permission_level, and nothing changes. Managing everyone's tokens comes from"
            + " roles (token-management:write; permissions:write for this list).";

    private final TokenUsageService usage;
    private final PrincipalNames principals;
    private final GroupNames groups;

    TokenPermissionsApiController(TokenUsageService usage, PrincipalNames principals, GroupNames groups) {
        this.usage = usage;
        this.principals = principals;
        this.groups = groups;
    }

    @GetMapping
    @RequiresPermission("permissions:read")
    TokenPermissions get(Actor actor) {
        return describe(actor, usage.entries(actor));
    }

    /** Adds the given entries or changes their level; every other entry stays. */
    @PatchMapping
    @RequiresPermission("permissions:write")
    @Operation(summary = "Add or change entries of the token usage list; the others stay", description = GRANTS)
    TokenPermissions update(Actor actor, @RequestBody AclRequest request) {
        return describe(actor, usage.patch(actor, resolve(actor, request)));
    }

    /** Replaces every direct entry (an empty list clears them); the workspace admins keep CAN_MANAGE. */
    @PutMapping
    @RequiresPermission("permissions:write")
    @Operation(
            summary = "Replace every entry of the token usage list (the workspace admins stay)",
            description = GRANTS)
    TokenPermissions set(Actor actor, @RequestBody AclRequest request) {
        return describe(actor, usage.replace(actor, resolve(actor, request)));
    }

    @GetMapping("/permissionLevels")
    @RequiresPermission("permissions:read")
    @Operation(summary = "The levels: CAN_USE, which entries grant, and CAN_MANAGE, the workspace admins' own")
    PermissionLevels levels() {
        return new PermissionLevels(Arrays.stream(TokenUsageLevel.values())
                .map(level -> new PermissionLevel(level.name(), level.description()))
                .toList());
    }

    private List<TokenUsageEntry> resolve(Actor actor, AclRequest request) {
        if (request == null || request.accessControlList() == null) {
            throw new InvalidParameterException(
                    FIELD, FIELD + " is required (a list; empty clears the entries with PUT).");
        }
        List<TokenUsageEntry> entries = new ArrayList<>();
        List<EntryRequest> list = request.accessControlList();
        for (int i = 0; i < list.size(); i++) {
            EntryRequest entry = list.get(i);
            String at = FIELD + "[" + i + "]";
            if (entry == null) {
                throw new InvalidParameterException(at, at + " must be an object.");
            }
            long subjects = java.util.stream.Stream.of(
                            entry.userName(), entry.groupName(), entry.servicePrincipalName())
                    .filter(value -> value != null && !value.isBlank())
                    .count();
            if (subjects != 1) {
                throw new InvalidParameterException(
                        at,
                        at + " must name exactly one of user_name, group_name and"
                                + " service_principal_name; it names " + subjects + ".");
            }
            TokenUsageLevel level = level(at, entry.permissionLevel());
            if (entry.userName() != null && !entry.userName().isBlank()) {
                Principal user = principals
                        .user(actor.workspace(), entry.userName())
                        .orElseThrow(() -> new InvalidParameterException(
                                at + ".user_name",
                                "User " + Validation.echo(entry.userName())
                                        + " does not exist in this workspace. Nothing was changed."));
                entries.add(TokenUsageEntry.forPrincipal(user.id(), level));
            } else if (entry.servicePrincipalName() != null
                    && !entry.servicePrincipalName().isBlank()) {
                principals
                        .technicalUser(actor.workspace(), entry.servicePrincipalName())
                        .ifPresent(technical -> {
                            throw new InvalidParameterException(
                                    at + ".service_principal_name",
                                    Validation.echo(entry.servicePrincipalName()) + " is the technical user of an"
                                            + " organisation or group token: it may always use its one token and takes no"
                                            + " entry in the token usage list. Nothing was changed.");
                        });
                Principal sp = principals
                        .servicePrincipal(actor.workspace(), entry.servicePrincipalName())
                        .orElseThrow(() -> new InvalidParameterException(
                                at + ".service_principal_name",
                                "Service principal with applicationId " + Validation.echo(entry.servicePrincipalName())
                                        + " does not exist in this workspace. Nothing was changed."));
                entries.add(TokenUsageEntry.forPrincipal(sp.id(), level));
            } else {
                Group group = groups.byDisplayName(actor.workspace(), entry.groupName())
                        .orElseThrow(() -> new InvalidParameterException(
                                at + ".group_name",
                                "Group " + Validation.echo(entry.groupName())
                                        + " does not exist in this workspace. Nothing was changed."));
                entries.add(TokenUsageEntry.forGroup(group.id(), level));
            }
        }
        return entries;
    }

    private static TokenUsageLevel level(String at, String raw) {
        String field = at + ".permission_level";
        if (raw == null || raw.isBlank()) {
            throw new InvalidParameterException(field, field + " is required: CAN_USE.");
        }
        try {
            return TokenUsageLevel.valueOf(raw.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(
                    field,
                    "Unknown permission_level " + Validation.echo(raw) + " for authorization/tokens;"
                            + " use CAN_USE. Nothing was changed.");
        }
    }

    /** The direct entries, then every workspace admin's implicit CAN_MANAGE (merged into its entry if it has one). */
    private TokenPermissions describe(Actor actor, List<TokenUsageEntry> entries) {
        Map<PrincipalId, Principal> named = principals.byId(
                actor.workspace(),
                entries.stream().map(TokenUsageEntry::principal).toList());
        Map<GroupId, Group> groupsById = groups.byId(
                actor.workspace(), entries.stream().map(TokenUsageEntry::group).toList());
        Map<Object, EntryResponse> result = new LinkedHashMap<>();
        for (TokenUsageEntry entry : entries) {
            PermissionResponse direct = PermissionResponse.direct(entry.level().name());
            if (entry.group() != null) {
                Optional.ofNullable(groupsById.get(entry.group()))
                        .ifPresent(group -> result.put(
                                group.id(),
                                new EntryResponse(
                                        null, group.displayName(), null, group.displayName(), List.of(direct))));
            } else {
                Optional.ofNullable(named.get(entry.principal()))
                        .ifPresent(principal -> result.put(principal.id(), forPrincipal(principal, List.of(direct))));
            }
        }
        for (Principal admin : usage.implicitManagers(actor)) {
            EntryResponse existing = result.get(admin.id());
            List<PermissionResponse> permissions = new ArrayList<>();
            if (existing != null) {
                permissions.addAll(existing.allPermissions());
            }
            permissions.add(PermissionResponse.fromWorkspaceAdmin());
            result.put(admin.id(), forPrincipal(admin, permissions));
        }
        return TokenPermissions.of(List.copyOf(result.values()));
    }

    /**
     * A user by its userName, a service principal by its applicationId, and a technical user (the owner of an
     * organisation or group token, listed when its token was given the workspace-admin role) as a service principal
     * named {@code technical-user-<id>}: it has neither name, and like a service principal it is a machine identity
     * that never signs in. Every entry thus names its principal in one of the fields the SDK reads.
     */
    private static EntryResponse forPrincipal(Principal principal, List<PermissionResponse> permissions) {
        return switch (principal.kind()) {
            case SERVICE_PRINCIPAL ->
                new EntryResponse(null, null, principal.applicationId(), principal.displayName(), permissions);
            case TECHNICAL_USER ->
                new EntryResponse(
                        null, null, PrincipalNames.technicalUserName(principal), principal.displayName(), permissions);
            case USER -> new EntryResponse(principal.userName(), null, null, principal.displayName(), permissions);
        };
    }
}
