package dev.warden.web.shared;

import dev.warden.core.filter.InvalidFilterException;
import dev.warden.core.shared.InvalidParameterException;
import dev.warden.core.shared.InvalidStateException;
import dev.warden.core.shared.PermissionDeniedException;
import dev.warden.core.shared.QuotaExceededException;
import dev.warden.core.shared.ResourceAlreadyExistsException;
import dev.warden.core.shared.ResourceNotFoundException;
import dev.warden.core.shared.Validation;
import dev.warden.core.token.AccessRefusedException;
import dev.warden.core.token.DenialReason;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns what goes wrong inside an API handler into a Databricks-shaped error. Bad input is a 400 naming the
 * field and never a 5xx; an unexpected failure is a 500 with a reference, its details only in the log.
 */
@RestControllerAdvice(annotations = ApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ApiError> invalidParameter(InvalidParameterException e) {
        return ResponseEntity.badRequest().body(ApiError.invalidParameter(e.field(), e.getMessage()));
    }

    /** A SCIM filter Warden cannot evaluate: the usual 400 naming {@code filter}, with SCIM's {@code invalidFilter}. */
    @ExceptionHandler(InvalidFilterException.class)
    ResponseEntity<ScimApiError> invalidFilter(InvalidFilterException e) {
        return ResponseEntity.badRequest()
                .body(ScimApiError.badRequest(ApiError.invalidParameter(e.field(), e.getMessage()), e.scimType()));
    }

    @ExceptionHandler(InvalidStateException.class)
    ResponseEntity<ApiError> invalidState(InvalidStateException e) {
        return ResponseEntity.badRequest().body(ApiError.of(ApiError.INVALID_STATE, e.getMessage()));
    }

    @ExceptionHandler(ResourceNotFoundException.class)
    ResponseEntity<ApiError> notFound(ResourceNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ApiError.of(ApiError.RESOURCE_DOES_NOT_EXIST, e.getMessage()));
    }

    @ExceptionHandler(ResourceAlreadyExistsException.class)
    ResponseEntity<ApiError> alreadyExists(ResourceAlreadyExistsException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(ApiError.of(ApiError.RESOURCE_ALREADY_EXISTS, e.getMessage()));
    }

    /**
     * A service's own check (e.g. a group admin changing a group it does not administer) refused: the same
     * answer as the decision chain's step 7.
     */
    @ExceptionHandler(PermissionDeniedException.class)
    ResponseEntity<ApiError> permissionDenied(PermissionDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(ApiError.withReason(
                        ApiError.PERMISSION_DENIED, e.getMessage(), e.reason(), Map.of("required", e.permission())));
    }

    /**
     * A decision-chain reason raised outside the chain (creating a token while tokens are disabled, or for an owner
     * without token usage permission): the reason's status, with the reason code in the details.
     */
    @ExceptionHandler(AccessRefusedException.class)
    ResponseEntity<ApiError> accessRefused(AccessRefusedException e) {
        DenialReason reason = e.reason();
        String code = reason.isUnauthenticated() ? ApiError.UNAUTHENTICATED : ApiError.PERMISSION_DENIED;
        return ResponseEntity.status(reason.httpStatus())
                .body(ApiError.withReason(code, e.getMessage(), reason.name(), null));
    }

    /** A per-principal limit (the token quota): 400 {@code QUOTA_EXCEEDED}, which the SDK reads as a BadRequest. */
    @ExceptionHandler(QuotaExceededException.class)
    ResponseEntity<ApiError> quotaExceeded(QuotaExceededException e) {
        return ResponseEntity.badRequest()
                .body(ApiError.withReason(ApiError.QUOTA_EXCEEDED, e.getMessage(), ApiError.QUOTA_EXCEEDED, null));
    }

    /**
     * A unique key the service's own check did not see taken: two requests created the same name at the same time.
     * The second is told so, as if the check had caught it.
     */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ApiError> duplicate(DuplicateKeyException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(ApiError.of(
                        ApiError.RESOURCE_ALREADY_EXISTS,
                        "Another request has just created the same name; nothing was changed by this one."));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        String field = fieldOf(e);
        String message = field == null
                ? "The request body is not valid JSON of the expected shape."
                : "Invalid value for field '" + field + "': expected " + expectedValue(e) + ".";
        return ResponseEntity.badRequest().body(ApiError.invalidParameter(field, message));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(ApiError.of(
                        ApiError.INVALID_PARAMETER_VALUE,
                        "Send the request body as JSON with 'Content-Type: application/json'."));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest()
                .body(ApiError.invalidParameter(
                        e.getParameterName(), "Query parameter '" + e.getParameterName() + "' is required."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest()
                .body(ApiError.invalidParameter(
                        e.getName(),
                        "Invalid value for '" + e.getName() + "': expected " + expected(e.getRequiredType()) + "; got "
                                + Validation.echo(e.getValue()) + "."));
    }

    /**
     * The database is out of reach (or transiently refusing): 503 with {@code Retry-After}, never a 500. The
     * same answer as {@link DatabaseUnavailableFilter} gives for failures outside a handler.
     */
    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        RecoverableDataAccessException.class,
        CannotCreateTransactionException.class,
        TransactionSystemException.class
    })
    ResponseEntity<ApiError> databaseUnavailable(Exception e) throws Exception {
        String reason = DatabaseUnavailable.reasonOf(e);
        if (reason == null) {
            return unexpected(e); // a TransactionSystemException for another cause
        }
        DatabaseUnavailable.report(reason, e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(DatabaseUnavailable.error(reason));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse) {
            throw e; // Spring's own 4xx (405, 404, 406...): the error controller renders those.
        }
        String reference = java.util.UUID.randomUUID().toString();
        LOG.error("Unexpected error, reference {}", reference, e);
        return ResponseEntity.internalServerError()
                .body(ApiError.of(
                        ApiError.INTERNAL_ERROR,
                        "Warden failed to handle the request (reference " + reference + "). Nothing was changed."));
    }

    private static String fieldOf(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JacksonException jackson
                && !jackson.getPath().isEmpty()) {
            return jackson.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
        }
        return null;
    }

    /** Says what a field should have held, in the caller's terms rather than Java's. */
    private static String expectedValue(HttpMessageNotReadableException e) {
        return expected(e.getCause() instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null);
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "a value of the right type and range";
        }
        if (target == Long.class || target == long.class || target == Integer.class || target == int.class) {
            return "a whole number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(target)) {
            return "a list";
        }
        return "a value of the right type";
    }
}
