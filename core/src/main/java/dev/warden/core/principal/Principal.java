package dev.warden.core.principal;

import dev.warden.core.workspace.WorkspaceId;
import java.util.Objects;

/**
 * Anything that can own a token: a user, a service principal or a technical user. {@code id} is null until
 * the principal is stored. {@code passwordHash} is only ever set for users who log in to the console;
 * {@code applicationId} only for service principals.
 */
public record Principal(
        PrincipalId id,
        WorkspaceId workspace,
        PrincipalKind kind,
        String userName,
        String displayName,
        boolean active,
        String passwordHash,
        String applicationId,
        String email,
        String givenName,
        String familyName,
        String externalId) {

    public Principal {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(displayName, "displayName");
    }

    /** The shape of the foundation: a principal without the directory's profile fields. */
    public Principal(
            PrincipalId id,
            WorkspaceId workspace,
            PrincipalKind kind,
            String userName,
            String displayName,
            boolean active,
            String passwordHash) {
        this(id, workspace, kind, userName, displayName, active, passwordHash, null, null, null, null, null);
    }

    public static Principal newUser(WorkspaceId workspace, String userName, String displayName, String passwordHash) {
        return new Principal(null, workspace, PrincipalKind.USER, userName, displayName, true, passwordHash);
    }

    public static Principal newServicePrincipal(WorkspaceId workspace, String applicationId, String displayName) {
        return new Principal(
                null,
                workspace,
                PrincipalKind.SERVICE_PRINCIPAL,
                null,
                displayName,
                true,
                null,
                applicationId,
                null,
                null,
                null,
                null);
    }

    /** The system-managed owner of one organisation or group token; it never logs in. */
    public static Principal newTechnicalUser(WorkspaceId workspace, String displayName) {
        return new Principal(null, workspace, PrincipalKind.TECHNICAL_USER, null, displayName, true, null);
    }

    public Principal withId(PrincipalId newId) {
        return new Principal(
                newId,
                workspace,
                kind,
                userName,
                displayName,
                active,
                passwordHash,
                applicationId,
                email,
                givenName,
                familyName,
                externalId);
    }

    public Principal withActive(boolean nowActive) {
        return new Principal(
                id,
                workspace,
                kind,
                userName,
                displayName,
                nowActive,
                passwordHash,
                applicationId,
                email,
                givenName,
                familyName,
                externalId);
    }

    public Principal withPasswordHash(String newHash) {
        return new Principal(
                id,
                workspace,
                kind,
                userName,
                displayName,
                active,
                newHash,
                applicationId,
                email,
                givenName,
                familyName,
                externalId);
    }

    /** The profile a directory edit may change; identity (id, workspace, kind, applicationId) stays. */
    public Principal withProfile(
            String newUserName,
            String newDisplayName,
            String newEmail,
            String newGivenName,
            String newFamilyName,
            String newExternalId) {
        return new Principal(
                id,
                workspace,
                kind,
                newUserName,
                newDisplayName,
                active,
                passwordHash,
                applicationId,
                newEmail,
                newGivenName,
                newFamilyName,
                newExternalId);
    }

    public boolean canLogIn() {
        return kind == PrincipalKind.USER && active && passwordHash != null;
    }

    /** What an audit record calls this principal (a service principal by its application id, which is unique). */
    public String name() {
        if (userName != null) {
            return userName;
        }
        return applicationId != null ? applicationId : displayName;
    }

    /**
     * What a message for people calls this principal: a service principal by its display name, with its application
     * id after it ("etl robot (7f3c…)"), since a bare UUID names nobody a reader knows; everyone else as {@link
     * #name()}.
     */
    public String label() {
        if (userName == null
                && applicationId != null
                && displayName != null
                && !displayName.isBlank()
                && !displayName.equals(applicationId)) {
            return displayName + " (" + applicationId + ")";
        }
        return name();
    }
}
