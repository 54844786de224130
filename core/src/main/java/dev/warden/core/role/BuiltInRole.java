package dev.warden.core.role;

import dev.warden.core.permission.Permission;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The roles every workspace has. Their permissions live here, in code, so a permission added to the catalogue
 * reaches {@code workspace-admin} (and the read-only {@code auditor}) without a data migration.
 */
public enum BuiltInRole {
    WORKSPACE_ADMIN("workspace-admin", "Everything in the workspace", false, Set.copyOf(Permission.warden())),
    USER(
            "user",
            "Own access tokens; read the directory",
            false,
            Set.of(Permission.TOKENS_READ, Permission.TOKENS_WRITE, Permission.SCIM_READ, Permission.ROLES_READ)),
    AUDITOR("auditor", "Read everything, change nothing", false, readOnly()),
    GROUP_ADMIN(
            "group-admin",
            "Manage one group's members and its tokens",
            true,
            Set.of(
                    Permission.SCIM_READ,
                    Permission.SCIM_WRITE,
                    Permission.TOKEN_MANAGEMENT_READ,
                    Permission.TOKEN_MANAGEMENT_WRITE)),
    GROUP_MEMBER("group-member", "Read one group and its members", true, Set.of(Permission.SCIM_READ));

    private final String roleName;
    private final String description;
    private final boolean groupScoped;
    private final Set<Permission> permissions;

    BuiltInRole(String roleName, String description, boolean groupScoped, Set<Permission> permissions) {
        this.roleName = roleName;
        this.description = description;
        this.groupScoped = groupScoped;
        this.permissions = Set.copyOf(permissions);
    }

    public String roleName() {
        return roleName;
    }

    public String description() {
        return description;
    }

    /** Assignable only at one group's scope. */
    public boolean groupScoped() {
        return groupScoped;
    }

    /** Also every scope the workspace's registered services declare (see {@link PermissionResolver#permissionsOf}). */
    public boolean holdsWholeCatalogue() {
        return this == WORKSPACE_ADMIN;
    }

    /** Warden's own permissions it grants. */
    public Set<Permission> permissions() {
        return permissions;
    }

    public static Optional<BuiltInRole> named(String name) {
        return Arrays.stream(values())
                .filter(role -> role.roleName.equals(name))
                .findFirst();
    }

    private static Set<Permission> readOnly() {
        Set<Permission> read = new HashSet<>();
        for (Permission permission : Permission.warden()) {
            if (permission.key().endsWith(":read")) {
                read.add(permission);
            }
        }
        return read;
    }
}
