package dev.warden.core.permission;

import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a token may be used for: one permission of the catalogue, or {@code all-apis}.
 * A scope only ever narrows a token; it never grants more than the owner's roles.
 */
public record Scope(String key) implements Comparable<Scope> {
    public static final Scope ALL_APIS = new Scope("all-apis");

    public Scope {
        if (!ALL_APIS_KEY.equals(key) && Permission.fromKey(key).isEmpty()) {
            throw new IllegalArgumentException("unknown scope " + key);
        }
    }

    private static final String ALL_APIS_KEY = "all-apis";

    public static Scope of(Permission permission) {
        return new Scope(permission.key());
    }

    public static Optional<Scope> fromKey(String key) {
        if (ALL_APIS_KEY.equals(key) || Permission.fromKey(key).isPresent()) {
            return Optional.of(new Scope(key));
        }
        return Optional.empty();
    }

    /** Every scope a token can hold, {@code all-apis} first. */
    public static List<Scope> catalogue() {
        List<Scope> all = new ArrayList<>();
        all.add(ALL_APIS);
        for (Permission permission : Permission.values()) {
            all.add(of(permission));
        }
        return Collections.unmodifiableList(all);
    }

    /**
     * Reads scope keys as a caller sent them; an unknown key is refused with the field named.
     * @param field the field name to report, as the caller spells it
     */
    public static Set<Scope> parseAll(Collection<String> keys, String field) {
        Set<Scope> scopes = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (String key : keys) {
            String trimmed = key == null ? "" : key.trim();
            fromKey(trimmed).ifPresentOrElse(scopes::add, () -> unknown.add(key));
        }
        if (!unknown.isEmpty()) {
            throw new InvalidParameterException(
                    field,
                    "Unknown scope" + (unknown.size() > 1 ? "s " : " ")
                            + Validation.echoAll(unknown) + " in " + field
                            + ". Known scopes: "
                            + String.join(
                                    ", ", catalogue().stream().map(Scope::key).toList()) + ".");
        }
        return scopes;
    }

    public boolean covers(Permission permission) {
        return this.equals(ALL_APIS) || key.equals(permission.key());
    }

    public String description() {
        return Permission.fromKey(key).map(Permission::description).orElse("Every API the owner's roles allow");
    }

    @Override
    public int compareTo(Scope other) {
        if (this.equals(other)) {
            return 0;
        }
        if (this.equals(ALL_APIS)) {
            return -1;
        }
        if (other.equals(ALL_APIS)) {
            return 1;
        }
        return key.compareTo(other.key);
    }

    @Override
    public String toString() {
        return key;
    }
}
