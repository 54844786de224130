package dev.warden.core.shared;

/**
 * A refusal because the actor lacks something: a permission its current roles do not grant, or, for delegation,
 * something it would hand out without holding it. {@link #reason} names the rule that refused.
 */
public class PermissionDeniedException extends DomainException {
    /** The actor's roles do not grant the permission. */
    public static final String ROLE_LACKS_PERMISSION = "ROLE_LACKS_PERMISSION";
    /** The actor would receive a secret that can do more than the actor may. */
    public static final String SECRET_BEYOND_ACTOR = "SECRET_BEYOND_ACTOR";
    /** The actor would grant (a role, a permission, a membership, token usage) more than it holds. */
    public static final String GRANT_BEYOND_ACTOR = "GRANT_BEYOND_ACTOR";
    /** A revocation made with a higher authority than the actor's. */
    public static final String REVOCATION_AUTHORITY = "REVOCATION_AUTHORITY";

    private final String permission;
    private final String reason;

    public PermissionDeniedException(String permission, String message) {
        this(permission, ROLE_LACKS_PERMISSION, message);
    }

    public PermissionDeniedException(String permission, String reason, String message) {
        super(message);
        this.permission = permission;
        this.reason = reason;
    }

    public String permission() {
        return permission;
    }

    public String reason() {
        return reason;
    }
}
