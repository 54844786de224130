package dev.warden.core.shared;

/** A name that must be unique in the workspace is taken (user name, group name, role name). */
public class ResourceAlreadyExistsException extends DomainException {
    public ResourceAlreadyExistsException(String message) {
        super(message);
    }
}
