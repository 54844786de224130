package dev.warden.core.webhook;

import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;

/**
 * A workspace's webhook: where events go and which. Its signing secret is not part of it, so that no answer, log or
 * audit record that shows a webhook can show the secret.
 *
 * @param eventTypes the {@code type} strings it receives; empty: every type
 */
public record Webhook(
        long id, WorkspaceId workspace, String url, List<String> eventTypes, boolean enabled, Instant createdAt) {
    public Webhook {
        eventTypes = List.copyOf(eventTypes);
    }
}
