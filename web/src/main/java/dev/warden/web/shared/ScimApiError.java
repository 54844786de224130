package dev.warden.web.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A 400 for a SCIM request in both shapes at once: the Databricks fields ({@code error_code}, {@code message},
 * {@code details}), which the SDK reads first, and the SCIM error fields of RFC 7644 §3.12 ({@code schemas},
 * {@code scimType}, {@code detail}, {@code status}) for SCIM clients.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScimApiError(
        @JsonProperty("error_code") String errorCode,
        String message,
        List<ApiError.Detail> details,
        List<String> schemas,
        String scimType,
        String detail,
        String status) {
    static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    static ScimApiError badRequest(ApiError error, String scimType) {
        return new ScimApiError(
                error.errorCode(),
                error.message(),
                error.details(),
                List.of(ERROR_SCHEMA),
                scimType,
                error.message(),
                "400");
    }
}
