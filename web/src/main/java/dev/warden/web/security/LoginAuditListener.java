package dev.warden.web.security;

import dev.warden.core.audit.AuditAction;
import dev.warden.core.audit.AuditEvent;
import dev.warden.core.audit.AuditLog;
import dev.warden.core.principal.SignInLookup;
import dev.warden.web.config.WardenProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Audits console log-ins, successful and failed. The password is never part of the record. */
@Component
class LoginAuditListener {
    private static final int MAX_ATTEMPTED_NAME = 100;

    private final AuditLog audit;
    private final SignInLookup signIn;
    private final String workspaceName;
    private final Clock clock;

    LoginAuditListener(AuditLog audit, SignInLookup signIn, WardenProperties properties, Clock clock) {
        this.audit = audit;
        this.signIn = signIn;
        this.workspaceName = properties.consoleWorkspace();
        this.clock = clock;
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof ConsoleUser user) {
            audit.record(
                    AuditEvent.by(user.actor(addressOf(event.getAuthentication())), AuditAction.LOGIN_SUCCEEDED, now())
                            .target("principal", user.principal().toString())
                            .build());
        }
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        if (event.getException() instanceof SignInThrottledException
                || event.getException() instanceof NoConsoleAccessException) {
            return; // recorded by throttled(...) and noConsoleAccess(...)
        }
        Authentication attempt = event.getAuthentication();
        signIn.workspace(workspaceName)
                .ifPresent(workspace -> audit.record(AuditEvent.anonymous(
                                workspace.id(), AuditAction.LOGIN_FAILED, now())
                        .actor(null, attemptedName(attempt))
                        .clientAddress(addressOf(attempt))
                        .detail("reason", event.getException().getClass().getSimpleName())
                        .build()));
    }

    /**
     * A sign-in refused by {@link SignInThrottle} without looking at the password: who was tried, from where, and
     * how long the lock still lasts.
     */
    void throttled(Authentication attempt, Duration retryAfter) {
        signIn.workspace(workspaceName)
                .ifPresent(workspace ->
                        audit.record(AuditEvent.anonymous(workspace.id(), AuditAction.LOGIN_THROTTLED, now())
                                .actor(null, attemptedName(attempt))
                                .clientAddress(addressOf(attempt))
                                .detail("retry_after_seconds", retryAfter.toSeconds())
                                .build()));
    }

    /**
     * A sign-in with the right password that may not have a console session (no workspace-access): recorded as a
     * failed log-in with its reason, since Spring Security publishes no failure event for this refusal.
     */
    void noConsoleAccess(Authentication attempt) {
        signIn.workspace(workspaceName)
                .ifPresent(
                        workspace -> audit.record(AuditEvent.anonymous(workspace.id(), AuditAction.LOGIN_FAILED, now())
                                .actor(null, attemptedName(attempt))
                                .clientAddress(addressOf(attempt))
                                .detail("reason", NoConsoleAccessException.class.getSimpleName())
                                .build()));
    }

    private static String attemptedName(Authentication attempt) {
        String name = attempt.getName();
        return name == null || name.length() <= MAX_ATTEMPTED_NAME ? name : name.substring(0, MAX_ATTEMPTED_NAME);
    }

    private static String addressOf(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
