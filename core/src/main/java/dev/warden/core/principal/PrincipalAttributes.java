package dev.warden.core.principal;

import dev.warden.core.filter.FilterAttribute;
import dev.warden.core.filter.FilterAttribute.Kind;
import dev.warden.core.filter.FilterSchema;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The attributes SCIM filters and sorts users and service principals on, and their values. RFC 7643 makes
 * userName, displayName, the name parts and e-mails compare without regard to case; applicationId is a UUID,
 * stored in lower case, so it compares that way too; externalId and id compare exactly.
 */
public final class PrincipalAttributes {
    public static final FilterAttribute ID = new FilterAttribute("id", Kind.ID);
    public static final FilterAttribute USER_NAME = new FilterAttribute("userName", Kind.TEXT);
    public static final FilterAttribute DISPLAY_NAME = new FilterAttribute("displayName", Kind.TEXT);
    public static final FilterAttribute GIVEN_NAME = new FilterAttribute("name.givenName", Kind.TEXT);
    public static final FilterAttribute FAMILY_NAME = new FilterAttribute("name.familyName", Kind.TEXT);
    public static final FilterAttribute EMAIL = new FilterAttribute("emails.value", Kind.TEXT);
    public static final FilterAttribute APPLICATION_ID = new FilterAttribute("applicationId", Kind.TEXT);
    public static final FilterAttribute EXTERNAL_ID = new FilterAttribute("externalId", Kind.EXACT_TEXT);
    public static final FilterAttribute ACTIVE = new FilterAttribute("active", Kind.BOOLEAN);

    public static final FilterSchema USERS = new FilterSchema(
            "Users",
            List.of(USER_NAME, DISPLAY_NAME, EMAIL, GIVEN_NAME, FAMILY_NAME, EXTERNAL_ID, ID, ACTIVE),
            // a multi-valued attribute without a sub-attribute means its value (RFC 7644 §3.4.2.2)
            Map.of("emails", EMAIL),
            List.of(USER_NAME, DISPLAY_NAME, ID));

    public static final FilterSchema SERVICE_PRINCIPALS = new FilterSchema(
            "ServicePrincipals",
            List.of(APPLICATION_ID, DISPLAY_NAME, EXTERNAL_ID, ID, ACTIVE),
            Map.of(),
            List.of(DISPLAY_NAME, APPLICATION_ID, ID));

    private PrincipalAttributes() {}

    /** The principal's value of an attribute, as {@link dev.warden.core.filter.Filter#matches} reads it. */
    public static Function<FilterAttribute, Object> of(Principal principal) {
        return attribute -> valueOf(principal, attribute);
    }

    public static Object valueOf(Principal principal, FilterAttribute attribute) {
        if (attribute.equals(ID)) {
            return principal.id() == null ? null : principal.id().value();
        }
        if (attribute.equals(USER_NAME)) {
            return principal.userName();
        }
        if (attribute.equals(DISPLAY_NAME)) {
            return principal.displayName();
        }
        if (attribute.equals(GIVEN_NAME)) {
            return principal.givenName();
        }
        if (attribute.equals(FAMILY_NAME)) {
            return principal.familyName();
        }
        if (attribute.equals(EMAIL)) {
            return principal.email();
        }
        if (attribute.equals(APPLICATION_ID)) {
            return principal.applicationId();
        }
        if (attribute.equals(EXTERNAL_ID)) {
            return principal.externalId();
        }
        if (attribute.equals(ACTIVE)) {
            return principal.active();
        }
        throw new IllegalArgumentException("principals have no attribute " + attribute.name());
    }
}
