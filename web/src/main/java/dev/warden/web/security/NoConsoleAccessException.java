package dev.warden.web.security;

import org.springframework.security.authentication.AccountStatusException;

/**
 * A sign-in with the right password by a user who may not use the console: it lacks the {@code workspace-access}
 * entitlement (and is no workspace admin). Raised only after the password matched, so it tells nothing to someone
 * who does not know the password; the login page says so plainly instead of "wrong user name or password", which
 * would send the user hunting for a password that is right. It does not count as a failed attempt.
 */
public final class NoConsoleAccessException extends AccountStatusException {
    private static final long serialVersionUID = 1L;

    NoConsoleAccessException() {
        super("No console access (workspace-access entitlement)");
    }
}
