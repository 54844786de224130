package dev.warden.web.service;

import dev.warden.web.console.PrincipalLink;
import java.util.List;

/**
 * A registered service's page: its scopes, each with the roles that grant it (when the viewer may read roles), and
 * the service principal it authenticates as.
 * @param grantingRoles how many custom roles grant one of its scopes or more
 */
record ServiceDetailView(
        long id,
        String name,
        String displayName,
        PrincipalLink servicePrincipal,
        String applicationId,
        List<ScopeView> scopes,
        boolean rolesKnown,
        int grantingRoles) {

    /** A role as a scope's "granted by" names it; {@code wholeCatalogue} for workspace-admin, which holds every scope. */
    record RoleLink(String name, String href, boolean wholeCatalogue) {}

    /**
     * One scope of the service.
     * @param customRoles how many custom roles grant it (they lose it when it is removed)
     */
    record ScopeView(
            String key,
            String description,
            List<RoleLink> grantedBy,
            int customRoles,
            boolean rolesKnown,
            String serviceName) {
        public String idPart() {
            return key.replace(':', '-');
        }

        public String removeConfirm() {
            String roles = !rolesKnown
                    ? "Every custom role that grants it loses it."
                    : customRoles == 0
                            ? "No custom role grants it."
                            : (customRoles == 1 ? "1 custom role grants it" : customRoles + " custom roles grant it")
                                    + " and loses it.";
            return "Remove the scope " + key + " from " + serviceName + "? " + roles
                    + " Tokens that carry it stop working for it at once (their scope report says why)."
                    + " This cannot be undone.";
        }
    }

    public String deleteConfirm() {
        String roles = !rolesKnown
                ? " Every custom role that grants one of them loses it."
                : grantingRoles == 0
                        ? " No custom role grants them."
                        : " " + (grantingRoles == 1 ? "1 custom role loses" : grantingRoles + " custom roles lose")
                                + " them.";
        return "Remove the service " + displayName + " (" + name + ")? Its " + scopes.size()
                + (scopes.size() == 1 ? " scope leaves" : " scopes leave") + " the catalogue." + roles
                + " Tokens that carry them stop working for them at once, and the service can no longer introspect"
                + " tokens. Its service principal stays. This cannot be undone.";
    }
}
