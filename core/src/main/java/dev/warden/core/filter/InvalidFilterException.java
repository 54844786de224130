package dev.warden.core.filter;

import dev.warden.core.shared.InvalidParameterException;

/**
 * A SCIM filter Warden cannot evaluate: bad syntax, or a construct it does not support, which the message names.
 * SCIM calls this {@code scimType} {@code invalidFilter} (RFC 7644 §3.12); the field is {@code filter}.
 */
public final class InvalidFilterException extends InvalidParameterException {
    public static final String SCIM_TYPE = "invalidFilter";
    private static final long serialVersionUID = 1L;

    InvalidFilterException(String message) {
        super("filter", message);
    }

    public String scimType() {
        return SCIM_TYPE;
    }
}
