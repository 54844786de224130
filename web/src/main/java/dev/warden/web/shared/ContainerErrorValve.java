package dev.warden.web.shared;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report, for what Tomcat refuses before any filter or controller runs: a malformed request line,
 * an invalid character in the URL, a header over the size limit, an unsupported transfer coding or HTTP version.
 * Under {@code /api/} (or when the path could not even be read) the answer is the API's JSON error; elsewhere a
 * short plain page. Never Tomcat's HTML report, never a stack trace, never the offending input.
 *
 * <p>Tomcat answers an HTTP version or transfer coding it does not support with 505 or 501; those are the caller's
 * malformed input, so they are answered as 400 like every other malformed request.
 */
final class ContainerErrorValve extends ErrorReportValve {
    static final String MALFORMED_REQUEST = "MALFORMED_REQUEST";
    static final String REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE";

    /** Tomcat's messages (they carry the input, so only the first words are matched) and what to say instead. */
    private static final Map<String, String> EXPLANATIONS = Map.of(
            "Request header is too large",
            "The request line or its headers are larger than Warden accepts (server.max-http-request-header-size,"
                    + " 8 KB unless configured).",
            "Invalid character found in the request target",
            "The URL contains a character that must be %-encoded, such as a space, '{', '|', '\\' or a non-ASCII"
                    + " byte.",
            "Invalid character found in method name",
            "The request line is not HTTP: the method name contains an invalid character.",
            "Invalid character found in the HTTP protocol",
            "The request line is not HTTP: the protocol is malformed.");

    private final ApiErrorWriter errors;

    ContainerErrorValve(ApiErrorWriter errors) {
        this.errors = errors;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as Tomcat's own report: only an error nobody has answered yet, on a connection that can still be written
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        if (status == 501 || status == 505) {
            status = 400;
        }
        String message = message(status, throwable);
        String path = request.getRequestURI();
        // a path Tomcat could not read, or one no console page has (not starting with '/'), is answered as the API
        boolean oauth = ApiErrorWriter.isOAuthPath(path);
        boolean api = oauth || path == null || !path.startsWith("/") || ApiErrorWriter.isApiPath(path);
        try {
            response.resetBuffer();
            ApiErrorWriter.prepare(
                    response, status, api ? MediaType.APPLICATION_JSON_VALUE : MediaType.TEXT_HTML_VALUE);
            PrintWriter writer = response.getReporter();
            if (writer == null) {
                return; // the application took the output stream; the status alone must do
            }
            writer.write(
                    oauth
                            ? errors.json(OAuthErrorBody.of(OAuthErrorBody.codeFor(status), message))
                            : api
                                    ? errors.json(ApiError.withReason(errorCode(status), message, reason(status), null))
                                    : ApiErrorWriter.page(status, reasonPhrase(status), message));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }

    private static String message(int status, Throwable throwable) {
        if (status == 400) {
            String cause = throwable == null || throwable.getMessage() == null ? "" : throwable.getMessage();
            return EXPLANATIONS.entrySet().stream()
                    .filter(known -> cause.startsWith(known.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse("Warden could not read this request: the request line, a header, the URL or the HTTP"
                            + " framing is malformed.");
        }
        if (status == 413) {
            return "The request is larger than Warden accepts.";
        }
        if (status >= 500) {
            return "Warden failed to handle the request. Nothing was changed.";
        }
        return "The request was not accepted (" + reasonPhrase(status) + ").";
    }

    private static String errorCode(int status) {
        return switch (status) {
            case 404 -> ApiError.ENDPOINT_NOT_FOUND;
            case 405 -> ApiError.METHOD_NOT_ALLOWED;
            default -> status >= 500 ? ApiError.INTERNAL_ERROR : ApiError.INVALID_PARAMETER_VALUE;
        };
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 413 -> REQUEST_TOO_LARGE;
            default -> errorCode(status);
        };
    }

    private static String reasonPhrase(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}
