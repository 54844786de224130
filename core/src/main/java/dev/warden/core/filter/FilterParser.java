package dev.warden.core.filter;

import dev.warden.core.filter.Filter.Operator;
import dev.warden.core.filter.FilterTokenizer.Token;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a SCIM filter (RFC 7644 §3.4.2.2) against one resource's {@link FilterSchema}:
 *
 * <pre>
 * filter   = or
 * or       = and *("or" and)
 * and      = unary *("and" unary)
 * unary    = "not" "(" filter ")" / "(" filter ")" / attrPath "pr" / attrPath compareOp compValue
 * compareOp = "eq" / "ne" / "co" / "sw" / "ew"
 * compValue = string (JSON, in double quotes) / "true" / "false" / number (ids only)
 * </pre>
 *
 * Keywords, operators and attribute names match in any case; {@code and} binds tighter than {@code or}. What Warden
 * does not support is refused by name, never ignored: {@code gt}/{@code ge}/{@code lt}/{@code le}, value filters
 * ({@code emails[type eq "work"]}), {@code null}, and attributes the resource cannot be filtered on. A filter is
 * bounded (length, comparisons, nesting) so that no request can make Warden build an unbounded query.
 */
public final class FilterParser {
    static final int MAX_LENGTH = 2000;
    static final int MAX_COMPARISONS = 50;
    static final int MAX_DEPTH = 20;
    private static final Set<String> ORDERING = Set.of("gt", "ge", "lt", "le");

    private final List<Token> tokens;
    private final FilterSchema schema;
    private int at;
    private int comparisons;
    private int depth;

    private FilterParser(List<Token> tokens, FilterSchema schema) {
        this.tokens = tokens;
        this.schema = schema;
    }

    /** @return null when no filter was given (blank) */
    public static Filter parse(String text, FilterSchema schema) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_LENGTH) {
            throw invalid("the filter is " + text.length() + " characters long; at most " + MAX_LENGTH + " are read");
        }
        FilterParser parser = new FilterParser(FilterTokenizer.tokenize(text), schema);
        Filter filter = parser.or();
        if (!parser.atEnd()) {
            throw invalid(parser.unexpected("'and', 'or' or the end of the filter"));
        }
        return filter;
    }

    private Filter or() {
        Filter left = and();
        while (keyword("or")) {
            at++;
            left = new Filter.Or(left, and());
        }
        return left;
    }

    private Filter and() {
        Filter left = unary();
        while (keyword("and")) {
            at++;
            left = new Filter.And(left, unary());
        }
        return left;
    }

    private Filter unary() {
        if (keyword("not")) {
            at++;
            if (!symbol("(")) {
                throw invalid(unexpected("'(' after 'not' (write not (…))"));
            }
            return new Filter.Not(group());
        }
        if (symbol("(")) {
            return group();
        }
        return attributeExpression();
    }

    /** "(" filter ")", the current token being the "(". */
    private Filter group() {
        if (++depth > MAX_DEPTH) {
            throw invalid("parentheses are nested more than " + MAX_DEPTH + " deep");
        }
        at++;
        Filter inner = or();
        if (!symbol(")")) {
            throw invalid(unexpected("')'"));
        }
        at++;
        depth--;
        return inner;
    }

    private Filter attributeExpression() {
        Token path = next("an attribute name");
        if (path.kind() != Token.Kind.WORD || isKeyword(path.text())) {
            throw invalid("expected an attribute name at position " + path.position() + ", found "
                    + Validation.echo(path.text()));
        }
        if (symbol("[")) {
            throw invalid("value filters such as " + path.text() + "[type eq \"work\"] are not supported; filter on"
                    + " a sub-attribute instead, e.g. emails.value co \"@example.com\"");
        }
        FilterAttribute attribute = schema.attribute(path.text())
                .orElseThrow(() -> invalid(schema.resource() + " cannot be filtered on " + Validation.echo(path.text())
                        + "; the attributes are " + schema.filterable()));
        Token operator = next("an operator (eq, ne, co, sw, ew or pr)");
        String op = operator.text().toLowerCase(Locale.ROOT);
        if (++comparisons > MAX_COMPARISONS) {
            throw invalid("the filter has more than " + MAX_COMPARISONS + " comparisons");
        }
        if (operator.kind() == Token.Kind.WORD && op.equals("pr")) {
            return new Filter.Present(attribute);
        }
        if (operator.kind() == Token.Kind.WORD && ORDERING.contains(op)) {
            throw invalid("the operator '" + op + "' (ordering) is not supported; use eq, ne, co, sw, ew or pr");
        }
        Operator compare = operator(operator);
        Token value = next("a value after '" + op + "'");
        return new Filter.Compare(attribute, compare, value(attribute, compare, value));
    }

    private static Operator operator(Token token) {
        if (token.kind() == Token.Kind.WORD) {
            for (Operator operator : Operator.values()) {
                if (operator.name().equalsIgnoreCase(token.text())) {
                    return operator;
                }
            }
        }
        throw invalid("unknown operator " + Validation.echo(token.text()) + " at position " + token.position()
                + "; use eq, ne, co, sw, ew or pr");
    }

    /** The comparison value, checked against what the attribute holds and what the operator can do with it. */
    private static Object value(FilterAttribute attribute, Operator operator, Token value) {
        String word = value.kind() == Token.Kind.WORD ? value.text().toLowerCase(Locale.ROOT) : null;
        if ("null".equals(word)) {
            throw invalid("comparing with null is not supported; use " + attribute.name() + " pr, or not ("
                    + attribute.name() + " pr)");
        }
        switch (attribute.kind()) {
            case BOOLEAN -> {
                if (operator != Operator.EQ && operator != Operator.NE) {
                    throw invalid(attribute.name() + " is true or false: compare it with eq or ne, not "
                            + operator.name().toLowerCase(Locale.ROOT));
                }
                if (!"true".equals(word) && !"false".equals(word)) {
                    throw invalid(attribute.name() + " is compared with true or false (without quotes), not "
                            + Validation.echo(value.text()));
                }
                return Boolean.valueOf(word);
            }
            case ID -> {
                if (operator != Operator.EQ && operator != Operator.NE) {
                    throw invalid(attribute.name() + " is compared with eq or ne only, not "
                            + operator.name().toLowerCase(Locale.ROOT));
                }
                if (value.kind() == Token.Kind.STRING || (word != null && word.matches("-?\\d+"))) {
                    return value.text();
                }
                throw invalid(attribute.name() + " is compared with a string in double quotes, e.g. " + attribute.name()
                        + " eq \"42\"; got " + Validation.echo(value.text()));
            }
            case TEXT, EXACT_TEXT -> {
                if (value.kind() != Token.Kind.STRING) {
                    throw invalid(attribute.name() + " is compared with a string in double quotes, e.g. "
                            + attribute.name() + " eq \"…\"; got " + Validation.echo(value.text()));
                }
                return plainText(attribute, value.text());
            }
        }
        throw new IllegalStateException("unknown kind " + attribute.kind());
    }

    /** No stored name holds control characters or lone surrogates, and the database could not compare the latter. */
    private static String plainText(FilterAttribute attribute, String value) {
        try {
            return Validation.requirePlainText(value, attribute.name());
        } catch (InvalidParameterException e) {
            throw invalid("the value for " + attribute.name() + " "
                    + e.getMessage().substring(attribute.name().length() + 1));
        }
    }

    private boolean keyword(String word) {
        return !atEnd()
                && tokens.get(at).kind() == Token.Kind.WORD
                && tokens.get(at).text().equalsIgnoreCase(word);
    }

    private static boolean isKeyword(String text) {
        return text.equalsIgnoreCase("and") || text.equalsIgnoreCase("or") || text.equalsIgnoreCase("not");
    }

    private boolean symbol(String symbol) {
        return !atEnd()
                && tokens.get(at).kind() == Token.Kind.SYMBOL
                && tokens.get(at).text().equals(symbol);
    }

    private boolean atEnd() {
        return at >= tokens.size();
    }

    private Token next(String expected) {
        if (atEnd()) {
            throw invalid("the filter ends where " + expected + " was expected");
        }
        return tokens.get(at++);
    }

    private String unexpected(String expected) {
        if (atEnd()) {
            return "the filter ends where " + expected + " was expected";
        }
        Token token = tokens.get(at);
        return "expected " + expected + " at position " + token.position() + ", found " + Validation.echo(token.text());
    }

    static InvalidFilterException invalid(String why) {
        return new InvalidFilterException("Unsupported filter: " + why + ".");
    }
}
