package dev.warden.web.security;

import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A person logged in to the console. The password hash is erased once authentication is done. */
public final class ConsoleUser implements UserDetails, CredentialsContainer {
    private final long workspaceId;
    private final long principalId;
    private final String userName;
    private final String displayName;
    private String passwordHash;
    private final boolean enabled;

    ConsoleUser(
            long workspaceId,
            long principalId,
            String userName,
            String displayName,
            String passwordHash,
            boolean enabled) {
        this.workspaceId = workspaceId;
        this.principalId = principalId;
        this.userName = userName;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
    }

    public Actor actor(String clientAddress) {
        return new Actor(workspace(), principal(), userName, clientAddress);
    }

    public WorkspaceId workspace() {
        return new WorkspaceId(workspaceId);
    }

    public PrincipalId principal() {
        return new PrincipalId(principalId);
    }

    public String displayName() {
        return displayName;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return userName;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
