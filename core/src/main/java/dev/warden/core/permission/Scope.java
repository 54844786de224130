package dev.warden.core.permission;

import java.util.regex.Pattern;

/**
 * What a token may be used for: one permission of its workspace's catalogue, or {@code all-apis}. A scope only ever
 * narrows a token; it never grants more than the owner's roles. A stored scope may outlive its permission (a service
 * removed it): it then allows nothing, and the scope report says why.
 */
public record Scope(String key) implements Comparable<Scope> {
    // before ALL_APIS: static fields initialise in order, and the constructor reads it
    private static final Pattern KEY = Pattern.compile("all-apis|[a-z][a-z0-9-]*:[a-z0-9][a-z0-9._-]*");
    public static final Scope ALL_APIS = new Scope("all-apis");

    public Scope {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a scope: " + key);
        }
    }

    public static Scope of(Permission permission) {
        return new Scope(permission.key());
    }

    public boolean covers(Permission permission) {
        return this.equals(ALL_APIS) || key.equals(permission.key());
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
