package dev.warden.web.scim;

import dev.warden.core.directory.UserDetails;
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
import tools.jackson.databind.JsonNode;

/**
 * A user's profile and entitlements with PATCH changes applied in memory; the profile goes to the directory as one
 * replace, the entitlements (when an operation touched them) to the entitlement service, in one transaction.
 */
final class UserPatch {
    private static final String SUPPORTED = "userName, displayName, active, externalId, name, name.givenName,"
            + " name.familyName, emails, entitlements";

    /** @param entitlements the values after the patch; null when no operation touched them */
    record Patched(UserDetails details, List<String> entitlements) {}

    private String userName;
    private String displayName;
    private boolean active;
    private String email;
    private String givenName;
    private String familyName;
    private String externalId;
    private Set<String> entitlements;
    private boolean entitlementsTouched;

    private UserPatch(Principal user, Set<Entitlement> held) {
        userName = user.userName();
        displayName = user.displayName();
        active = user.active();
        email = user.email();
        givenName = user.givenName();
        familyName = user.familyName();
        externalId = user.externalId();
        entitlements = held.stream().map(Entitlement::value).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static Patched apply(Principal user, Set<Entitlement> entitlements, List<Change> changes) {
        UserPatch patch = new UserPatch(user, entitlements);
        changes.forEach(patch::apply);
        return new Patched(
                new UserDetails(
                        patch.userName,
                        patch.displayName,
                        patch.email,
                        patch.givenName,
                        patch.familyName,
                        patch.externalId,
                        patch.active),
                patch.entitlementsTouched ? List.copyOf(patch.entitlements) : null);
    }

    private void apply(Change change) {
        boolean remove = change.op() == Op.REMOVE;
        String attribute = change.attribute();
        if (attribute.startsWith("emails[") && attribute.endsWith("].value")) {
            attribute = "emails.value";
        }
        switch (attribute) {
            case "username" -> userName = ScimPatch.string(kept(change));
            case "displayname" -> displayName = remove ? null : ScimPatch.string(change);
            case "active" -> active = ScimPatch.bool(kept(change));
            case "externalid" -> externalId = remove ? null : ScimPatch.string(change);
            case "name.givenname" -> givenName = remove ? null : ScimPatch.string(change);
            case "name.familyname" -> familyName = remove ? null : ScimPatch.string(change);
            case "name" -> name(change, remove);
            case "emails" -> email = remove ? null : email(change);
            case "emails.value" -> email = remove ? null : ScimPatch.string(change);
            case "entitlements" -> {
                entitlements = ScimEntitlements.apply(entitlements, change);
                entitlementsTouched = true;
            }
            default -> throw ScimPatch.unsupported(change, "User", SUPPORTED);
        }
    }

    /** userName and active always have a value. */
    private static Change kept(Change change) {
        if (change.op() == Op.REMOVE) {
            throw new InvalidParameterException(change.path(), Validation.echo(change.path()) + " cannot be removed.");
        }
        return change;
    }

    private void name(Change change, boolean remove) {
        JsonNode value = change.value();
        if (remove) {
            givenName = null;
            familyName = null;
            return;
        }
        if (value == null || !value.isObject()) {
            throw new InvalidParameterException("name", "'name' must be an object {givenName, familyName}.");
        }
        if (value.has("givenName")) {
            givenName = value.get("givenName").isNull()
                    ? null
                    : value.get("givenName").asString();
        }
        if (value.has("familyName")) {
            familyName = value.get("familyName").isNull()
                    ? null
                    : value.get("familyName").asString();
        }
    }

    /** Warden keeps one e-mail: the primary one of the list, else the first. */
    private static String email(Change change) {
        JsonNode value = change.value();
        if (value == null) {
            return null;
        }
        if (value.isString()) {
            return value.asString();
        }
        JsonNode chosen = null;
        for (JsonNode entry : value.isArray() ? value : List.of(value)) {
            if (chosen == null || entry.path("primary").asBoolean(false)) {
                chosen = entry;
            }
        }
        return chosen == null || chosen.path("value").isMissingNode()
                ? null
                : chosen.path("value").asString();
    }
}
