package dev.warden.core.token;

import java.time.Duration;
import java.util.List;

/**
 * A request for a new personal token, with values as the caller sent them.
 * @param lifetime null for the default lifetime
 * @param scopes scope keys; null or empty means {@code all-apis} (the Databricks default)
 */
public record CreateTokenCommand(String comment, Duration lifetime, List<String> scopes) {
    public static final String COMMENT_FIELD = "comment";
    public static final String SCOPES_FIELD = "scopes";
    public static final int MAX_COMMENT_LENGTH = 255;
}
