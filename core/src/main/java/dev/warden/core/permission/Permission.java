package dev.warden.core.permission;

import java.util.Arrays;
import java.util.Optional;

/** The catalogue of {@code resource:action} permissions. Roles grant them; scopes restrict tokens to them. */
public enum Permission {
    TOKENS_READ("tokens:read", "Read your own access tokens"),
    TOKENS_WRITE("tokens:write", "Create, revoke, restore and delete your own access tokens"),
    TOKEN_MANAGEMENT_READ("token-management:read", "Read every access token in the workspace"),
    TOKEN_MANAGEMENT_WRITE("token-management:write", "Create, revoke and delete any access token in the workspace"),
    PERMISSIONS_READ("permissions:read", "Read the token usage permission list"),
    PERMISSIONS_WRITE("permissions:write", "Change the token usage permission list"),
    SCIM_READ("scim:read", "Read users, service principals and groups"),
    SCIM_WRITE("scim:write", "Create and change users, service principals and groups"),
    SETTINGS_READ("settings:read", "Read workspace settings"),
    SETTINGS_WRITE("settings:write", "Change workspace settings"),
    AUDIT_READ("audit:read", "Read the audit log"),
    ROLES_READ("roles:read", "Read roles and who holds them"),
    ROLES_WRITE("roles:write", "Define roles and assign them");

    private final String key;
    private final String description;

    Permission(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public static Optional<Permission> fromKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}
