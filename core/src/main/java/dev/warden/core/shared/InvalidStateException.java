package dev.warden.core.shared;

/** The request is well formed but does not fit the current state, e.g. restoring an active token. */
public class InvalidStateException extends DomainException {
    public InvalidStateException(String message) {
        super(message);
    }
}
