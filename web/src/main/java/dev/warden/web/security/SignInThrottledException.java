package dev.warden.web.security;

import java.time.Duration;
import org.springframework.security.authentication.AccountStatusException;

/**
 * A sign-in refused before its password was looked at: too many recent failures for the user name or the client
 * address. It says nothing about whether the user exists. An {@link AccountStatusException}, so that no other
 * authentication provider is asked after it.
 */
public final class SignInThrottledException extends AccountStatusException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    SignInThrottledException(Duration retryAfter) {
        super("Too many failed sign-ins");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** "3 minutes": how long to wait, in whole minutes rounded up, at least one; what the login page tells. */
    public String waitText() {
        return waitText(retryAfter);
    }

    public static String waitText(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
