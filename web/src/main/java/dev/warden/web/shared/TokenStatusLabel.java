package dev.warden.web.shared;

import dev.warden.core.token.TokenStatus;

/** How the console names a token's status. */
public final class TokenStatusLabel {
    private TokenStatusLabel() {
    }

    public static String of(TokenStatus status) {
        return switch (status) {
            case ACTIVE -> "Active";
            case REVOKED -> "Revoked";
            case EXPIRED -> "Expired";
        };
    }
}
