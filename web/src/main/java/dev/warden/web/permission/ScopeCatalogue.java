package dev.warden.web.permission;

import dev.warden.core.permission.Permission;
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
 * Every scope a token can hold, in {@link Scope#catalogue()} order, with the API endpoints it lets a token call: a
 * permission's scope the endpoints whose route declares that permission, {@code all-apis} every endpoint. Read
 * from {@link ApiRoutes}, the declarations the decision chain enforces, so the catalogue cannot drift from them.
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
     */
    record Entry(Scope scope, String resource, List<Route> endpoints, boolean everyEndpoint) {
        String key() {
            return scope.key();
        }

        String description() {
            return scope.description();
        }
    }

    /** A resource's scopes, for the console page's grouping. */
    record ResourceGroup(String resource, List<Entry> entries) {}

    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (Scope scope : Scope.catalogue()) {
            if (scope.equals(Scope.ALL_APIS)) {
                entries.add(new Entry(scope, ALL_APIS_RESOURCE, routes.all(), true));
            } else {
                Permission permission = Permission.fromKey(scope.key()).orElseThrow();
                entries.add(new Entry(scope, resourceOf(permission), routes.needing(permission), false));
            }
        }
        return List.copyOf(entries);
    }

    /** How many API endpoints there are (what {@code all-apis} covers). */
    int endpointCount() {
        return routes.all().size();
    }

    /**
     * The entries grouped by resource, in catalogue order, narrowed to {@code q} (case-insensitive): a scope whose
     * key or description contains it keeps all its endpoints; otherwise only the endpoints whose
     * {@code METHOD path} contains it are kept, and a scope with none left is dropped. {@code all-apis} covers
     * every endpoint, so it stays whenever any endpoint matches. A blank {@code q} keeps everything.
     */
    List<ResourceGroup> grouped(String q) {
        String needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        for (Entry entry : entries()) {
            Entry kept = narrowed(entry, needle);
            if (kept != null) {
                groups.computeIfAbsent(kept.resource(), r -> new ArrayList<>()).add(kept);
            }
        }
        return groups.entrySet().stream()
                .map(e -> new ResourceGroup(e.getKey(), List.copyOf(e.getValue())))
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
        return new Entry(entry.scope(), entry.resource(), matching, entry.everyEndpoint());
    }

    private static boolean contains(String text, String needle) {
        return text.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static String resourceOf(Permission permission) {
        return permission.key().substring(0, permission.key().indexOf(':'));
    }
}
