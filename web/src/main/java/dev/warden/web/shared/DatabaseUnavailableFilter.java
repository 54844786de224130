package dev.warden.web.shared;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outermost filter: a request that failed because the database is out of reach gets 503 with
 * {@code Retry-After} instead of the container's 500, wherever the failure was raised — the bearer-token check
 * (which runs before Spring MVC), console sign-in, a console page. {@code /api/**} gets the Databricks JSON shape;
 * the console a short page (htmx requests also get {@code HX-Refresh}, so the whole page shows it). Handlers of
 * the API answer the same themselves ({@link ApiExceptionHandler}); this catches what no handler answered.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DatabaseUnavailableFilter extends OncePerRequestFilter {
    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>503 · Warden</title>
              <link rel="stylesheet" href="%s/css/warden.css">
            </head>
            <body class="login-page">
            <main class="login-card" data-testid="unavailable">
              <h1>503 Service Unavailable</h1>
              <p>%s Try again in %d seconds.</p>
              <p><a href="%s/">Back to Warden</a></p>
            </main>
            </body>
            </html>
            """;

    private final ApiErrorWriter errors;

    DatabaseUnavailableFilter(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            String reason = DatabaseUnavailable.reasonOf(e);
            if (reason == null || response.isCommitted()) {
                throw e;
            }
            DatabaseUnavailable.report(reason, e);
            answer(request, response, reason);
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
        response.resetBuffer();
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS));
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            errors.write(response, HttpStatus.SERVICE_UNAVAILABLE.value(), DatabaseUnavailable.error(reason));
            return;
        }
        if (ApiErrorWriter.isOAuthPath(path)) {
            errors.writeOAuth(
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE.value(),
                    OAuthErrorBody.of(
                            OAuthErrorBody.TEMPORARILY_UNAVAILABLE,
                            DatabaseUnavailable.error(reason).message()));
            return;
        }
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Refresh", "true");
        }
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String context = request.getContextPath();
        response.getWriter()
                .write(PAGE.formatted(
                        context,
                        DatabaseUnavailable.UNREACHABLE.equals(reason)
                                ? "Warden cannot reach its database just now."
                                : "Warden's database is busy just now.",
                        DatabaseUnavailable.RETRY_AFTER_SECONDS,
                        context));
    }
}
