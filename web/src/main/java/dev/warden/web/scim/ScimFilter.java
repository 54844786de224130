package dev.warden.web.scim;

import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A SCIM list filter of the one form Warden supports: {@code <attribute> eq "<value>"}, the value double-quoted
 * ({@code \"} and {@code \\} escape). Attribute names and {@code eq} match in any case, as SCIM says. Anything else
 * is refused with a message listing what this resource supports.
 */
record ScimFilter(String attribute, String value) {
    private static final Pattern EQ = Pattern.compile(
            "\\s*([A-Za-z][A-Za-z0-9.]*)\\s+eq\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*", Pattern.CASE_INSENSITIVE);

    /**
     * @param supported the attribute names this resource can filter on, spelled as SCIM spells them
     * @return empty when no filter was given
     */
    static Optional<ScimFilter> parse(String filter, String resource, List<String> supported) {
        if (filter == null || filter.isBlank()) {
            return Optional.empty();
        }
        Matcher matcher = EQ.matcher(filter);
        if (matcher.matches()) {
            String attribute = matcher.group(1);
            for (String name : supported) {
                if (name.equalsIgnoreCase(attribute)) {
                    return Optional.of(new ScimFilter(name, unescape(matcher.group(2))));
                }
            }
        }
        throw new InvalidParameterException(
                "filter",
                "Unsupported filter " + Validation.echo(filter) + " for " + resource
                        + ". Warden supports "
                        + supported.stream().map(name -> name + " eq \"…\"").collect(Collectors.joining(", "))
                        + " (the value in double quotes).");
    }

    private static String unescape(String quoted) {
        return quoted.replaceAll("\\\\(.)", "$1");
    }
}
