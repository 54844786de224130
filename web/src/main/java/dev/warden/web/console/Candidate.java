package dev.warden.web.console;

import dev.warden.core.group.Group;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;

/** One match offered by a console search-as-you-type picker: a user, a service principal or a group. */
public record Candidate(String value, long id, String name, String kind, String detail) {

    public static Candidate of(Principal principal) {
        boolean user = principal.kind() == PrincipalKind.USER;
        return new Candidate(
                Assignee.of(principal.id()),
                principal.id().value(),
                principal.displayName(),
                user ? "user" : "service principal",
                user ? principal.userName() : principal.applicationId());
    }

    public static Candidate of(Group group) {
        return new Candidate(Assignee.of(group.id()), group.id().value(), group.displayName(), "group", null);
    }
}
