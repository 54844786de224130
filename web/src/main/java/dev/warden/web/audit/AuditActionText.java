package dev.warden.web.audit;

import dev.warden.core.audit.AuditAction;
import java.util.Locale;

/** An audit action as the console says it: "Token created", "Role assigned", "Token usage permissions changed". */
final class AuditActionText {
    private AuditActionText() {}

    static String of(AuditAction action) {
        return switch (action) {
            case TOKEN_ACL_CHANGED -> "Token usage permissions changed";
            case TOKEN_COMMENT_CHANGED -> "Token renamed";
            case TOKENS_BULK_REVOKED -> "Tokens revoked in bulk";
            case TOKEN_LEAK_REPORTED -> "Token revoked: reported as leaked";
            case CANARY_TRIGGERED -> "Canary token triggered";
            case LOGIN_SUCCEEDED -> "Signed in";
            case LOGIN_FAILED -> "Sign-in failed";
            case LOGIN_THROTTLED -> "Sign-in refused (too many failures)";
            case PASSWORD_CHANGED -> "Own password changed";
            case ADMIN_RECOVERED -> "Admin password recovered at start-up";
            case WORKSPACE_BOOTSTRAPPED -> "Workspace created";
            case WORKSPACE_SETTINGS_CHANGED -> "Workspace settings changed";
            case SERVICE_PRINCIPAL_SECRET_CREATED -> "OAuth secret created";
            case SERVICE_PRINCIPAL_SECRET_DELETED -> "OAuth secret deleted";
            default -> {
                String words = action.name().toLowerCase(Locale.ROOT).replace('_', ' ');
                yield Character.toUpperCase(words.charAt(0)) + words.substring(1);
            }
        };
    }
}
