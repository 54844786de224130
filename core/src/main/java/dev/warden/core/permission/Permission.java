package dev.warden.core.permission;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One {@code resource:action} permission of a workspace's catalogue: Warden's own (the constants below, the same in
 * every workspace) or a scope a registered service declared ({@code wiki:read}). Roles grant permissions, scopes
 * restrict tokens to them, and the decision chain treats both kinds alike. Two permissions are equal when their keys
 * are; the description is only what people read.
 */
public final class Permission implements Comparable<Permission> {
    public static final Permission TOKENS_READ = warden("tokens:read", "Read your own access tokens");
    public static final Permission TOKENS_WRITE =
            warden("tokens:write", "Create, revoke, restore and delete your own access tokens");
    public static final Permission TOKEN_MANAGEMENT_READ =
            warden("token-management:read", "Read every access token in the workspace");
    public static final Permission TOKEN_MANAGEMENT_WRITE =
            warden("token-management:write", "Create, revoke and delete any access token in the workspace");
    public static final Permission PERMISSIONS_READ =
            warden("permissions:read", "Read the token usage permission list");
    public static final Permission PERMISSIONS_WRITE =
            warden("permissions:write", "Change the token usage permission list");
    public static final Permission SCIM_READ = warden("scim:read", "Read users, service principals and groups");
    public static final Permission SCIM_WRITE =
            warden("scim:write", "Create and change users, service principals and groups");
    public static final Permission SETTINGS_READ = warden("settings:read", "Read workspace settings");
    public static final Permission SETTINGS_WRITE = warden("settings:write", "Change workspace settings");
    public static final Permission AUDIT_READ = warden("audit:read", "Read the audit log");
    public static final Permission ROLES_READ = warden("roles:read", "Read roles and who holds them");
    public static final Permission ROLES_WRITE = warden("roles:write", "Define roles and assign them");
    public static final Permission SERVICES_READ =
            warden("services:read", "Read the registered services and their scopes");
    public static final Permission SERVICES_WRITE =
            warden("services:write", "Register services, change their scopes and remove them");
    public static final Permission METRICS_READ =
            warden("metrics:read", "Read Warden's operational metrics (/actuator/prometheus)");

    private static final List<Permission> WARDEN = List.of(
            TOKENS_READ,
            TOKENS_WRITE,
            TOKEN_MANAGEMENT_READ,
            TOKEN_MANAGEMENT_WRITE,
            PERMISSIONS_READ,
            PERMISSIONS_WRITE,
            SCIM_READ,
            SCIM_WRITE,
            SETTINGS_READ,
            SETTINGS_WRITE,
            AUDIT_READ,
            ROLES_READ,
            ROLES_WRITE,
            SERVICES_READ,
            SERVICES_WRITE,
            METRICS_READ);
    private static final Map<String, Permission> WARDEN_BY_KEY =
            WARDEN.stream().collect(Collectors.toUnmodifiableMap(Permission::key, Function.identity()));

    private final String key;
    private final String description;
    /** The registered service that declared it; null for Warden's own. */
    private final String service;

    private Permission(String key, String description, String service) {
        this.key = Objects.requireNonNull(key, "key");
        this.description = description == null ? "" : description;
        this.service = service;
    }

    private static Permission warden(String key, String description) {
        return new Permission(key, description, null);
    }

    /** A scope of the registered service {@code service}; its key starts with {@code service + ":"}. */
    public static Permission ofService(String service, String key, String description) {
        if (!key.startsWith(service + ":")) {
            throw new IllegalArgumentException("scope " + key + " is not under " + service + ":");
        }
        return new Permission(key, description, service);
    }

    /** Warden's own permissions, in catalogue order. */
    public static List<Permission> warden() {
        return WARDEN;
    }

    /** One of Warden's own permissions; a service's scope is found in its workspace's {@link PermissionCatalogue}. */
    public static Optional<Permission> fromKey(String key) {
        return Optional.ofNullable(WARDEN_BY_KEY.get(key));
    }

    /** The resource part of a key: {@code wiki} for {@code wiki:read}. */
    public static String resourceOf(String key) {
        int colon = key.indexOf(':');
        return colon < 0 ? key : key.substring(0, colon);
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** The registered service that declared this permission, when it is not Warden's own. */
    public Optional<String> service() {
        return Optional.ofNullable(service);
    }

    /** Warden's own first, in catalogue order; then services' scopes by key. */
    @Override
    public int compareTo(Permission other) {
        int mine = WARDEN.indexOf(this);
        int theirs = WARDEN.indexOf(other);
        if (mine >= 0 || theirs >= 0) {
            return Integer.compare(mine < 0 ? Integer.MAX_VALUE : mine, theirs < 0 ? Integer.MAX_VALUE : theirs);
        }
        return key.compareTo(other.key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Permission permission && permission.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }
}
