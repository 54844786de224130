package dev.warden.web.permission;

import dev.warden.core.permission.Permission;
import dev.warden.core.permission.PermissionCatalogue;
import dev.warden.core.permission.Scope;
import dev.warden.web.shared.ApiRoutes;
import dev.warden.web.shared.ApiRoutes.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Every scope a token of a workspace can hold, in its {@link PermissionCatalogue} order, with the Warden API endpoints
 * it lets a token call: a permission's scope the endpoints whose route declares that permission, {@code all-apis}
 * every endpoint (and every registered service's scopes), a registered service's scope none of Warden's (it opens
 * that service). Read from {@link ApiRoutes}, the declarations the decision chain enforces, so the catalogue cannot
 * drift from them.
 */
@Component
class ScopeCatalogue {
    static final String ALL_APIS_RESOURCE = "all-apis";

    private final ApiRoutes routes;

    ScopeCatalogue(ApiRoutes routes) {
        this.routes = routes;
    }

    /**
     * One scope and the endpoints a token holding it may call (its owner's roles permitting).
     * @param resource the part of the key before the colon ({@code token-management}); {@code all-apis} for itself
     * @param service the registered service that declared the scope; null for Warden's own and {@code all-apis}
     */
    record Entry(
            Scope scope,
            String description,
            String resource,
            String service,
            List<Route> endpoints,
            boolean everyEndpoint) {
        String key() {
            return scope.key();
        }
    }

    /**
     * A resource's scopes, for the console page's grouping.
     * @param service the registered service these scopes open; null for Warden's own and {@code all-apis}
     * @param title the heading: the resource, or the service's display name
     */
    record ResourceGroup(String resource, String service, String title, List<Entry> entries) {}

    List<Entry> entries(PermissionCatalogue catalogue) {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(
                Scope.ALL_APIS, catalogue.describe(Scope.ALL_APIS), ALL_APIS_RESOURCE, null, routes.all(), true));
        for (Permission permission : catalogue.permissions()) {
            entries.add(new Entry(
                    Scope.of(permission),
                    permission.description(),
                    Permission.resourceOf(permission.key()),
                    permission.service().orElse(null),
                    permission.service().isPresent() ? List.of() : routes.needing(permission),
                    false));
        }
        return List.copyOf(entries);
    }

    /** How many API endpoints there are (what {@code all-apis} covers). */
    int endpointCount() {
        return routes.all().size();
    }

    /**
     * The entries grouped by resource (a registered service's titled with its display name, from
     * {@code displayNames}), in catalogue order, narrowed to {@code q} (case-insensitive): a scope whose
     * key or description contains it keeps all its endpoints; otherwise only the endpoints whose
     * {@code METHOD path} contains it are kept, and a scope with none left is dropped. {@code all-apis} covers
     * every endpoint, so it stays whenever any endpoint matches. A blank {@code q} keeps everything.
     */
    List<ResourceGroup> grouped(PermissionCatalogue catalogue, Map<String, String> displayNames, String q) {
        String needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        for (Entry entry : entries(catalogue)) {
            Entry kept = narrowed(entry, needle);
            if (kept != null) {
                groups.computeIfAbsent(kept.resource(), r -> new ArrayList<>()).add(kept);
            }
        }
        return groups.entrySet().stream()
                .map(e -> {
                    String service = e.getValue().get(0).service();
                    String title = service == null ? e.getKey() : displayNames.getOrDefault(service, service);
                    return new ResourceGroup(e.getKey(), service, title, List.copyOf(e.getValue()));
                })
                .toList();
    }

    private static Entry narrowed(Entry entry, String needle) {
        if (needle.isEmpty() || contains(entry.key(), needle) || contains(entry.description(), needle)) {
            return entry;
        }
        List<Route> matching = entry.endpoints().stream()
                .filter(route -> contains(route.label(), needle))
                .toList();
        if (matching.isEmpty()) {
            return null;
        }
        return new Entry(
                entry.scope(), entry.description(), entry.resource(), entry.service(), matching, entry.everyEndpoint());
    }

    private static boolean contains(String text, String needle) {
        return text.toLowerCase(Locale.ROOT).contains(needle);
    }
}
