package dev.warden.web.scim;

import dev.warden.core.group.GroupId;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.PageRequest;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.Validation;

/** Paths, schema URNs and the small parsing rules every SCIM endpoint shares (Databricks dialect). */
final class Scim {
    static final String BASE = "/api/2.0/preview/scim/v2";
    static final String SCIM_JSON = "application/scim+json";

    static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String WORKSPACE_USER = "urn:ietf:params:scim:schemas:extension:workspace:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String SERVICE_PRINCIPAL = "urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal";

    /** The Databricks SDK asks for 10000 per page unless told otherwise; it is also the most a page holds. */
    static final int MAX_COUNT = PageRequest.MAX_LIMIT;

    private Scim() {}

    /**
     * SCIM paging: {@code startIndex} is 1-based (below 1 counts as 1), {@code count} defaults to and is capped at
     * {@link #MAX_COUNT} (below 0 counts as 0). A start past the end gives an empty page, which ends a client's loop.
     */
    static PageRequest page(String startIndex, String count) {
        long start = Math.max(1, number(startIndex, "startIndex", 1));
        long size = Math.min(MAX_COUNT, Math.max(0, number(count, "count", MAX_COUNT)));
        return new PageRequest((int) Math.min(Integer.MAX_VALUE, start - 1), (int) size);
    }

    private static long number(String raw, String field, long absent) {
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(
                    field, field + " must be a whole number; got " + Validation.echo(raw) + ".");
        }
    }

    /** A principal id from a path: anything but a known decimal id answers 404, like an unknown one. */
    static PrincipalId principalId(String raw, String label) {
        return new PrincipalId(id(raw, label));
    }

    static GroupId groupId(String raw) {
        return new GroupId(id(raw, "Group"));
    }

    private static long id(String raw, String label) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ResourceNotFoundException(label + " " + Validation.shorten(raw) + " does not exist.");
        }
    }
}
