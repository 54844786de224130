package dev.warden.web.shared;

import dev.warden.core.permission.Permission;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares, next to the route, the one permission an API endpoint needs. The endpoint catalogue is read from
 * these declarations, and a test fails for any {@code /api/**} route without one. The role and scope steps of
 * the decision chain enforce it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresPermission {
    /** The key of one of Warden's own permissions ({@code tokens:read}); an unknown key stops Warden at start. */
    String value();

    /**
     * The path variable naming a group when the permission may also be held at that group's scope (a group's
     * {@code group-admin} managing its members). Empty: the permission is needed at workspace scope.
     */
    String group() default "";

    /** Reads the declaration; a key that is not one of Warden's own permissions is a programming error. */
    final class Read {
        private Read() {}

        public static Permission permission(RequiresPermission declared) {
            return Permission.fromKey(declared.value())
                    .orElseThrow(() -> new IllegalStateException(
                            "@RequiresPermission(\"" + declared.value() + "\") names no permission of Warden's own"));
        }
    }
}
