package dev.warden.core.workspace;

/**
 * Port for each workspace's <em>authorisation version</em> (DESIGN, "Request cost"): a number that every change which
 * can alter a decision of the decision chain moves on, in the same transaction as the change (roles and their
 * permissions, role assignments, groups and their members, principals, the token usage list, workspace settings).
 * The token a request presents is read together with its workspace's version, and a node reuses what it resolved
 * for that workspace only at that same version; so a change takes effect on the very next request, on every node,
 * without any cache being told.
 * <p>
 * Token rows (revocation, deletion, expiry, rotation, scopes) are not covered: every request reads its token afresh.
 */
public interface AuthorizationVersions {
    /**
     * Moves the workspace's version on, inside the caller's transaction, and holds it (a row lock) until that
     * transaction ends. Services call it before their first write, so that changes of one workspace's authorisation
     * happen one after another and never wait for each other's locks in opposite orders; a change that is refused and
     * rolled back leaves the version as it was.
     */
    void bump(WorkspaceId workspace);

    /** The workspace's current version (0 for a workspace nothing was changed in yet). */
    long current(WorkspaceId workspace);
}
