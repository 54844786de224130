package dev.warden.web.shared;

import dev.warden.core.shared.Validation;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Where the servlet container sends every error no handler answered (unknown route, wrong method, a failure
 * in a filter). API paths get the Databricks JSON shape; console paths get a page. Never a stack trace.
 */
@Controller
class WardenErrorController implements ErrorController {
    private final ApiErrorWriter errors;
    private final ApiRoutes routes;

    WardenErrorController(ApiErrorWriter errors, ApiRoutes routes) {
        this.errors = errors;
        this.routes = routes;
    }

    @RequestMapping("/error")
    String error(HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        int status = statusOf(request);
        String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        if (ApiErrorWriter.isOAuthPath(path)) {
            if (status == 405) {
                response.setHeader(HttpHeaders.ALLOW, "POST");
            }
            errors.writeOAuth(
                    response,
                    status,
                    OAuthErrorBody.of(
                            OAuthErrorBody.codeFor(status),
                            switch (status) {
                                case 404 ->
                                    "No OAuth endpoint at " + Validation.shorten(path)
                                            + "; the token endpoint is /oidc/v1/token.";
                                case 405 -> "The token endpoint takes POST only.";
                                default ->
                                    status >= 500
                                            ? "Warden failed to handle the request."
                                            : "The request was not accepted.";
                            }));
            return null;
        }
        if (ApiErrorWriter.isApiPath(path)) {
            // the error dispatch itself is a GET: the method the caller sent is kept in this attribute
            Object sent = request.getAttribute(RequestDispatcher.ERROR_METHOD);
            String method = sent == null ? request.getMethod() : sent.toString();
            if (status == 405) {
                response.setHeader(HttpHeaders.ALLOW, String.join(", ", routes.methodsAt(path)));
            }
            errors.write(
                    response,
                    status,
                    ApiError.withReason(
                            errorCode(status),
                            apiMessage(status, Validation.shorten(method), Validation.shorten(path)),
                            reason(status),
                            null));
            return null;
        }
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute(
                "reason",
                HttpStatus.resolve(status) == null
                        ? "Error"
                        : HttpStatus.resolve(status).getReasonPhrase());
        return "error";
    }

    private static int statusOf(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return status instanceof Integer code ? code : 500;
    }

    private static String errorCode(int status) {
        return switch (status) {
            case 400 -> ApiError.INVALID_PARAMETER_VALUE;
            case 401 -> ApiError.UNAUTHENTICATED;
            case 403 -> ApiError.PERMISSION_DENIED;
            case 404 -> ApiError.ENDPOINT_NOT_FOUND;
            case 405 -> ApiError.METHOD_NOT_ALLOWED;
            default -> status >= 500 ? ApiError.INTERNAL_ERROR : ApiError.INVALID_PARAMETER_VALUE;
        };
    }

    private static String reason(int status) {
        return switch (status) {
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> ContainerErrorValve.REQUEST_TOO_LARGE;
            case 415 -> MalformedRequestFilter.UNSUPPORTED_MEDIA_TYPE;
            default -> status == 400 ? ContainerErrorValve.MALFORMED_REQUEST : errorCode(status);
        };
    }

    private static String apiMessage(int status, String method, String path) {
        return switch (status) {
            case 404 -> "No API endpoint at " + path + ".";
            case 405 ->
                "The endpoint " + path + " does not accept " + method + "; the Allow header lists what it accepts.";
            case 406 -> "This endpoint answers with application/json only.";
            case 413 -> "The request is too large.";
            case 415 -> "Send the request body as JSON with 'Content-Type: application/json'.";
            default -> status >= 500 ? "Warden failed to handle the request." : "The request was not accepted.";
        };
    }
}
