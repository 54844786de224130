package dev.warden.core.filter;

import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What one SCIM resource type can be filtered and sorted on: its attributes under every spelling a filter may use
 * ({@code emails} and {@code emails.value} are one attribute), and which of them {@code sortBy} accepts.
 */
public final class FilterSchema {
    private final String resource;
    private final List<FilterAttribute> attributes;
    private final Map<String, FilterAttribute> byName = new LinkedHashMap<>();
    private final List<FilterAttribute> sortable;

    /**
     * @param resource the resource type as messages name it ({@code Users})
     * @param attributes what a filter may name, each under its own name
     * @param aliases further spellings of some of them ({@code emails} for {@code emails.value})
     * @param sortable what {@code sortBy} accepts
     */
    public FilterSchema(
            String resource,
            List<FilterAttribute> attributes,
            Map<String, FilterAttribute> aliases,
            List<FilterAttribute> sortable) {
        this.resource = resource;
        this.attributes = List.copyOf(attributes);
        attributes.forEach(attribute -> byName.put(attribute.name().toLowerCase(Locale.ROOT), attribute));
        aliases.forEach((name, attribute) -> byName.put(name.toLowerCase(Locale.ROOT), attribute));
        this.sortable = List.copyOf(sortable);
    }

    public String resource() {
        return resource;
    }

    /**
     * The attribute an attribute path names, in any case, with or without its schema URN
     * ({@code urn:ietf:params:scim:schemas:core:2.0:User:userName}).
     */
    public Optional<FilterAttribute> attribute(String path) {
        String name = path;
        if (name.regionMatches(true, 0, "urn:", 0, 4)) {
            name = name.substring(name.lastIndexOf(':') + 1);
        }
        return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The attributes a filter may name, for messages: "userName, displayName, emails.value, …". */
    public String filterable() {
        return attributes.stream().map(FilterAttribute::name).collect(Collectors.joining(", "));
    }

    /**
     * SCIM's {@code sortBy} and {@code sortOrder} (RFC 7644 §3.4.2.3): null when no sortBy is given (the store's own
     * order). sortOrder is {@code ascending} (the default) or {@code descending}, in any case (the Databricks SDK
     * sends {@code ASCENDING}); anything else is a 400 naming the parameter.
     */
    public SortOrder sortOrder(String sortBy, String sortOrder) {
        boolean descending = false;
        if (sortOrder != null && !sortOrder.isBlank()) {
            String order = sortOrder.strip();
            if (order.equalsIgnoreCase("descending")) {
                descending = true;
            } else if (!order.equalsIgnoreCase("ascending")) {
                throw new InvalidParameterException(
                        "sortOrder",
                        "sortOrder must be ascending or descending; got " + Validation.echo(sortOrder) + ".");
            }
        }
        if (sortBy == null || sortBy.isBlank()) {
            return null;
        }
        FilterAttribute by = attribute(sortBy.strip())
                .filter(sortable::contains)
                .orElseThrow(() -> new InvalidParameterException(
                        "sortBy",
                        resource + " cannot be sorted by " + Validation.echo(sortBy) + "; sortBy is one of "
                                + sortable.stream().map(FilterAttribute::name).collect(Collectors.joining(", "))
                                + "."));
        return new SortOrder(by, descending);
    }
}
