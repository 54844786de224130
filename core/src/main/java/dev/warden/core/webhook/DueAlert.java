package dev.warden.core.webhook;

import dev.warden.core.event.TokenEventType;
import dev.warden.core.token.TokenId;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Map;

/** An alerting event whose e-mail alert is due, with the event's data for the text. */
public record DueAlert(
        long eventId,
        WorkspaceId workspace,
        TokenEventType type,
        TokenId token,
        Instant occurredAt,
        Map<String, String> data,
        int attempts) {
    public DueAlert {
        data = Map.copyOf(data);
    }
}
