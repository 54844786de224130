package dev.warden.web.security;

import dev.warden.web.shared.DatabaseUnavailable;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * A failed console sign-in goes back to the login form with "wrong user name or password", as Spring Security's
 * default does; but a sign-in that could not ask the database is no wrong password: it is rethrown, and
 * {@code DatabaseUnavailableFilter} answers 503 with {@code Retry-After}.
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
        super.onAuthenticationFailure(request, response, exception);
    }
}
