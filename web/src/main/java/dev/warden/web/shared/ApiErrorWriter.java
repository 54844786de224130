package dev.warden.web.shared;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes an {@link ApiError} where no controller is involved: security filters, entry points and the servlet
 * container's own error report. Also the short plain page a console path gets in the container's place.
 */
@Component
public class ApiErrorWriter {
    private final ObjectMapper json;

    public ApiErrorWriter(ObjectMapper json) {
        this.json = json;
    }

    /** Whether a request path is the API's, so that its errors are answered in JSON. */
    public static boolean isApiPath(String path) {
        return path != null && (path.startsWith("/api/") || path.equals("/api"));
    }

    /**
     * Whether a request path is one of the OAuth endpoints ({@code /oidc/...}, {@code /oauth2/...}), whose errors are
     * answered in the RFC 6749 shape ({@link OAuthErrorBody}), never as a page.
     */
    public static boolean isOAuthPath(String path) {
        return path != null && (path.startsWith("/oidc/") || path.startsWith("/oauth2/"));
    }

    public void write(HttpServletResponse response, int status, ApiError error) throws IOException {
        prepare(response, status, MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), error);
    }

    /** An OAuth error ({@code Cache-Control: no-store} and {@code Pragma: no-cache}, as RFC 6749 §5.1 asks). */
    public void writeOAuth(HttpServletResponse response, int status, OAuthErrorBody error) throws IOException {
        prepare(response, status, MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Pragma", "no-cache");
        json.writeValue(response.getOutputStream(), error);
    }

    /** The body as text, for writers that must use the response's writer rather than its stream. */
    String json(Object error) {
        return json.writeValueAsString(error);
    }

    /** A short HTML page with the status and one sentence, for console paths where no template can be rendered. */
    static String page(int status, String reason, String message) {
        String title = status + " " + HtmlUtils.htmlEscape(reason);
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + " · Warden</title>"
                + "</head><body><h1>" + title + "</h1><p>" + HtmlUtils.htmlEscape(message) + "</p>"
                + "<p><a href=\"/\">Back to Warden</a></p></body></html>";
    }

    static void prepare(HttpServletResponse response, int status, String contentType) {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
    }
}
