package dev.warden.core.service;

import dev.warden.core.permission.Permission;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;

/**
 * An intranet service that relies on Warden (DESIGN, "OAuth 2.0 and the services that rely on Warden"): its name,
 * the service principal it authenticates as when it introspects tokens, and the scopes it declared, which are
 * permissions of the workspace's catalogue under the prefix {@code name:}.
 */
public record RegisteredService(
        ServiceId id,
        WorkspaceId workspace,
        String name,
        String displayName,
        PrincipalId servicePrincipal,
        List<Permission> scopes) {
    public RegisteredService {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(servicePrincipal, "servicePrincipal");
        scopes = scopes.stream().sorted().toList();
    }

    public RegisteredService withId(ServiceId newId) {
        return new RegisteredService(newId, workspace, name, displayName, servicePrincipal, scopes);
    }

    public boolean declares(String scopeKey) {
        return scopes.stream().anyMatch(scope -> scope.key().equals(scopeKey));
    }
}
