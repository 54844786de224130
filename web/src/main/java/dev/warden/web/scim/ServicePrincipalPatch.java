package dev.warden.web.scim;

import dev.warden.core.directory.ServicePrincipalDetails;
import dev.warden.core.principal.Principal;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.Validation;
import dev.warden.web.scim.ScimPatch.Change;
import dev.warden.web.scim.ScimPatch.Op;
import java.util.List;

/** A service principal with PATCH changes applied in memory; the result goes to the directory as one replace. */
final class ServicePrincipalPatch {
    private static final String SUPPORTED = "displayName, active, externalId (applicationId cannot change)";

    private String applicationId;
    private String displayName;
    private boolean active;
    private String externalId;

    private ServicePrincipalPatch(Principal servicePrincipal) {
        applicationId = servicePrincipal.applicationId();
        displayName = servicePrincipal.displayName();
        active = servicePrincipal.active();
        externalId = servicePrincipal.externalId();
    }

    static ServicePrincipalDetails apply(Principal servicePrincipal, List<Change> changes) {
        ServicePrincipalPatch patch = new ServicePrincipalPatch(servicePrincipal);
        changes.forEach(patch::apply);
        return new ServicePrincipalDetails(patch.applicationId, patch.displayName, patch.externalId, patch.active);
    }

    private void apply(Change change) {
        boolean remove = change.op() == Op.REMOVE;
        switch (change.attribute()) {
            case "displayname" -> displayName = ScimPatch.string(kept(change));
            case "active" -> active = ScimPatch.bool(kept(change));
            case "externalid" -> externalId = remove ? null : ScimPatch.string(change);
            case "applicationid" -> applicationId = ScimPatch.string(kept(change)); // the directory refuses a change
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
