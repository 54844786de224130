package dev.warden.web.console;

import dev.warden.core.permission.Permission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Permissions as the console groups them wherever it lists them for people (the role dialog's checkboxes, a role's
 * page): Warden's own first, then one group per registered service, titled with the service's display name.
 * @param service the registered service's name; null for Warden's own
 * @param title "Warden", or the service's display name
 */
public record PermissionGroupView(String service, String title, List<Permission> permissions) {
    public static final String WARDEN = "Warden";

    public PermissionGroupView {
        permissions = List.copyOf(permissions);
    }

    /**
     * @param displayNames each registered service's display name by its name ({@code ServiceRegistry.displayNames});
     *                     a service missing from it is titled by its name
     */
    public static List<PermissionGroupView> of(Collection<Permission> permissions, Map<String, String> displayNames) {
        Map<String, List<Permission>> byService = new LinkedHashMap<>();
        permissions.stream()
                .sorted()
                .forEach(p -> byService
                        .computeIfAbsent(p.service().orElse(""), s -> new ArrayList<>())
                        .add(p));
        List<PermissionGroupView> groups = new ArrayList<>();
        List<Permission> warden = byService.remove("");
        if (warden != null) {
            groups.add(new PermissionGroupView(null, WARDEN, warden));
        }
        byService.forEach((service, scopes) ->
                groups.add(new PermissionGroupView(service, displayNames.getOrDefault(service, service), scopes)));
        return List.copyOf(groups);
    }

    /** The group's id part and test id suffix: {@code warden} or the service's name. */
    public String slug() {
        return service == null ? "warden" : service;
    }
}
