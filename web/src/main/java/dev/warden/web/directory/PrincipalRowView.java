package dev.warden.web.directory;

import dev.warden.core.principal.Principal;

/** One row of the Users or Service principals list. */
record PrincipalRowView(
        long id, String userName, String displayName, String email, String applicationId, boolean active) {

    static PrincipalRowView of(Principal principal) {
        return new PrincipalRowView(
                principal.id().value(),
                principal.userName(),
                principal.displayName(),
                principal.email(),
                principal.applicationId(),
                principal.active());
    }
}
