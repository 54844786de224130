package dev.warden.core.role;

import dev.warden.core.permission.Permission;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A named set of permissions. Built-in roles take their permissions from {@link BuiltInRole} and cannot be
 * changed; custom roles hold whatever set an admin ticked.
 */
public record Role(
        RoleId id,
        WorkspaceId workspace,
        String name,
        String description,
        boolean builtIn,
        Set<Permission> permissions) {
    public Role {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        permissions = Collections.unmodifiableSet(new TreeSet<>(permissions));
    }

    public static Role custom(WorkspaceId workspace, String name, String description, Set<Permission> permissions) {
        return new Role(null, workspace, name, description, false, permissions);
    }

    public Optional<BuiltInRole> asBuiltIn() {
        return builtIn ? BuiltInRole.named(name) : Optional.empty();
    }

    /** Only at one group's scope ({@code group-admin}, {@code group-member}). */
    public boolean groupScopedOnly() {
        return asBuiltIn().map(BuiltInRole::groupScoped).orElse(false);
    }

    public Role withId(RoleId newId) {
        return new Role(newId, workspace, name, description, builtIn, permissions);
    }

    public Role edited(String newName, String newDescription, Set<Permission> newPermissions) {
        return new Role(id, workspace, newName, newDescription, builtIn, newPermissions);
    }
}
