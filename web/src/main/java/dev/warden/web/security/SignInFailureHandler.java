package dev.warden.web.security;

import dev.warden.web.shared.DatabaseUnavailable;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * A failed console sign-in goes back to the login form with "wrong user name or password", as Spring Security's
 * default does; but a sign-in that could not ask the database is no wrong password: it is rethrown, and
 * {@code DatabaseUnavailableFilter} answers 503 with {@code Retry-After}.
 * <p>
 * The refusal is kept in the session for the login page to say why; sessions live in the database, and Spring
 * Security attaches the sign-in attempt, typed password included, to the refusal: the attempt is replaced by one
 * with the name only before the refusal is stored.
 */
final class SignInFailureHandler extends SimpleUrlAuthenticationFailureHandler {
    SignInFailureHandler() {
        super("/login?error");
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException, ServletException {
        if (DatabaseUnavailable.reasonOf(exception) != null) {
            throw new ServletException("Sign-in could not reach the database", exception);
        }
        Authentication attempt = exception.getAuthenticationRequest();
        if (attempt != null) {
            exception.setAuthenticationRequest(
                    UsernamePasswordAuthenticationToken.unauthenticated(attempt.getName(), null));
        }
        super.onAuthenticationFailure(request, response, exception);
    }
}
