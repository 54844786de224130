package dev.warden.core.group;

import dev.warden.core.filter.Filter;
import dev.warden.core.filter.SortOrder;
import java.util.Comparator;
import java.util.Locale;

/**
 * How a list of groups is narrowed and ordered: a SCIM filter (see {@link GroupAttributes}), a case-insensitive
 * substring of the display name (the console's search), a SCIM sort order (null: display name, then id).
 */
public record GroupQuery(Filter filter, String contains, SortOrder sort) {
    public static final GroupQuery ALL = new GroupQuery(null, null, null);

    public static GroupQuery containing(String text) {
        return text == null || text.isBlank() ? ALL : new GroupQuery(null, text.strip(), null);
    }

    public static GroupQuery filtered(Filter filter, SortOrder sort) {
        return new GroupQuery(filter, null, sort);
    }

    public boolean matches(Group group) {
        return (filter == null || filter.matches(GroupAttributes.of(group)))
                && (contains == null
                        || group.displayName().toLowerCase(Locale.ROOT).contains(contains.toLowerCase(Locale.ROOT)));
    }

    /** The order a store gives the same query, for a list filtered in memory. */
    public Comparator<Group> order() {
        return sort == null
                ? Comparator.comparing(Group::displayName)
                        .thenComparing(group -> group.id().value())
                : sort.comparator(GroupAttributes::of, group -> group.id().value());
    }
}
