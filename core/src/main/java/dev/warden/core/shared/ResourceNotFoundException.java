package dev.warden.core.shared;

/** The thing asked for does not exist for this caller (or exists elsewhere: we never say which). */
public class ResourceNotFoundException extends DomainException {
    public ResourceNotFoundException(String message) {
        super(message);
    }
}
