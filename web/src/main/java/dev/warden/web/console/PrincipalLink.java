package dev.warden.web.console;

import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalId;

/**
 * A principal as the console names and links it, wherever it appears (a token's owner or creator, a role's holder,
 * a group's member): a user by its user name, a service principal or technical user by its display name; a user's
 * and a service principal's page as the link, none for a technical user (it has no page of its own) or for a
 * principal that is gone.
 * @param href the principal's console page, or null when there is none to open
 */
public record PrincipalLink(String label, String href) {
    private static final String USERS = "/settings/admin/users/";
    private static final String SERVICE_PRINCIPALS = "/settings/admin/service-principals/";

    public static PrincipalLink of(Principal principal) {
        return new PrincipalLink(labelOf(principal), hrefOf(principal));
    }

    /** A principal that no longer exists (a token outlives its creator). */
    public static PrincipalLink removed() {
        return new PrincipalLink("(removed)", null);
    }

    /** A principal that no longer exists, with the id it had, where the id still helps (a token's lineage). */
    public static PrincipalLink removed(PrincipalId id) {
        return new PrincipalLink("(removed, id " + id.value() + ")", null);
    }

    /** The principal, or {@link #removed()} for null. */
    public static PrincipalLink ofNullable(Principal principal) {
        return principal == null ? removed() : of(principal);
    }

    /** The principal, or {@link #removed(PrincipalId)} for null. */
    public static PrincipalLink ofNullable(Principal principal, PrincipalId id) {
        return principal == null ? removed(id) : of(principal);
    }

    /** The same name without a link, for a viewer who may not open the principal's page. */
    public PrincipalLink unlinked() {
        return href == null ? this : new PrincipalLink(label, null);
    }

    /** A user by its user name; a service principal or technical user (which have none) by its display name. */
    public static String labelOf(Principal principal) {
        return principal.userName() != null ? principal.userName() : principal.displayName();
    }

    private static String hrefOf(Principal principal) {
        return switch (principal.kind()) {
            case USER -> USERS + principal.id().value();
            case SERVICE_PRINCIPAL -> SERVICE_PRINCIPALS + principal.id().value();
            case TECHNICAL_USER -> null;
        };
    }
}
