package dev.warden.core.permission;

import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every permission of one workspace: Warden's own, then the scopes of its registered services. What a role may grant,
 * a token may carry and a resource may ask for is looked up here, never in a list of its own.
 */
public record PermissionCatalogue(List<Permission> permissions) {
    public PermissionCatalogue {
        permissions = List.copyOf(permissions);
    }

    /** Warden's own permissions and the given services' scopes. */
    public static PermissionCatalogue with(Collection<Permission> serviceScopes) {
        List<Permission> all = new ArrayList<>(Permission.warden());
        serviceScopes.stream().sorted().forEach(all::add);
        return new PermissionCatalogue(all);
    }

    public Optional<Permission> find(String key) {
        return key == null
                ? Optional.empty()
                : permissions.stream().filter(p -> p.key().equals(key)).findFirst();
    }

    /** Every scope a token can hold, {@code all-apis} first. */
    public List<Scope> scopes() {
        List<Scope> all = new ArrayList<>();
        all.add(Scope.ALL_APIS);
        permissions.forEach(p -> all.add(Scope.of(p)));
        return List.copyOf(all);
    }

    public boolean knows(Scope scope) {
        return scope.equals(Scope.ALL_APIS) || find(scope.key()).isPresent();
    }

    /** What a scope lets a token do, as people read it. */
    public String describe(Scope scope) {
        return scope.equals(Scope.ALL_APIS)
                ? "Every API the owner's roles allow"
                : find(scope.key()).map(Permission::description).orElse("No longer in the catalogue");
    }

    /** Warden's own permissions under {@code ""}, then each service's scopes under its name, in catalogue order. */
    public Map<String, List<Permission>> byService() {
        Map<String, List<Permission>> grouped = new LinkedHashMap<>();
        permissions.forEach(p -> grouped.computeIfAbsent(p.service().orElse(""), s -> new ArrayList<>())
                .add(p));
        return grouped;
    }

    /**
     * Reads permission keys as a caller sent them; an unknown key is refused with the field named.
     * @param field the field name to report, as the caller spells it
     */
    public Set<Permission> parsePermissions(Collection<String> keys, String field) {
        Set<Permission> found = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (String key : keys) {
            find(key == null ? "" : key.strip()).ifPresentOrElse(found::add, () -> unknown.add(key));
        }
        if (!unknown.isEmpty()) {
            throw new InvalidParameterException(
                    field,
                    "Unknown permission" + (unknown.size() > 1 ? "s " : " ") + Validation.echoAll(unknown) + " in "
                            + field + ". Known permissions: " + String.join(", ", keys(permissions)) + ".");
        }
        return found;
    }

    /**
     * Reads scope keys as a caller sent them; an unknown key is refused with the field named.
     * @param field the field name to report, as the caller spells it
     */
    public Set<Scope> parseScopes(Collection<String> keys, String field) {
        Set<Scope> scopes = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (String key : keys) {
            String trimmed = key == null ? "" : key.strip();
            if (Scope.ALL_APIS.key().equals(trimmed)) {
                scopes.add(Scope.ALL_APIS);
            } else {
                find(trimmed).ifPresentOrElse(p -> scopes.add(Scope.of(p)), () -> unknown.add(key));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidParameterException(
                    field,
                    "Unknown scope" + (unknown.size() > 1 ? "s " : " ") + Validation.echoAll(unknown) + " in " + field
                            + ". Known scopes: all-apis, " + String.join(", ", keys(permissions)) + ".");
        }
        return scopes;
    }

    private static List<String> keys(List<Permission> permissions) {
        return permissions.stream().map(Permission::key).toList();
    }
}
