package dev.warden.core.principal;

/**
 * How a directory list is narrowed: an exact match on one attribute (SCIM {@code eq} filters) or a
 * case-insensitive substring over the names (the console's search box). Both null: everything.
 */
public record PrincipalQuery(Attribute attribute, String equalTo, String contains) {
    public enum Attribute {
        USER_NAME,
        DISPLAY_NAME,
        APPLICATION_ID
    }

    public static final PrincipalQuery ALL = new PrincipalQuery(null, null, null);

    public static PrincipalQuery equal(Attribute attribute, String value) {
        return new PrincipalQuery(attribute, value, null);
    }

    public static PrincipalQuery containing(String text) {
        return text == null || text.isBlank() ? ALL : new PrincipalQuery(null, null, text.strip());
    }
}
