package dev.warden.web.scim;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.web.scim.ScimPatch.Change;
import dev.warden.web.scim.ScimPatch.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * A group PATCH as a list of steps, read in full before any runs. The controller runs the steps in one transaction
 * through the group service, which checks each one (a member change needs {@code scim:write} for the group, a rename
 * needs it for the workspace), so a failing step undoes the earlier ones.
 */
final class GroupPatch {
    private static final String SUPPORTED =
            "displayName, externalId, members, members[value eq \"<id>\"], entitlements,"
                    + " entitlements[value eq \"<value>\"]";

    sealed interface Step
            permits Rename, SetExternalId, AddMembers, RemoveMembers, ReplaceMembers, ChangeEntitlements {}

    /** One add, remove or replace of entitlements, applied to the group's entitlements at that point. */
    record ChangeEntitlements(Change change) implements Step {}

    record Rename(String displayName) implements Step {}

    record SetExternalId(String externalId) implements Step {}

    record AddMembers(List<PrincipalId> members) implements Step {}

    record RemoveMembers(List<PrincipalId> members) implements Step {}

    record ReplaceMembers(List<PrincipalId> members) implements Step {}

    private GroupPatch() {}

    static List<Step> steps(List<Change> changes) {
        List<Step> steps = new ArrayList<>();
        for (Change change : changes) {
            steps.add(step(change));
        }
        return steps;
    }

    private static Step step(Change change) {
        return switch (change.attribute()) {
            case "displayname" -> {
                if (change.op() == Op.REMOVE) {
                    throw new InvalidParameterException(change.path(), "A group's displayName cannot be removed.");
                }
                yield new Rename(ScimPatch.string(change));
            }
            case "externalid" -> new SetExternalId(change.op() == Op.REMOVE ? null : ScimPatch.string(change));
            case "members" ->
                switch (change.op()) {
                    case ADD -> new AddMembers(ScimPatch.memberIds(change));
                    // remove with a value (or a members[value eq] path) removes those; without one, all members
                    case REMOVE ->
                        change.value() == null
                                ? new ReplaceMembers(List.of())
                                : new RemoveMembers(ScimPatch.memberIds(change));
                    case REPLACE -> new ReplaceMembers(ScimPatch.memberIds(change));
                };
            case "entitlements" -> {
                ScimEntitlements.check(change);
                yield new ChangeEntitlements(change);
            }
            default -> throw ScimPatch.unsupported(change, "Group", SUPPORTED);
        };
    }
}
