package dev.warden.core.permission;

/**
 * What a token may be used for: one permission of its workspace's catalogue, or {@code all-apis}. A scope only ever
 * narrows a token; it never grants more than the owner's roles. A stored scope may outlive its permission (a service
 * removed it): it then allows nothing, and the scope report says why.
 */
public record Scope(String key) implements Comparable<Scope> {
    public static final Scope ALL_APIS = new Scope("all-apis");

    public Scope {
        if (key == null || !isKey(key)) {
            throw new IllegalArgumentException("not a scope: " + key);
        }
    }

    /**
     * {@code all-apis}, or {@code [a-z][a-z0-9-]*:[a-z0-9][a-z0-9._-]*}. Checked character by character rather than
     * with a regular expression: every scope of the token read on every request passes here, and a regex matcher
     * cost about 1 % of an accepted request (README, "Request cost and caching").
     */
    static boolean isKey(String key) {
        int colon = key.indexOf(':');
        if (colon < 0) {
            return key.equals("all-apis");
        }
        if (colon == 0 || colon == key.length() - 1) {
            return false;
        }
        if (!isLowerLetter(key.charAt(0)) || !isLowerLetterOrDigit(key.charAt(colon + 1))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = key.charAt(i);
            if (!isLowerLetterOrDigit(c) && c != '-') {
                return false;
            }
        }
        for (int i = colon + 2; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!isLowerLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isLowerLetterOrDigit(char c) {
        return isLowerLetter(c) || (c >= '0' && c <= '9');
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
