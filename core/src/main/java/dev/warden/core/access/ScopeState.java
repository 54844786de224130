package dev.warden.core.access;

import dev.warden.core.permission.Scope;
import java.time.Instant;

/**
 * One scope of a token and whether it works now.
 * @param description what the scope lets a token do, from the workspace's catalogue
 * @param live the owner's current roles grant it ({@code all-apis}: grant anything)
 * @param why for a dead scope, what took it away and, when the audit log tells, since when; null when live
 * @param since when the audit log tells when it died (the role lost the permission, the service the scope), else null
 */
public record ScopeState(Scope scope, String description, boolean live, String why, Instant since) {
    public ScopeState(Scope scope, String description, boolean live, String why) {
        this(scope, description, live, why, null);
    }
}
