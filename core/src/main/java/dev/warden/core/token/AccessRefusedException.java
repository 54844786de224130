package dev.warden.core.token;

import dev.warden.core.shared.DomainException;

/** A refusal with one of the decision chain's reasons, raised outside the chain (e.g. when creating a token). */
public class AccessRefusedException extends DomainException {
    private final DenialReason reason;

    public AccessRefusedException(DenialReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DenialReason reason() {
        return reason;
    }
}
