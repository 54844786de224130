package dev.warden.web.group;

import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.web.console.PrincipalLink;

/** A member of a group, or a candidate to become one. {@code href} is null when the viewer cannot open it. */
record MemberView(long id, String name, String kind, String detail, boolean active, String href) {

    static MemberView of(Principal principal, boolean linked) {
        boolean user = principal.kind() == PrincipalKind.USER;
        return new MemberView(
                principal.id().value(),
                principal.displayName(),
                user ? "user" : "service principal",
                user ? principal.userName() : principal.applicationId(),
                principal.active(),
                linked ? PrincipalLink.of(principal).href() : null);
    }
}
