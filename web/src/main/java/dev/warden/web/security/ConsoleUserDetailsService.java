package dev.warden.web.security;

import dev.warden.core.entitlement.ConsoleAccessPolicy;
import dev.warden.core.principal.Principal;
import dev.warden.core.principal.SignInLookup;
import dev.warden.core.workspace.Workspace;
import dev.warden.web.config.WardenProperties;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Console log-in: users (never service principals or technical users) of the console's workspace; once the password
 * matched, {@link #mayUseConsole} says whether the user may have a session (the workspace-access entitlement).
 */
@Service
class ConsoleUserDetailsService implements UserDetailsService {
    private final SignInLookup signIn;
    private final ConsoleAccessPolicy consoleAccess;
    private final String workspaceName;

    ConsoleUserDetailsService(SignInLookup signIn, ConsoleAccessPolicy consoleAccess, WardenProperties properties) {
        this.signIn = signIn;
        this.consoleAccess = consoleAccess;
        this.workspaceName = properties.consoleWorkspace();
    }

    /**
     * Asked after the password matched (not before, so that a wrong password costs the same for everyone): may this
     * user use the console?
     */
    boolean mayUseConsole(ConsoleUser user) {
        return signIn.user(user.workspace(), user.principal())
                .map(consoleAccess::maySignIn)
                .orElse(false);
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
