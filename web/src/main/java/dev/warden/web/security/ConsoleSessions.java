package dev.warden.web.security;

import dev.warden.core.principal.PrincipalId;
import dev.warden.core.workspace.WorkspaceId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.SessionManagementConfigurer;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.authentication.session.SessionLimit;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;
import org.springframework.stereotype.Component;

/**
 * The console sessions, by user, so that a changed or reset password ends the sessions signed in with the old one.
 * Sessions live in the database (Spring Session JDBC, table {@code SPRING_SESSION}), indexed by the signed-in user's
 * name, so this reaches the user's sessions on every node. An ended session is marked expired in the database and
 * signed out on its next request, on whichever node, and sent to the login page.
 */
@Component
public class ConsoleSessions {
    static final String ENDED_URL = "/login?ended";

    private final FindByIndexNameSessionRepository<? extends Session> store;
    private final SessionRegistry registry;

    ConsoleSessions(FindByIndexNameSessionRepository<? extends Session> store, SessionRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    /** The console chain's session concurrency: any number of sessions per user, each of them found here. */
    void track(SessionManagementConfigurer<HttpSecurity>.ConcurrencyControlConfigurer sessions) {
        sessions.maximumSessions(SessionLimit.UNLIMITED)
                .sessionRegistry(registry)
                .expiredSessionStrategy(event -> sendToLogin(event.getRequest(), event.getResponse()));
    }

    /**
     * Ends every console session of the user but the one given (the one that changed the password). The index is by
     * name; a session counts only when its signed-in user is this principal of this workspace.
     */
    public void endOthers(WorkspaceId workspace, PrincipalId user, String userName, String keepSessionId) {
        store.findByPrincipalName(userName).forEach((id, session) -> {
            if (!id.equals(keepSessionId) && signedInAs(session, workspace, user)) {
                SessionInformation information = registry.getSessionInformation(id);
                if (information != null) {
                    information.expireNow();
                }
            }
        });
    }

    /** Ends every console session of the user (an admin reset its password). */
    public void endAll(WorkspaceId workspace, PrincipalId user, String userName) {
        endOthers(workspace, user, userName, null);
    }

    private static boolean signedInAs(Session session, WorkspaceId workspace, PrincipalId user) {
        Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        return context instanceof SecurityContext security
                && security.getAuthentication() != null
                && security.getAuthentication().getPrincipal() instanceof ConsoleUser console
                && console.workspace().equals(workspace)
                && console.principal().equals(user);
    }

    /** An htmx request is told to load the login page as a whole; a plain one is redirected there. */
    private static void sendToLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String target = request.getContextPath() + ENDED_URL;
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", target);
            response.setStatus(HttpServletResponse.SC_OK);
        } else {
            response.sendRedirect(target);
        }
    }

    /** The registry over Spring Session's store: what it reads and marks expired is in the database. */
    @Configuration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        <S extends Session> SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<S> store) {
            return new SpringSessionBackedSessionRegistry<>(store);
        }
    }
}
