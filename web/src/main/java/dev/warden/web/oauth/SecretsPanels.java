package dev.warden.web.oauth;

import dev.warden.core.oauth.ServicePrincipalSecretService;
import dev.warden.core.permission.Permission;
import dev.warden.core.principal.Actor;
import dev.warden.core.principal.PrincipalId;
import dev.warden.web.console.ConsoleAccess;
import java.time.Clock;
import org.springframework.stereotype.Component;

/** Builds a service principal's OAuth secrets section for whoever looks at its page (directory pages ask here). */
@Component
public class SecretsPanels {
    private final ServicePrincipalSecretService secrets;
    private final ConsoleAccess access;
    private final Clock clock;

    SecretsPanels(ServicePrincipalSecretService secrets, ConsoleAccess access, Clock clock) {
        this.secrets = secrets;
        this.access = access;
        this.clock = clock;
    }

    /** The section, or null when the viewer may not see secrets ({@code token-management:read}). */
    public SecretsPanelView of(Actor actor, long servicePrincipal) {
        if (!access.of(actor).readTokens()) {
            return null;
        }
        return SecretsPanelView.of(
                servicePrincipal,
                secrets.clientIdOf(actor, new PrincipalId(servicePrincipal)),
                secrets.all(actor, new PrincipalId(servicePrincipal)),
                access.of(actor).holds(Permission.TOKEN_MANAGEMENT_WRITE),
                secrets.maxLifetime(actor),
                ServicePrincipalSecretService.MAX_PER_SERVICE_PRINCIPAL,
                clock.instant());
    }
}
