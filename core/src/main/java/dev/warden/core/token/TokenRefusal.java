package dev.warden.core.token;

import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One refusal of an identified token, as "recent refusals" keep it: when, the request's method and path, the
 * decision chain's reason, and where the request came from. Never the Authorization header, and never the query
 * string (it may carry secrets): the path is cut at the first {@code ?}. Long values are cut to what the table stores.
 */
public record TokenRefusal(
        WorkspaceId workspace,
        TokenId token,
        Instant at,
        String method,
        String path,
        DenialReason reason,
        String clientAddress,
        String userAgent) {
    public static final int MAX_METHOD_LENGTH = 16;
    public static final int MAX_PATH_LENGTH = 512;
    public static final int MAX_ADDRESS_LENGTH = TokenUse.MAX_ADDRESS_LENGTH;
    public static final int MAX_USER_AGENT_LENGTH = TokenUse.MAX_USER_AGENT_LENGTH;

    public TokenRefusal {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(reason, "reason");
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS); // what the database can store
        method = truncate(method == null || method.isBlank() ? "GET" : method.strip(), MAX_METHOD_LENGTH);
        path = truncate(withoutQuery(path), MAX_PATH_LENGTH);
        clientAddress = truncate(clientAddress, MAX_ADDRESS_LENGTH);
        userAgent = truncate(userAgent, MAX_USER_AGENT_LENGTH);
    }

    /** The path without its query string or fragment; "/" when none was given. */
    static String withoutQuery(String path) {
        if (path == null || path.isBlank()) {
            return "/";
        }
        String stripped = path.strip();
        int cut = stripped.length();
        int query = stripped.indexOf('?');
        int fragment = stripped.indexOf('#');
        if (query >= 0) {
            cut = query;
        }
        if (fragment >= 0 && fragment < cut) {
            cut = fragment;
        }
        String bare = stripped.substring(0, cut);
        return bare.isEmpty() ? "/" : bare;
    }

    /** Cut to {@code max} characters, never between the two halves of a character outside the BMP. */
    private static String truncate(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }
}
