package dev.warden.persistence;

import dev.warden.core.filter.Filter;
import dev.warden.core.filter.FilterAttribute;
import dev.warden.core.filter.SortOrder;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Translates a SCIM {@link Filter} into a SQL condition with bind parameters, and a {@link SortOrder} into an
 * ORDER BY, with the same answers as {@link Filter#matches} (the repository contracts run both): text that ignores
 * case compares as {@code LOWER(column)} with a lower-cased value, {@code co}/{@code sw}/{@code ew} are
 * {@code LIKE} with {@code %}, {@code _} and {@code \} escaped, and every comparison is two-valued (an absent value
 * makes {@code eq} false and {@code ne} true, also under {@code NOT}). Only column names chosen by the adapter and
 * parameter names made here go into the text; every value is a parameter.
 */
public final class FilterSql {
    private final Function<FilterAttribute, String> columns;
    private final Function<FilterAttribute, String> lowerCased;
    private final Map<String, Object> params;
    private final String prefix;
    private int next;

    /**
     * @param columns the column of each attribute the resource can be filtered on
     * @param params where the bind parameters go, named {@code prefix0}, {@code prefix1}, …
     */
    public FilterSql(Function<FilterAttribute, String> columns, Map<String, Object> params, String prefix) {
        this(columns, attribute -> null, params, prefix);
    }

    /**
     * @param lowerCased a column the database keeps as the lower case of an attribute's column (indexed), or null:
     *     then {@code LOWER(column)}, which no index serves
     */
    public FilterSql(
            Function<FilterAttribute, String> columns,
            Function<FilterAttribute, String> lowerCased,
            Map<String, Object> params,
            String prefix) {
        this.columns = columns;
        this.lowerCased = lowerCased;
        this.params = params;
        this.prefix = prefix;
    }

    public String condition(Filter filter) {
        if (filter instanceof Filter.And and) {
            return "(" + condition(and.left()) + " AND " + condition(and.right()) + ")";
        }
        if (filter instanceof Filter.Or or) {
            return "(" + condition(or.left()) + " OR " + condition(or.right()) + ")";
        }
        if (filter instanceof Filter.Not not) {
            return "(NOT " + condition(not.inner()) + ")";
        }
        if (filter instanceof Filter.Present present) {
            String column = columns.apply(present.attribute());
            return present.attribute().kind() == FilterAttribute.Kind.TEXT
                            || present.attribute().kind() == FilterAttribute.Kind.EXACT_TEXT
                    ? "(" + column + " IS NOT NULL AND " + column + " <> '')"
                    : "(" + column + " IS NOT NULL)";
        }
        return compare((Filter.Compare) filter);
    }

    private String compare(Filter.Compare compare) {
        FilterAttribute attribute = compare.attribute();
        String column = columns.apply(attribute);
        return switch (attribute.kind()) {
            case ID -> {
                Long id = compare.idValue();
                if (id == null) { // no id is a word: eq matches nothing, ne everything
                    yield compare.operator() == Filter.Operator.EQ ? "(1 = 0)" : "(1 = 1)";
                }
                yield "(" + column + (compare.operator() == Filter.Operator.EQ ? " = " : " <> ") + param(id) + ")";
            }
            case BOOLEAN ->
                "(" + column + (compare.operator() == Filter.Operator.EQ ? " = " : " <> ") + param(compare.value())
                        + ")";
            case TEXT, EXACT_TEXT -> text(compare, attribute, column);
        };
    }

    private String text(Filter.Compare compare, FilterAttribute attribute, String column) {
        boolean ignoreCase = attribute.kind() == FilterAttribute.Kind.TEXT;
        String value = (String) compare.value();
        String compared = !ignoreCase ? column : lower(attribute, column, lowerCased);
        String wanted = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        return switch (compare.operator()) {
            case EQ -> "(" + column + " IS NOT NULL AND " + compared + " = " + param(wanted) + ")";
            case NE -> "(" + column + " IS NULL OR " + compared + " <> " + param(wanted) + ")";
            case CO -> like(column, compared, "%" + escapeLike(wanted) + "%");
            case SW -> like(column, compared, escapeLike(wanted) + "%");
            case EW -> like(column, compared, "%" + escapeLike(wanted));
        };
    }

    private String like(String column, String compared, String pattern) {
        return "(" + column + " IS NOT NULL AND " + compared + " LIKE " + param(pattern) + ")";
    }

    private String param(Object value) {
        String name = prefix + next++;
        params.put(name, value);
        return ":" + name;
    }

    /**
     * {@code ORDER BY} for the sort order: text that ignores case by its lower case, then the id in the same
     * direction, so that pages of a sorted list neither repeat nor skip a row.
     */
    public static String orderBy(SortOrder sort, Function<FilterAttribute, String> columns, String idColumn) {
        return orderBy(sort, columns, attribute -> null, idColumn);
    }

    public static String orderBy(
            SortOrder sort,
            Function<FilterAttribute, String> columns,
            Function<FilterAttribute, String> lowerCased,
            String idColumn) {
        String column = columns.apply(sort.by());
        String key = sort.by().kind() == FilterAttribute.Kind.TEXT ? lower(sort.by(), column, lowerCased) : column;
        String direction = sort.descending() ? " DESC" : " ASC";
        return key.equals(idColumn) ? key + direction : key + direction + ", " + idColumn + direction;
    }

    private static String lower(
            FilterAttribute attribute, String column, Function<FilterAttribute, String> lowerCased) {
        String kept = lowerCased.apply(attribute);
        return kept != null ? kept : "LOWER(" + column + ")";
    }

    /** {@code LIKE} takes {@code %}, {@code _} and the escape character {@code \} literally once escaped. */
    public static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
