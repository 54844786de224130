package dev.warden.web.security;

import dev.warden.core.principal.Principal;
import dev.warden.core.principal.SignInLookup;
import dev.warden.core.workspace.Workspace;
import dev.warden.web.config.WardenProperties;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Console log-in: users (never service principals or technical users) of the console's workspace. */
@Service
class ConsoleUserDetailsService implements UserDetailsService {
    private final SignInLookup signIn;
    private final String workspaceName;

    ConsoleUserDetailsService(SignInLookup signIn, WardenProperties properties) {
        this.signIn = signIn;
        this.workspaceName = properties.consoleWorkspace();
    }

    @Override
    public UserDetails loadUserByUsername(String userName) {
        Workspace workspace = signIn.workspace(workspaceName)
                .orElseThrow(() -> new UsernameNotFoundException("no workspace " + workspaceName));
        Principal principal = signIn.userWithPassword(workspace.id(), userName)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return new ConsoleUser(
                workspace.id().value(),
                principal.id().value(),
                principal.userName(),
                principal.displayName(),
                principal.passwordHash(),
                principal.active());
    }
}
