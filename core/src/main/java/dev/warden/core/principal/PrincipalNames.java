package dev.warden.core.principal;

import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Principals by id or by the name a request gives them, in one workspace: to show who created, owns or revoked a
 * token, and to resolve a name a caller typed (a token usage entry, a token filter) before a service checks what is
 * done with it. Plain reads without a permission check, for labelling what the caller already sees and for
 * resolving names; whatever is done with the result is checked by the service that does it.
 */
public final class PrincipalNames {
    /** How a technical user is named where a principal needs a name: {@code technical-user-42}. */
    public static final String TECHNICAL_USER_PREFIX = "technical-user-";

    private final PrincipalRepository principals;

    public PrincipalNames(PrincipalRepository principals) {
        this.principals = principals;
    }

    /**
     * The principals of these ids, by id, in one read (nulls and repeats in {@code ids} are fine); an id of no
     * principal in the workspace is absent from the map.
     */
    public Map<PrincipalId, Principal> byId(WorkspaceId workspace, Collection<PrincipalId> ids) {
        return principals.byId(workspace, ids);
    }

    public Optional<Principal> find(WorkspaceId workspace, PrincipalId id) {
        return principals.findById(workspace, id);
    }

    /** The user with this userName; never a service principal or technical user. */
    public Optional<Principal> user(WorkspaceId workspace, String userName) {
        return principals.findByUserName(workspace, userName).filter(p -> p.kind() == PrincipalKind.USER);
    }

    /** The service principal with this applicationId (as stored, exactly). */
    public Optional<Principal> servicePrincipal(WorkspaceId workspace, String applicationId) {
        return principals
                .findByApplicationId(workspace, applicationId)
                .filter(p -> p.kind() == PrincipalKind.SERVICE_PRINCIPAL);
    }

    /**
     * The principal with this userName, else the one whose applicationId is {@code name} in lower case (how token
     * filters name a creator: {@code created_by_username}).
     */
    public Optional<Principal> byUserNameOrApplicationId(WorkspaceId workspace, String name) {
        return principals
                .findByUserName(workspace, name)
                .or(() -> principals.findByApplicationId(workspace, name.toLowerCase(Locale.ROOT)));
    }

    /**
     * The name a technical user goes by in the token usage list's {@code service_principal_name}: it has neither a
     * userName nor an applicationId, and is a machine identity like a service principal; its id makes the name
     * unique and stable.
     */
    public static String technicalUserName(Principal technicalUser) {
        return TECHNICAL_USER_PREFIX + technicalUser.id();
    }

    /** The technical user a {@link #technicalUserName} names. */
    public Optional<Principal> technicalUser(WorkspaceId workspace, String name) {
        if (name == null || !name.startsWith(TECHNICAL_USER_PREFIX)) {
            return Optional.empty();
        }
        try {
            return principals
                    .findById(
                            workspace, new PrincipalId(Long.parseLong(name.substring(TECHNICAL_USER_PREFIX.length()))))
                    .filter(p -> p.kind() == PrincipalKind.TECHNICAL_USER);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
