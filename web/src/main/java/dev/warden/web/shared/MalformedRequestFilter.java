package dev.warden.web.shared;

import dev.warden.core.shared.Validation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads what would otherwise fail deep inside Tomcat or Spring, up front, and answers it as the caller's error.
 *
 * <p>A {@code Content-Type} that is no concrete media type ({@code application/*}) made Spring throw an
 * {@link IllegalArgumentException} while reading the body: a 500. It is answered 415 here.
 *
 * <p>Every request's parameters are read, so a malformed one (a {@code %} not followed by two hex digits, bytes
 * that are not UTF-8, more parameters than Tomcat takes) is answered here with a 400 naming it.
 *
 * <p>Why: Tomcat decodes parameters lazily and, when it cannot, throws an {@link IllegalStateException} from
 * whichever call first asks for them. That was a handler's argument resolver, so the error reached the API's
 * handler of unexpected exceptions: a 500 and a stack trace in the log for the caller's typo, and only on the
 * endpoints that read a parameter (others ignored the query and answered 200).
 *
 * <p>Ordered right after Boot's character-encoding filter, so a form body is decoded as UTF-8.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class MalformedRequestFilter extends OncePerRequestFilter {
    static final String MALFORMED_PARAMETER = "MALFORMED_PARAMETER";
    static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";

    private final ApiErrorWriter errors;

    MalformedRequestFilter(ApiErrorWriter errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!concrete(request.getContentType())) {
            refuseContentType(request, response);
            return;
        }
        try {
            request.getParameterMap();
        } catch (IllegalStateException e) {
            refuse(request, response, e);
            return;
        }
        chain.doFilter(request, response);
    }

    /** No Content-Type, or one a body can be read as (a type and a subtype, neither a wildcard). */
    private static boolean concrete(String contentType) {
        if (contentType == null) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private void refuseContentType(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String message = "The Content-Type " + Validation.echo(request.getContentType())
                + " is not a media type a body can be read as; send JSON with 'Content-Type: application/json'.";
        if (ApiErrorWriter.isOAuthPath(request.getRequestURI())) {
            errors.writeOAuth(
                    response,
                    400,
                    OAuthErrorBody.of(
                            OAuthErrorBody.INVALID_REQUEST,
                            "The Content-Type is not a media type a body can be read as; send the token request as"
                                    + " 'Content-Type: application/x-www-form-urlencoded'."));
        } else if (ApiErrorWriter.isApiPath(request.getRequestURI())) {
            errors.write(
                    response,
                    415,
                    ApiError.withReason(ApiError.INVALID_PARAMETER_VALUE, message, UNSUPPORTED_MEDIA_TYPE, null));
        } else {
            ApiErrorWriter.prepare(response, 415, MediaType.TEXT_HTML_VALUE);
            response.getWriter().write(ApiErrorWriter.page(415, "Unsupported Media Type", message));
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, IllegalStateException e)
            throws IOException {
        int status = e instanceof InvalidParameterException invalid && invalid.getErrorCode() >= 400
                ? invalid.getErrorCode()
                : 400;
        String parameter = status == 400 ? firstMalformed(request.getQueryString()) : null;
        String message;
        if (status == 413) {
            message = "The form body is larger than Warden accepts.";
        } else if (parameter != null) {
            message = "Query parameter " + Validation.echo(parameter) + " is not valid URL encoding: every '%' must"
                    + " be followed by two hex digits, and the bytes must be UTF-8.";
        } else {
            message = "The request's parameters could not be read: they are not valid URL encoding, or there are"
                    + " too many of them.";
        }
        if (ApiErrorWriter.isOAuthPath(request.getRequestURI())) {
            errors.writeOAuth(
                    response,
                    status,
                    OAuthErrorBody.of(
                            OAuthErrorBody.INVALID_REQUEST,
                            status == 413
                                    ? message
                                    : "The request's parameters could not be read: the form body or the query is"
                                            + " not valid URL encoding (every '%' followed by two hex digits, UTF-8),"
                                            + " or there are too many parameters."));
        } else if (ApiErrorWriter.isApiPath(request.getRequestURI())) {
            ApiError error = ApiError.withReason(
                    ApiError.INVALID_PARAMETER_VALUE,
                    message,
                    status == 413 ? ContainerErrorValve.REQUEST_TOO_LARGE : MALFORMED_PARAMETER,
                    parameter == null ? null : Map.of("field", Validation.shorten(parameter)));
            errors.write(response, status, error);
        } else {
            ApiErrorWriter.prepare(response, status, MediaType.TEXT_HTML_VALUE);
            response.getWriter().write(ApiErrorWriter.page(status, "Bad Request", message));
        }
    }

    /**
     * The name of the first parameter of the query string that is not valid UTF-8 URL encoding (its raw name when
     * the name itself is the malformed part); null when all decode.
     */
    static String firstMalformed(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name = decode(rawName);
            if (name == null) {
                return rawName;
            }
            if (equals >= 0 && decode(pair.substring(equals + 1)) == null) {
                return name;
            }
        }
        return null;
    }

    /** Strict {@code application/x-www-form-urlencoded} decoding as UTF-8; null when malformed. */
    static String decode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
