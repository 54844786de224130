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
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.authentication.session.SessionLimit;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The console sessions of this node, by user, so that a changed or reset password ends the sessions signed in with
 * the old one. Sessions live in the servlet container's memory (there is no shared session store), so this reaches
 * the sessions of this node only. An ended session is signed out on its next request and sent to the login page.
 */
@Component
public class ConsoleSessions {
    static final String ENDED_URL = "/login?ended";

    private final SessionRegistry registry;

    ConsoleSessions(SessionRegistry registry) {
        this.registry = registry;
    }

    /** The console chain's session concurrency: any number of sessions per user, each of them registered here. */
    void track(SessionManagementConfigurer<HttpSecurity>.ConcurrencyControlConfigurer sessions) {
        sessions.maximumSessions(SessionLimit.UNLIMITED)
                .sessionRegistry(registry)
                .expiredSessionStrategy(event -> sendToLogin(event.getRequest(), event.getResponse()));
    }

    /** Ends every console session of the user but the one given (the one that changed the password). */
    public void endOthers(WorkspaceId workspace, PrincipalId user, String keepSessionId) {
        for (Object principal : registry.getAllPrincipals()) {
            if (principal instanceof ConsoleUser console
                    && console.workspace().equals(workspace)
                    && console.principal().equals(user)) {
                registry.getAllSessions(principal, false).stream()
                        .filter(session -> !session.getSessionId().equals(keepSessionId))
                        .forEach(SessionInformation::expireNow);
            }
        }
    }

    /** Ends every console session of the user (an admin reset its password). */
    public void endAll(WorkspaceId workspace, PrincipalId user) {
        endOthers(workspace, user, null);
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

    /** The registry and the servlet listener that feeds it. */
    @Configuration(proxyBeanMethods = false)
    static class Beans {
        /** A bean, so it hears of sessions ending and changing id (from the publisher below) and forgets them. */
        @Bean
        SessionRegistry sessionRegistry() {
            return new SessionRegistryImpl();
        }

        /** Boot registers it with the servlet container: session events reach the registry. */
        @Bean
        HttpSessionEventPublisher httpSessionEventPublisher() {
            return new HttpSessionEventPublisher();
        }
    }
}
