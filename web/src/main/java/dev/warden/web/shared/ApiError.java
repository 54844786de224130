package dev.warden.web.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.warden.core.shared.Validation;
import java.util.List;
import java.util.Map;

/**
 * An error body in the Databricks shape the SDKs read ({@code error_code}, {@code message}, {@code details}),
 * with Warden's reason code in an ErrorInfo detail.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(@JsonProperty("error_code") String errorCode, String message, List<Detail> details) {

    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    public static final String PERMISSION_DENIED = "PERMISSION_DENIED";
    public static final String INVALID_PARAMETER_VALUE = "INVALID_PARAMETER_VALUE";
    public static final String INVALID_STATE = "INVALID_STATE";
    public static final String RESOURCE_DOES_NOT_EXIST = "RESOURCE_DOES_NOT_EXIST";
    public static final String RESOURCE_ALREADY_EXISTS = "RESOURCE_ALREADY_EXISTS";
    public static final String ENDPOINT_NOT_FOUND = "ENDPOINT_NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    /** 503: the database cannot be reached (or is transiently refusing); {@code Retry-After} says when to retry. */
    public static final String TEMPORARILY_UNAVAILABLE = "TEMPORARILY_UNAVAILABLE";

    public static final String QUOTA_EXCEEDED = "QUOTA_EXCEEDED";

    public static ApiError of(String errorCode, String message) {
        return new ApiError(errorCode, message, null);
    }

    /** An error with a reason code (and optional metadata such as the offending field). */
    public static ApiError withReason(String errorCode, String message, String reason, Map<String, String> metadata) {
        return new ApiError(
                errorCode,
                message,
                List.of(new Detail(
                        Detail.ERROR_INFO,
                        reason,
                        Detail.DOMAIN,
                        metadata == null || metadata.isEmpty() ? null : metadata)));
    }

    /** A 400 naming the field; a field name that came from the caller (an unknown key) is cut like any echo. */
    public static ApiError invalidParameter(String field, String message) {
        return withReason(
                INVALID_PARAMETER_VALUE,
                message,
                INVALID_PARAMETER_VALUE,
                field == null ? null : Map.of("field", Validation.shorten(field)));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(
            @JsonProperty("@type") String type, String reason, String domain, Map<String, String> metadata) {
        static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
        static final String DOMAIN = "warden";
    }
}
