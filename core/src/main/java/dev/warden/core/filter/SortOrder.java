package dev.warden.core.filter;

import java.util.Comparator;
import java.util.Objects;
import java.util.function.Function;

/**
 * SCIM's {@code sortBy} and {@code sortOrder}. Text that ignores case sorts by its lower case; ties, and absent
 * values (first when ascending, as the database orders NULL), are ordered by the resource's id in the same
 * direction, so that paging through a sorted list sees every resource once.
 */
public record SortOrder(FilterAttribute by, boolean descending) {
    public SortOrder {
        Objects.requireNonNull(by, "by");
        if (by.kind() == FilterAttribute.Kind.BOOLEAN) {
            throw new IllegalArgumentException("a list is not sorted by a boolean");
        }
    }

    /**
     * The same order in memory, for a bounded list evaluated in core.
     * @param valueOf the resource's value of an attribute (as for {@link Filter#matches})
     * @param id the resource's id, the tie-breaker
     */
    public <T> Comparator<T> comparator(Function<T, Function<FilterAttribute, Object>> valueOf, Function<T, Long> id) {
        Comparator<T> order = Comparator.comparing(
                        (T item) -> key(valueOf.apply(item).apply(by)), Comparator.nullsFirst(SortOrder::compareKeys))
                .thenComparing(id);
        return descending ? order.reversed() : order;
    }

    private Object key(Object value) {
        if (value == null) {
            return null;
        }
        return by.kind() == FilterAttribute.Kind.ID
                ? (Object) ((Number) value).longValue()
                : Filter.Text.folded(by, value.toString());
    }

    /** Keys of one attribute are all numbers or all strings. */
    private static int compareKeys(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        return a.toString().compareTo(b.toString());
    }
}
