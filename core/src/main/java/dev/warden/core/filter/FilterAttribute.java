package dev.warden.core.filter;

import java.util.Objects;

/**
 * An attribute of a directory resource that a SCIM filter or {@code sortBy} can name, spelled as SCIM spells it,
 * and how its values compare.
 */
public record FilterAttribute(String name, Kind kind) {
    public enum Kind {
        /** A string compared without regard to case (RFC 7643 {@code caseExact: false}): userName, displayName. */
        TEXT,
        /** A string compared exactly ({@code caseExact: true}): externalId. */
        EXACT_TEXT,
        /** The resource's decimal id: {@code eq} and {@code ne} only, compared as a number. */
        ID,
        /** {@code true} or {@code false}: {@code eq} and {@code ne} only. */
        BOOLEAN;

        boolean isText() {
            return this == TEXT || this == EXACT_TEXT;
        }
    }

    public FilterAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}
