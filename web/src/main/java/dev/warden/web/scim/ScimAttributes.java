package dev.warden.web.scim;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SCIM's {@code attributes} and {@code excludedAttributes}, on top-level attributes ({@code name.givenName} selects
 * {@code name}). {@code id} and {@code schemas} are always returned. Attributes that cost a query (groups, roles,
 * members) are only computed when wanted, so a client can list cheaply with {@code excludedAttributes=groups}.
 */
final class ScimAttributes {
    static final ScimAttributes ALL = new ScimAttributes(Set.of(), Set.of());
    private static final Set<String> ALWAYS = Set.of("id", "schemas");

    private final Set<String> only;
    private final Set<String> excluded;

    private ScimAttributes(Set<String> only, Set<String> excluded) {
        this.only = only;
        this.excluded = excluded;
    }

    static ScimAttributes of(String attributes, String excludedAttributes) {
        return new ScimAttributes(names(attributes), names(excludedAttributes));
    }

    boolean wants(String attribute) {
        String name = attribute.toLowerCase(Locale.ROOT);
        if (ALWAYS.contains(name)) {
            return true;
        }
        return (only.isEmpty() || only.contains(name)) && !excluded.contains(name);
    }

    JsonNode apply(ObjectNode resource) {
        if (only.isEmpty() && excluded.isEmpty()) {
            return resource;
        }
        resource.propertyNames().stream().filter(name -> !wants(name)).toList().forEach(resource::remove);
        return resource;
    }

    /** "userName, name.givenName, urn:…:User:emails" → {username, name, emails}. */
    private static Set<String> names(String list) {
        if (list == null || list.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(name -> !name.isEmpty())
                .map(name -> name.substring(name.lastIndexOf(':') + 1))
                .map(name -> name.contains(".") ? name.substring(0, name.indexOf('.')) : name)
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
