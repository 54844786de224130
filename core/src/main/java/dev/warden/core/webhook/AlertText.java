package dev.warden.core.webhook;

import dev.warden.core.event.TokenEventType;
import dev.warden.core.token.AccessToken;
import java.util.List;
import java.util.Map;

/** The e-mail text of an alerting event: what happened, which token, what the event's data says, what to do. */
final class AlertText {
    /** The data fields worth a line, in this order, with their labels; the rest is listed after them. */
    private static final List<Map.Entry<String, String>> FIELDS = List.of(
            Map.entry("source", "Where it was found"),
            Map.entry("reporter_address", "Reported from"),
            Map.entry("client_address", "Client address"),
            Map.entry("user_agent", "User agent"),
            Map.entry("endpoint", "Endpoint"),
            Map.entry("reason", "Reason"));

    private AlertText() {}

    static String subject(DueAlert alert, AccessToken token) {
        return switch (alert.type()) {
            case LEAKED -> "Warden token " + token.id().value() + " was reported as leaked and is revoked";
            case CANARY_TRIGGERED -> "Warden canary token " + token.id().value() + " was used";
            default ->
                "Warden token " + token.id().value() + ": " + alert.type().type();
        };
    }

    static String text(DueAlert alert, AccessToken token) {
        StringBuilder text = new StringBuilder();
        text.append(what(alert.type())).append("\n\n");
        text.append("Token: ").append(token.id().value());
        if (token.comment() != null && !token.comment().isBlank()) {
            text.append(" (\"").append(token.comment()).append("\")");
        }
        text.append("\nOwner: ").append(alert.data().getOrDefault("owner_id", String.valueOf(token.owner())));
        text.append("\nWhen: ").append(alert.occurredAt()).append('\n');
        for (Map.Entry<String, String> field : FIELDS) {
            String value = alert.data().get(field.getKey());
            if (value != null && !value.isBlank()) {
                text.append(field.getValue()).append(": ").append(value).append('\n');
            }
        }
        text.append('\n').append(todo(alert.type()));
        return text.toString();
    }

    private static String what(TokenEventType type) {
        return switch (type) {
            case LEAKED ->
                "A Warden token was reported as leaked. Warden revoked it at once (authority INCIDENT): it no longer"
                        + " works.";
            case CANARY_TRIGGERED ->
                "Someone presented a Warden canary token. A canary is never handed to anyone, so whoever used it read"
                        + " it where it was planted. The request was refused as if the token did not exist.";
            default -> "Something happened to a Warden token: " + type.type() + ".";
        };
    }

    private static String todo(TokenEventType type) {
        return switch (type) {
            case LEAKED ->
                "What to do: create a new token for whatever used this one and put it in place; remove the leaked"
                        + " value from where it was found; check the audit log for use of the token before it was"
                        + " revoked.";
            case CANARY_TRIGGERED ->
                "What to do: treat the place where this canary was planted as compromised; find out who could read"
                        + " it, rotate the real credentials kept there, and check the audit log from the client"
                        + " address above.";
            default -> "";
        };
    }
}
