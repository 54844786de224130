package dev.warden.web.security;

import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The console's one authentication provider (being the only {@link AuthenticationProvider} bean, Spring Security
 * builds the global authentication manager from it alone): Spring's {@link DaoAuthenticationProvider} over the
 * console's users, behind {@link SignInThrottle}. While a user name or client address is locked, every attempt is
 * refused with {@link SignInThrottledException}, even with the right password, and the password encoder still runs
 * once, as it does for an unknown and for an inactive user, so the answer takes as long whether or not the user
 * exists.
 */
@Component
class ThrottledSignIn implements AuthenticationProvider {
    private final DaoAuthenticationProvider passwords;
    private final PasswordEncoder encoder;
    private final SignInThrottle throttle;
    private final LoginAuditListener audit;
    private volatile String decoyHash;

    ThrottledSignIn(
            ConsoleUserDetailsService users,
            PasswordEncoder encoder,
            SignInThrottle throttle,
            LoginAuditListener audit) {
        this.passwords = new DaoAuthenticationProvider(users);
        this.passwords.setPasswordEncoder(encoder);
        // The password first, the account's state after: an inactive user costs one password check like any other,
        // so its answer and its timing are those of a wrong password. Console access (workspace-access) is asked
        // last, of a user whose password is right and who is active: only then is "no console access" the answer.
        this.passwords.setPreAuthenticationChecks(user -> {});
        AccountStatusUserDetailsChecker status = new AccountStatusUserDetailsChecker();
        this.passwords.setPostAuthenticationChecks(user -> {
            status.check(user);
            if (user instanceof ConsoleUser console && !users.mayUseConsole(console)) {
                throw new NoConsoleAccessException();
            }
        });
        this.encoder = encoder;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String name = attempt.getName();
        String address =
                attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        Optional<Duration> locked = throttle.lockedFor(name, address);
        if (locked.isPresent()) {
            spendAsLongAsAPasswordCheck(attempt);
            audit.throttled(attempt, locked.get());
            throw new SignInThrottledException(locked.get());
        }
        try {
            Authentication signedIn = passwords.authenticate(attempt);
            throttle.forget(name);
            return signedIn;
        } catch (BadCredentialsException | DisabledException e) {
            // Wrong password, unknown user or inactive user: one answer, one count. A database failure is no count.
            throttle.failed(name, address);
            throw e;
        } catch (NoConsoleAccessException e) {
            // The right password: no guess to count, but a refusal to record.
            audit.noConsoleAccess(attempt);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private void spendAsLongAsAPasswordCheck(Authentication attempt) {
        if (decoyHash == null) {
            decoyHash = encoder.encode("not-a-password-anyone-has");
        }
        Object presented = attempt.getCredentials();
        encoder.matches(presented == null ? "" : presented.toString(), decoyHash);
    }
}
