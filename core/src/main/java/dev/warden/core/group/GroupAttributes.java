package dev.warden.core.group;

import dev.warden.core.filter.FilterAttribute;
import dev.warden.core.filter.FilterAttribute.Kind;
import dev.warden.core.filter.FilterSchema;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The attributes SCIM filters and sorts groups on: displayName (any case), externalId and id (exactly). */
public final class GroupAttributes {
    public static final FilterAttribute ID = new FilterAttribute("id", Kind.ID);
    public static final FilterAttribute DISPLAY_NAME = new FilterAttribute("displayName", Kind.TEXT);
    public static final FilterAttribute EXTERNAL_ID = new FilterAttribute("externalId", Kind.EXACT_TEXT);

    public static final FilterSchema GROUPS =
            new FilterSchema("Groups", List.of(DISPLAY_NAME, EXTERNAL_ID, ID), Map.of(), List.of(DISPLAY_NAME, ID));

    private GroupAttributes() {}

    public static Function<FilterAttribute, Object> of(Group group) {
        return attribute -> valueOf(group, attribute);
    }

    public static Object valueOf(Group group, FilterAttribute attribute) {
        if (attribute.equals(ID)) {
            return group.id() == null ? null : group.id().value();
        }
        if (attribute.equals(DISPLAY_NAME)) {
            return group.displayName();
        }
        if (attribute.equals(EXTERNAL_ID)) {
            return group.externalId();
        }
        throw new IllegalArgumentException("groups have no attribute " + attribute.name());
    }
}
