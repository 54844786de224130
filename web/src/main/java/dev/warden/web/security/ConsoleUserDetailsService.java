package dev.warden.web.security;

import dev.warden.core.principal.Principal;
import dev.warden.core.principal.PrincipalKind;
import dev.warden.core.principal.PrincipalRepository;
import dev.warden.core.workspace.Workspace;
import dev.warden.core.workspace.WorkspaceRepository;
import dev.warden.web.config.WardenProperties;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Console log-in: users (never service principals or technical users) of the console's workspace. */
@Service
class ConsoleUserDetailsService implements UserDetailsService {
    private final WorkspaceRepository workspaces;
    private final PrincipalRepository principals;
    private final String workspaceName;

    ConsoleUserDetailsService(WorkspaceRepository workspaces, PrincipalRepository principals,
                              WardenProperties properties) {
        this.workspaces = workspaces;
        this.principals = principals;
        this.workspaceName = properties.consoleWorkspace();
    }

    @Override
    public UserDetails loadUserByUsername(String userName) {
        Workspace workspace = workspaces.findByName(workspaceName)
                .orElseThrow(() -> new UsernameNotFoundException("no workspace " + workspaceName));
        Principal principal = principals.findByUserName(workspace.id(), userName)
                .filter(p -> p.kind() == PrincipalKind.USER && p.passwordHash() != null)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return new ConsoleUser(workspace.id().value(), principal.id().value(), principal.userName(),
                principal.displayName(), principal.passwordHash(), principal.active());
    }
}
