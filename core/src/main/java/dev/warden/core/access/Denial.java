package dev.warden.core.access;

import java.util.Objects;

/** A refusal: the stable reason and a message that says what failed and what would fix it. */
public record Denial(DenialReason reason, String message) {
    public Denial {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
