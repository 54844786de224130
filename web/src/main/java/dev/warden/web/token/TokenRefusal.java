package dev.warden.web.token;

import dev.warden.core.token.AccessRefusedException;
import dev.warden.core.token.DenialReason;
import dev.warden.web.access.YourWords;
import java.util.List;

/**
 * Why the signed-in user cannot get a new token now, and whom to ask: shown on User settings → Access tokens
 * instead of the Generate button.
 * @param suspended the user's tokens do not work either (no token usage permission, or tokens off)
 */
record TokenRefusal(String reason, String title, String message, List<String> askWhom, boolean suspended) {

    /** @param me the signed-in user, whom the message addresses as "you" */
    static TokenRefusal of(AccessRefusedException e, List<String> admins, String me) {
        String title = switch (e.reason()) {
            case TOKENS_DISABLED -> "Personal access tokens are turned off in this workspace";
            case NO_TOKEN_USAGE_PERMISSION -> "You do not have permission to use tokens";
            default -> "You cannot create a token now";
        };
        boolean suspended =
                e.reason() == DenialReason.TOKENS_DISABLED || e.reason() == DenialReason.NO_TOKEN_USAGE_PERMISSION;
        return new TokenRefusal(e.reason().name(), title, YourWords.of(e.getMessage(), me), admins, suspended);
    }

    /** Why the user's tokens are suspended, in a few words, for the rows' status ("no token usage permission"). */
    public String shortReason() {
        return TokenFacts.shortReason(DenialReason.valueOf(reason));
    }

    public String askWhomText() {
        if (askWhom.isEmpty()) {
            return "Ask a workspace admin.";
        }
        return "Ask a workspace admin: " + String.join(", ", askWhom) + ".";
    }
}
