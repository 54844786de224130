package dev.warden.web.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An error of the OAuth endpoints under {@code /oidc/} in the shape of RFC 6749 §5.2 ({@code error},
 * {@code error_description}): what OAuth clients, the Databricks SDK among them, read there.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OAuthErrorBody(
        @JsonProperty("error") String error,
        @JsonProperty("error_description") String description) {
    public static final String INVALID_REQUEST = "invalid_request";
    public static final String SERVER_ERROR = "server_error";
    public static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

    /** The code for a status the infrastructure answers (a malformed request, an unknown path, a failure). */
    static String codeFor(int status) {
        if (status == 503) {
            return TEMPORARILY_UNAVAILABLE;
        }
        return status >= 500 ? SERVER_ERROR : INVALID_REQUEST;
    }

    /**
     * RFC 6749 §5.2: the description is limited to printable ASCII except '"' and '\'. Warden's sentences use a few
     * other characters (an ellipsis in a display hint, a dash); they become their nearest ASCII, anything else '?'.
     */
    public static OAuthErrorBody of(String error, String description) {
        if (description == null) {
            return new OAuthErrorBody(error, null);
        }
        String ascii = description
                .replace('…', '.')
                .replace('—', '-')
                .replace('–', '-')
                .replace('→', '>')
                .replace('"', '\'')
                .replace('\\', '/')
                .replaceAll("[^\\x20-\\x7E]", "?");
        return new OAuthErrorBody(error, ascii);
    }
}
