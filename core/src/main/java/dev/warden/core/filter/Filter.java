package dev.warden.core.filter;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A parsed SCIM filter (RFC 7644 §3.4.2.2), as far as Warden supports it: comparisons with {@code eq}, {@code ne},
 * {@code co}, {@code sw}, {@code ew}, presence ({@code pr}), {@code and}, {@code or}, {@code not} and parentheses.
 * {@link #matches} evaluates it in memory; the persistence adapters translate the same tree to SQL, and a shared
 * contract test holds both to the same answers. Every comparison is two-valued: an absent attribute makes
 * {@code eq}, {@code co}, {@code sw} and {@code ew} false and {@code ne} true.
 */
public sealed interface Filter permits Filter.Compare, Filter.Present, Filter.And, Filter.Or, Filter.Not {

    enum Operator {
        EQ,
        NE,
        CO,
        SW,
        EW
    }

    /**
     * @param valueOf the resource's value of an attribute: a String for text, a Number for an id, a Boolean; null
     *     when absent
     */
    boolean matches(Function<FilterAttribute, Object> valueOf);

    /**
     * {@code attribute operator value}. The value is a String for text attributes and ids, a Boolean for boolean
     * attributes; the parser guarantees that it fits the attribute's kind and the operator.
     */
    record Compare(FilterAttribute attribute, Operator operator, Object value) implements Filter {
        public Compare {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
        }

        /** An id value as a number, or null when it is no decimal number (then it equals no id). */
        public Long idValue() {
            try {
                return Long.valueOf(value.toString().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        public boolean matches(Function<FilterAttribute, Object> valueOf) {
            Object actual = valueOf.apply(attribute);
            boolean equal = switch (attribute.kind()) {
                case ID -> actual != null && idValue() != null && ((Number) actual).longValue() == idValue();
                case BOOLEAN -> value.equals(actual);
                case TEXT, EXACT_TEXT -> actual != null && Text.equal(attribute, actual.toString(), (String) value);
            };
            if (operator == Operator.EQ) {
                return equal;
            }
            if (operator == Operator.NE) {
                return !equal;
            }
            if (actual == null) {
                return false;
            }
            String have = Text.folded(attribute, actual.toString());
            String want = Text.folded(attribute, (String) value);
            return switch (operator) {
                case CO -> have.contains(want);
                case SW -> have.startsWith(want);
                case EW -> have.endsWith(want);
                case EQ, NE -> throw new IllegalStateException("handled above");
            };
        }
    }

    /** {@code attribute pr}: the attribute has a value (a text value that is not empty). */
    record Present(FilterAttribute attribute) implements Filter {
        public Present {
            Objects.requireNonNull(attribute, "attribute");
        }

        @Override
        public boolean matches(Function<FilterAttribute, Object> valueOf) {
            Object actual = valueOf.apply(attribute);
            return actual != null
                    && !(attribute.kind().isText() && actual.toString().isEmpty());
        }
    }

    record And(Filter left, Filter right) implements Filter {
        @Override
        public boolean matches(Function<FilterAttribute, Object> valueOf) {
            return left.matches(valueOf) && right.matches(valueOf);
        }
    }

    record Or(Filter left, Filter right) implements Filter {
        @Override
        public boolean matches(Function<FilterAttribute, Object> valueOf) {
            return left.matches(valueOf) || right.matches(valueOf);
        }
    }

    record Not(Filter inner) implements Filter {
        @Override
        public boolean matches(Function<FilterAttribute, Object> valueOf) {
            return !inner.matches(valueOf);
        }
    }

    /** How text compares, as the database's {@code utf8mb4_bin} columns and {@code LOWER(…)} compare it. */
    final class Text {
        private Text() {}

        /** Lower case for attributes that ignore case; as it is otherwise. */
        public static String folded(FilterAttribute attribute, String value) {
            return attribute.kind() == FilterAttribute.Kind.TEXT ? value.toLowerCase(Locale.ROOT) : value;
        }

        /** Equality ignores trailing spaces, as the PAD SPACE collation of the columns does. */
        static boolean equal(FilterAttribute attribute, String actual, String wanted) {
            return stripTrailing(folded(attribute, actual)).equals(stripTrailing(folded(attribute, wanted)));
        }

        private static String stripTrailing(String value) {
            int end = value.length();
            while (end > 0 && value.charAt(end - 1) == ' ') {
                end--;
            }
            return value.substring(0, end);
        }
    }
}
