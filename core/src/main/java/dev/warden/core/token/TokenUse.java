package dev.warden.core.token;

import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One use of a token by a request, as the token use recorder keeps it until its coalesced write.
 * @param service the registered service that asked about the token (introspection or forward authentication), or
 *     null when the token called Warden's own API
 */
public record TokenUse(
        WorkspaceId workspace, TokenId token, Instant at, String clientAddress, String userAgent, String service) {
    public static final int MAX_ADDRESS_LENGTH = 64;
    public static final int MAX_USER_AGENT_LENGTH = 255;
    public static final int MAX_SERVICE_LENGTH = 32;

    public TokenUse {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(token, "token");
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS); // what the database can store
        clientAddress = truncate(clientAddress, MAX_ADDRESS_LENGTH);
        userAgent = truncate(userAgent, MAX_USER_AGENT_LENGTH);
        service = truncate(service, MAX_SERVICE_LENGTH);
    }

    /** A use of Warden's own API. */
    public TokenUse(WorkspaceId workspace, TokenId token, Instant at, String clientAddress, String userAgent) {
        this(workspace, token, at, clientAddress, userAgent, null);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
