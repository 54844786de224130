package dev.warden.core.shared;

/** The acting principal's current roles do not grant what it asked to do. */
public class PermissionDeniedException extends DomainException {
    private final String permission;

    public PermissionDeniedException(String permission, String message) {
        super(message);
        this.permission = permission;
    }

    public String permission() {
        return permission;
    }
}
