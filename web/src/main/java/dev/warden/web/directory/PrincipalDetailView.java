package dev.warden.web.directory;

import java.util.List;

/**
 * Everything a user's or service principal's page shows. Lists the viewer may not read are null. {@code hasPassword}:
 * a user with a console password (one made over SCIM has none); {@code passwordResettable}: the viewer may set it
 * (a workspace admin, on another user). {@code entitlements}: its own, as the audit shows them ("workspace-access",
 * "none"); {@code consoleAccess}: whether a user with a password may sign in now (null for the others).
 */
record PrincipalDetailView(
        DirectoryKind kind,
        long id,
        String userName,
        String displayName,
        String email,
        String applicationId,
        boolean active,
        List<GroupLink> groups,
        List<RoleGrantView> roles,
        List<OwnedTokenView> tokens,
        int tokenCount,
        boolean hasPassword,
        boolean passwordResettable,
        String entitlements,
        Boolean consoleAccess) {

    record GroupLink(long id, String name) {}

    /** What the user sees before deleting: what goes with it. */
    public String deleteConfirm() {
        return "Delete " + kind.noun() + " " + label() + "? Deleting this " + kind.noun() + " deletes "
                + (tokenCount == 0 ? "no tokens: it owns none" : "its " + tokens(tokenCount)) + "."
                + " This cannot be undone.";
    }

    public String deactivateConfirm() {
        return "Deactivate " + label() + "? "
                + (tokenCount == 0
                        ? "It owns no tokens"
                        : "Its " + tokens(tokenCount) + (tokenCount == 1 ? " stops" : " stop") + " working at once")
                + (kind.user() ? " and it can no longer log in" : "")
                + ". Activating it again brings back the tokens that are neither revoked nor expired.";
    }

    public String label() {
        return kind.user() ? userName : displayName;
    }

    private static String tokens(int count) {
        return count == 1 ? "1 token" : count + " tokens";
    }
}
