package dev.warden.core.oauth;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.token.TokenDigest;
import dev.warden.core.workspace.WorkspaceId;
import java.util.List;
import java.util.Optional;

/** Port for service principal secrets. Every lookup but the one by digest is scoped by workspace. */
public interface ServicePrincipalSecretRepository {
    void add(ServicePrincipalSecret secret);

    /**
     * The one lookup across workspaces: a client presents a secret (and a client id) but no workspace, and a
     * secret's digest is unique across the installation.
     */
    Optional<ServicePrincipalSecret> findByDigest(TokenDigest digest);

    Optional<ServicePrincipalSecret> findById(WorkspaceId workspace, SecretId id);

    /**
     * Locks the secret's row until the caller's transaction ends, so that issuing a token with it and deleting it
     * happen one after the other (a token is never issued by a secret that is being deleted, nor missed by the
     * deletion's revocation). Call it first in the transaction: reads after it see what committed before.
     * @return false when the secret is gone
     */
    boolean lock(WorkspaceId workspace, SecretId id);

    /** Holds creates for this service principal until the caller's transaction ends (it locks its row). */
    void lockServicePrincipal(WorkspaceId workspace, PrincipalId servicePrincipal);

    /** The service principal's secrets, newest first (creation time, then id), after the cursor (null: from the start). */
    List<ServicePrincipalSecret> list(
            WorkspaceId workspace, PrincipalId servicePrincipal, SecretCursor after, int limit);

    int count(WorkspaceId workspace, PrincipalId servicePrincipal);

    /** @return false when there was no such secret in that workspace */
    boolean delete(WorkspaceId workspace, SecretId id);
}
