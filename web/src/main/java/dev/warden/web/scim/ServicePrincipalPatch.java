package dev.warden.web.scim;

import dev.warden.core.directory.ServicePrincipalDetails;
import dev.warden.core.entitlement.Entitlement;
import dev.warden.core.principal.Principal;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import dev.warden.web.scim.ScimPatch.Change;
import dev.warden.web.scim.ScimPatch.Op;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A service principal with PATCH changes applied in memory; the profile goes to the directory as one replace, the
 * entitlements (when an operation touched them) to the entitlement service, in one transaction.
 */
final class ServicePrincipalPatch {
    private static final String SUPPORTED =
            "displayName, active, externalId, entitlements (applicationId cannot change)";

    /** @param entitlements the values after the patch; null when no operation touched them */
    record Patched(ServicePrincipalDetails details, List<String> entitlements) {}

    private String applicationId;
    private String displayName;
    private boolean active;
    private String externalId;
    private Set<String> entitlements;
    private boolean entitlementsTouched;

    private ServicePrincipalPatch(Principal servicePrincipal, Set<Entitlement> held) {
        applicationId = servicePrincipal.applicationId();
        displayName = servicePrincipal.displayName();
        active = servicePrincipal.active();
        externalId = servicePrincipal.externalId();
        entitlements = held.stream().map(Entitlement::value).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static Patched apply(Principal servicePrincipal, Set<Entitlement> entitlements, List<Change> changes) {
        ServicePrincipalPatch patch = new ServicePrincipalPatch(servicePrincipal, entitlements);
        changes.forEach(patch::apply);
        return new Patched(
                new ServicePrincipalDetails(patch.applicationId, patch.displayName, patch.externalId, patch.active),
                patch.entitlementsTouched ? List.copyOf(patch.entitlements) : null);
    }

    private void apply(Change change) {
        boolean remove = change.op() == Op.REMOVE;
        switch (change.attribute()) {
            case "displayname" -> displayName = ScimPatch.string(kept(change));
            case "active" -> active = ScimPatch.bool(kept(change));
            case "externalid" -> externalId = remove ? null : ScimPatch.string(change);
            case "applicationid" -> applicationId = ScimPatch.string(kept(change)); // the directory refuses a change
            case "entitlements" -> {
                entitlements = ScimEntitlements.apply(entitlements, change);
                entitlementsTouched = true;
            }
            default -> throw ScimPatch.unsupported(change, "ServicePrincipal", SUPPORTED);
        }
    }

    private static Change kept(Change change) {
        if (change.op() == Op.REMOVE) {
            throw new InvalidParameterException(change.path(), Validation.echo(change.path()) + " cannot be removed.");
        }
        return change;
    }
}
