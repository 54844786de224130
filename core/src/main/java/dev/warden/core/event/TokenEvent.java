package dev.warden.core.event;

import dev.warden.core.token.TokenId;
import dev.warden.core.workspace.WorkspaceId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something that happened to one token, as its webhooks deliver it.
 *
 * @param data what a receiver needs besides the token id (owner, authority, reason, client address …): plain strings,
 *     numbers and booleans only, never a secret
 */
public record TokenEvent(
        WorkspaceId workspace, TokenEventType type, TokenId token, Instant occurredAt, Map<String, Object> data) {
    public TokenEvent {
        data = Map.copyOf(new LinkedHashMap<>(data));
    }
}
