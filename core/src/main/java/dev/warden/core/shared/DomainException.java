package dev.warden.core.shared;

/** A broken rule of the domain: the caller asked for something Warden refuses, never a bug. */
public abstract class DomainException extends RuntimeException {
    protected DomainException(String message) {
        super(message);
    }
}
