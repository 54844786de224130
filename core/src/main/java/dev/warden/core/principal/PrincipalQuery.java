package dev.warden.core.principal;

import dev.warden.core.filter.Filter;
import dev.warden.core.filter.SortOrder;
import java.util.Comparator;
import java.util.Locale;

/**
 * How a directory list is narrowed and ordered: a SCIM filter (see {@link PrincipalAttributes}), a
 * case-insensitive substring over the names (the console's search box), or both; and a SCIM sort order (null: by
 * display name, then id). All null: everything.
 */
public record PrincipalQuery(Filter filter, String contains, SortOrder sort) {
    public static final PrincipalQuery ALL = new PrincipalQuery(null, null, null);

    public static PrincipalQuery containing(String text) {
        return text == null || text.isBlank() ? ALL : new PrincipalQuery(null, text.strip(), null);
    }

    public static PrincipalQuery filtered(Filter filter, SortOrder sort) {
        return new PrincipalQuery(filter, null, sort);
    }

    /** Whether a principal passes the filter and the substring (the order aside). */
    public boolean matches(Principal principal) {
        return (filter == null || filter.matches(PrincipalAttributes.of(principal)))
                && (contains == null || containsIgnoringCase(principal, contains));
    }

    /** The order a store gives the same query, for a list ordered in memory. */
    public Comparator<Principal> order() {
        return sort == null
                ? Comparator.comparing(Principal::displayName).thenComparing(p -> p.id().value())
                : sort.comparator(PrincipalAttributes::of, p -> p.id().value());
    }

    private static boolean containsIgnoringCase(Principal principal, String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        for (String name : new String[] {principal.userName(), principal.displayName(), principal.applicationId()}) {
            if (name != null && name.toLowerCase(Locale.ROOT).contains(wanted)) {
                return true;
            }
        }
        return false;
    }
}
