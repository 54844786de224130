package dev.warden.core.token;

import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** One use of a token by a request, as the token use recorder keeps it until its coalesced write. */
public record TokenUse(WorkspaceId workspace, TokenId token, Instant at, String clientAddress, String userAgent) {
    public static final int MAX_ADDRESS_LENGTH = 64;
    public static final int MAX_USER_AGENT_LENGTH = 255;

    public TokenUse {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(token, "token");
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS); // what the database can store
        clientAddress = truncate(clientAddress, MAX_ADDRESS_LENGTH);
        userAgent = truncate(userAgent, MAX_USER_AGENT_LENGTH);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
